// The playground's editor: CodeMirror 6 with JSON highlighting, completion, hover and lint from the movie
// schema, and the server's own validation (debounced) shown at the lines its JSON paths name.
// Built by web/build.sh into src/main/resources/dev/moviola/playground/editor.bundle.js (global MoviolaEditor).
import { basicSetup } from "codemirror";
import { EditorView, hoverTooltip, keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { json, jsonLanguage, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter, forceLinting, forEachDiagnostic, setDiagnosticsEffect } from "@codemirror/lint";
import { indentWithTab } from "@codemirror/commands";
import { startCompletion, currentCompletions } from "@codemirror/autocomplete";
import { jsonCompletion, jsonSchemaHover, jsonSchemaLinter, stateExtensions, updateSchema } from "codemirror-json-schema";
import { locate, lineColumn, parsePath } from "./paths.js";
import { forTheEditor } from "./schema.js";
import { disableErrorLogging } from "best-effort-json-parser";

// The schema features read half-typed JSON with this parser, which would log every unfinished document as an error.
disableErrorLogging();

/**
 * Makes an editor in {@code parent}.
 * options.validate(text) -> Promise<[{severity, path, message}] | null>: the server's problems (null: not available).
 * options.onChange(text): after each change.
 * options.onDiagnostics(): after the problems shown have changed.
 */
export function create(parent, options = {}) {
  const schemaLint = jsonSchemaLinter();
  const syntaxLint = jsonParseLinter();
  let lastServer = [];

  const source = async (view) => {
    const state = view.state;
    const local = syntaxLint(view);
    if (local.length === 0) {
      try {
        local.push(...schemaLint(view).map((d) => ({ ...d, source: "schema" })));
      } catch (e) {
        console.warn("schema lint failed", e);
      }
    }
    let server = [];
    if (options.validate) {
      const problems = await options.validate(state.doc.toString());
      if (problems) lastServer = problems;
      server = toDiagnostics(state, problems ?? []);
    }
    // The server's word first; a schema finding on the same line says the same thing less precisely.
    const lineOf = (d) => state.doc.lineAt(Math.min(d.from, state.doc.length)).number + ":" + d.severity;
    const seen = new Set(server.map(lineOf));
    return [...server, ...local.filter((d) => !(d.source === "schema" && seen.has(lineOf(d))))];
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc ?? "",
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        EditorView.lineWrapping,
        json(),
        jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
        hoverTooltip(jsonSchemaHover()),
        stateExtensions(),
        lintGutter(),
        linter(source, { delay: options.delay ?? 500 }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && options.onChange) options.onChange(u.state.doc.toString());
          if (options.onDiagnostics && u.transactions.some((t) => t.effects.some((e) => e.is(setDiagnosticsEffect)))) {
            options.onDiagnostics();
          }
        }),
      ],
    }),
  });

  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setSchema(schema) {
      updateSchema(view, forTheEditor(schema));
      forceLinting(view);
    },
    relint: () => forceLinting(view),
    /** Opens completion at the cursor, as Ctrl-Space does. */
    complete: () => startCompletion(view),
    /** The completions offered now (their labels). */
    completions: () => currentCompletions(view.state).map((c) => c.label),
    /** The problems shown now: [{line, from, to, severity, source, message}], lines from 1. */
    diagnostics() {
      const out = [];
      forEachDiagnostic(view.state, (d, from, to) => {
        out.push({ line: view.state.doc.lineAt(from).number, from, to, severity: d.severity, source: d.source ?? "", message: d.message });
      });
      return out;
    },
    /** Moves the cursor to a problem's place and scrolls there. */
    reveal(path) {
      const r = locate(view.state, path);
      view.dispatch({ selection: { anchor: r.from, head: r.to }, scrollIntoView: true });
      view.focus();
    },
    serverProblems: () => lastServer,
  };
}

/** Problems with JSON paths as editor diagnostics at their places. */
export function toDiagnostics(state, problems) {
  return problems.map((p) => {
    const r = lineColumn(state, p.message) && /not valid JSON/.test(p.message) ? lineColumn(state, p.message) : locate(state, p.path);
    const where = p.path && !r.exact ? p.path + ": " : "";
    return {
      from: r.from,
      to: r.to,
      severity: p.severity === "warning" ? "warning" : "error",
      source: "server",
      message: where + p.message,
    };
  });
}

export { locate, parsePath };
