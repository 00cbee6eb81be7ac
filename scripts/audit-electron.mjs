#!/usr/bin/env node
/**
 * `npm run audit:electron`: Doyensec's Electronegativity over src/ (tests and test helpers left
 * out: they never ship). Fails on any HIGH finding, on any finding not accepted in
 * docs/ELECTRON-SECURITY.md (the table there: check id, file, reason), and on files it could not
 * parse, so a new risky pattern cannot slip in unnoticed and an accepted one always has a reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;
const DOC = 'docs/ELECTRON-SECURITY.md';

/** "| CHECK_ID | main/file.ts | reason |" rows of the accepted-findings table. */
function accepted() {
  const rows = new Map();
  for (const line of readFileSync(path.join(ROOT, DOC), 'utf8').split('\n')) {
    const cells = line.split('|').map((c, i) => (i < 3 ? c.trim().replace(/^`|`$/g, '') : c.trim()));
    if (cells.length >= 5 && /^[A-Z_]+_CHECK$/.test(cells[1]) && cells[3]) rows.set(`${cells[1]} ${cells[2]}`, cells[3]);
  }
  return rows;
}

const notShipped = (file) => /\.test\.tsx?$/.test(file) || /(^|\/)testing\//.test(file);

const result = await run({
  input: path.join(ROOT, 'src'),
  isRelative: true,
  electronVersionOverride: electronVersion,
  // It downloads Electron's release list with no timeout, which would hang on a closed network;
  // keeping Electron current is npm's and Dependabot's job, not a static check's.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
const ok = accepted();
const findings = result.issues.filter((i) => !notShipped(i.file));
const high = findings.filter((i) => i.severity.name === 'HIGH');
const unaccepted = findings.filter((i) => i.severity.name !== 'HIGH' && !ok.has(`${i.id} ${i.file}`));
const unparsed = result.errors.filter((e) => !e.tolerable && !notShipped(path.relative(path.join(ROOT, 'src'), e.file)));

for (const i of findings) {
  const why = ok.get(`${i.id} ${i.file}`);
  const tag = i.severity.name === 'HIGH' ? 'HIGH (never accepted)' : why ? 'accepted' : 'NOT ACCEPTED';
  console.log(`${i.severity.name.padEnd(6)} ${i.id} src/${i.file}:${i.location.line} — ${tag}${why ? `: ${why}` : ''}`);
}
for (const e of unparsed) console.log(`could not parse ${e.file}: ${e.message}`);
console.log(
  `electronegativity (Electron ${electronVersion}, ${result.globalChecks + result.atomicChecks} checks): ` +
    `${findings.length} findings, ${high.length} high, ${unaccepted.length} not accepted in ${DOC}, ${unparsed.length} files unparsed`,
);
process.exit(high.length + unaccepted.length + unparsed.length === 0 ? 0 : 1);
