// Prints the licence of every npm package whose code is in the bundle (from esbuild's metafile): name, version,
// licence name, and the text of its LICENSE file.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const meta = JSON.parse(readFileSync(process.argv[2], "utf8"));
const packages = new Map();
for (const input of Object.keys(meta.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.set(m[1], join("node_modules", m[1]));
}
const out = [
  "Third-party software in editor.bundle.js (Moviola's web playground), built by web/build.sh from the npm registry.",
  "Each package's name, version, licence and licence text follow.",
  "",
];
for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f));
  out.push("=".repeat(78), `${name} ${pkg.version} (${pkg.license ?? "see below"})`, "=".repeat(78));
  out.push(file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim() : `(no licence file in the package; package.json says: ${pkg.license})`, "");
}
process.stdout.write(out.join("\n") + "\n");
