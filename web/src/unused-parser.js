// Stands in for codemirror-json-schema's JSON5 and YAML parsers: the playground edits JSON only.
function unused() {
  throw new Error("the playground's editor reads JSON only");
}
export const parseJSON5DocumentState = unused;
export const parseYAMLDocumentState = unused;
