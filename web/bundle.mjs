// esbuild with two replacements inside codemirror-json-schema, which the playground does not use and which would
// make the bundle five times larger: its markdown renderer (markdown-it + shiki grammars) and its JSON5/YAML parsers.
import * as esbuild from "esbuild";
import { resolve } from "node:path";
import { writeFileSync } from "node:fs";

const [entry, outfile, metafile] = process.argv.slice(2);
const replacements = [
  { filter: /\/utils\/markdown(\.js)?$/, to: resolve("src/markdown.js") },
  { filter: /^\.\/(json5|yaml)-parser(\.js)?$/, to: resolve("src/unused-parser.js") },
];
const lean = {
  name: "lean",
  setup(build) {
    for (const r of replacements) {
      build.onResolve({ filter: r.filter }, (args) =>
        args.importer.includes("codemirror-json-schema") ? { path: r.to } : undefined);
    }
  },
};
const result = await esbuild.build({
  entryPoints: [entry], bundle: true, minify: true, format: "iife", globalName: "MoviolaEditor", target: "es2020",
  legalComments: "none", metafile: true, outfile, plugins: [lean], logLevel: "warning",
});
writeFileSync(metafile, JSON.stringify(result.metafile));
