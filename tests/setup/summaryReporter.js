// Writes Jest's aggregated results (the object `jest --json` prints) to .data/jest-results.json
// on every run, so .ci/run can run exactly `npm test` and still print "N passed, N failed".
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = path.resolve(__dirname, '../../.data/jest-results.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(results));
  }
}

module.exports = SummaryReporter;
