#!/usr/bin/env node
// `npm run bench`: runs every benchmark in scripts/bench/ (or those named: `npm run bench -- drift`),
// each in its own process, one after the other. Each prints its own figures.
// The bins must be built first (`npm install` or `npm run build` does it).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const passThrough = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const benches = readdirSync(folder)
  .filter((file) => file.endsWith('.mjs'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.mjs$/, '')))
  .sort();
if (benches.length === 0) {
  console.error(`error: no benchmark matches ${wanted.join(', ')} (see scripts/bench/)`);
  process.exit(2);
}
let failed = false;
for (const file of benches) {
  console.log(`\n## ${file.replace(/\.mjs$/, '')}\n`);
  const result = spawnSync(process.execPath, [join(folder, file), ...passThrough], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
