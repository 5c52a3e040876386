// Where a problem's JSON path ("scenes[1].elements[0].src", as the server's errors carry it) is in the editor's text.
// Walks the Lezer JSON syntax tree, which exists even while the text has syntax errors.
import { syntaxTree } from "@codemirror/language";

/** "scenes[1][\"my key\"].src (iteration 2 of rooms)" -> ["scenes", 1, "my key", "src"]; null when unreadable. */
export function parsePath(path) {
  let s = String(path ?? "").replace(/\s+\([^()]*\)\s*$/, ""); // a note after the path: "(iteration 2 of rooms)"
  const out = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ".") {
      i++;
    } else if (c === "[") {
      const close = s[i + 1] === '"' ? closingQuote(s, i + 1) + 1 : s.indexOf("]", i);
      if (close <= i || s[close] !== "]") return null;
      const inside = s.slice(i + 1, close);
      out.push(inside.startsWith('"') ? JSON.parse(inside) : Number(inside));
      i = close + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== "." && s[j] !== "[") j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

function closingQuote(s, open) {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

function children(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const VALUES = new Set(["Object", "Array", "String", "Number", "True", "False", "Null"]);

function keyText(state, nameNode) {
  const raw = state.doc.sliceString(nameNode.from, nameNode.to);
  try {
    return JSON.parse(raw);
  } catch {
    return raw.replace(/^"|"$/g, "");
  }
}

/**
 * The range of the text a path names: {from, to, exact}. A property's key (and its value when that is short), an
 * array item's first line; when the text has no such place (a key the problem says is missing), the deepest
 * place it has, with exact false.
 */
export function locate(state, path) {
  const segments = parsePath(path) ?? [];
  const tree = syntaxTree(state);
  let value = children(tree.topNode).find((n) => VALUES.has(n.name));
  const firstLine = state.doc.line(1);
  if (!value) return { from: firstLine.from, to: firstLine.to, exact: segments.length === 0 };
  let key = null; // the PropertyName of the value reached, when it is an object's
  let reached = 0;
  for (const seg of segments) {
    let next = null;
    let nextKey = null;
    if (typeof seg === "number" && value.name === "Array") {
      next = children(value).filter((n) => VALUES.has(n.name))[seg] ?? null;
    } else if (typeof seg === "string" && value.name === "Object") {
      for (const p of children(value).filter((n) => n.name === "Property")) {
        const name = p.getChild("PropertyName");
        if (name && keyText(state, name) === seg) {
          nextKey = name;
          next = children(p).find((n) => VALUES.has(n.name)) ?? null;
        }
      }
      if (nextKey && !next) { // a key without its value yet
        return { from: nextKey.from, to: nextKey.to, exact: reached + 1 === segments.length };
      }
    }
    if (!next) break;
    value = next;
    key = nextKey;
    reached++;
  }
  const exact = reached === segments.length;
  const container = value.name === "Object" || value.name === "Array";
  if (key) {
    return { from: key.from, to: container ? key.to : value.to, exact };
  }
  const line = state.doc.lineAt(value.from);
  return { from: value.from, to: container ? Math.min(line.to, value.to) : value.to, exact };
}

/** "... at line 3, column 7: ..." in a message about text that is not JSON: that place, else null. */
export function lineColumn(state, message) {
  const m = /line (\d+), column (\d+)/.exec(message ?? "");
  if (!m) return null;
  const n = Math.min(Math.max(1, Number(m[1])), state.doc.lines);
  const line = state.doc.line(n);
  const from = Math.min(line.to, line.from + Math.max(0, Number(m[2]) - 1));
  return { from, to: Math.max(from, Math.min(line.to, from + 1)), exact: true };
}
