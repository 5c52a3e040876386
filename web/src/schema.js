// The movie schema as the editor's schema library can take it (see forTheEditor).

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_ONE = new Set(["not", "if", "then", "else", "items", "additionalItems", "additionalProperties", "contains",
  "propertyNames", "unevaluatedItems", "unevaluatedProperties"]);
const COMBINERS = ["$ref", "anyOf", "oneOf", "not"];

/**
 * The schema (JSON Schema 2020-12) as codemirror-json-schema's validator, json-schema-library 9, can take it, with
 * the same meaning: that library fails on a schema object with more than one of $ref, allOf, anyOf, oneOf and not
 * (they go into one allOf), and URI-decodes the keys of patternProperties (a "%" in "^[@?$%&_]" becomes "\\x25").
 */
export function forTheEditor(schema) {
  if (Array.isArray(schema)) return schema.map(forTheEditor);
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) =>
        [key === "patternProperties" ? k.replaceAll("%", "\\x25") : k, forTheEditor(v)]));
    } else if (SCHEMA_LISTS.has(key) || SCHEMA_ONE.has(key)) {
      out[key] = forTheEditor(value);
    } else {
      out[key] = value; // enum, const, default, examples, descriptions: data, as it is
    }
  }
  const typed = out.enum || Array.isArray(out.type) || typeof out.type === "string";
  const combined = COMBINERS.filter((k) => k in out);
  if (!typed && combined.length + ("allOf" in out ? 1 : 0) > 1) {
    out.allOf = [...(out.allOf || []), ...combined.map((k) => ({ [k]: out[k] }))];
    combined.forEach((k) => delete out[k]);
  }
  return out;
}
