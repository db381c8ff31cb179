// A ratchet while issue 12's lint pass is under way: ESLint's findings over the whole tree may not
// grow past the count recorded in ops/lint/eslint-baseline.txt (lower it as findings are fixed;
// `npm run lint` is the goal, at zero). Reads `eslint -f json` output on stdin.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const results = JSON.parse(readFileSync(0, 'utf8'));
const baseline = Number(readFileSync(path.join(__dirname, 'eslint-baseline.txt'), 'utf8').trim());
const byRule = {};
let total = 0;
for (const file of results) {
  for (const m of file.messages) {
    byRule[m.ruleId ?? 'parse'] = (byRule[m.ruleId ?? 'parse'] ?? 0) + 1;
    total += 1;
  }
}
console.log(`ESLint: ${total} findings (baseline ${baseline})`);
for (const [rule, n] of Object.entries(byRule).sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${rule}`);
if (total > baseline) {
  console.log(`ESLint findings grew from ${baseline} to ${total}: fix the new ones (npx eslint <files>).`);
  process.exit(1);
}
