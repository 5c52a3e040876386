// Stands in for codemirror-json-schema's markdown renderer (markdown-it + shiki, megabytes of grammars) in the
// bundle: schema descriptions are short plain sentences; `code` is shown as code, the rest as text.
function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function renderMarkdown(markdown, inline = true) {
  const html = escape(markdown ?? "").replace(/`([^`]+)`/g, "<code>$1</code>");
  return inline ? html : `<p>${html}</p>`;
}
