#!/usr/bin/env node
// `npm run bench`: runs every benchmark in scripts/bench/ (or those named: `npm run bench -- drift --rows 100000`),
// each in its own process, one after the other. Each prints its own figures.
// The bins must be built first (`npm install` or `npm run build` does it).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.replace(/\.mjs$/, ''))
  .sort();
// Words naming a benchmark choose it; everything else goes to each chosen benchmark.
const wanted = process.argv.slice(2).filter((arg) => available.includes(arg));
const passThrough = process.argv.slice(2).filter((arg) => !available.includes(arg));
const benches = available
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .map((name) => `${name}.mjs`);

let failed = false;
for (const file of benches) {
  console.log(`\n## ${file.replace(/\.mjs$/, '')}\n`);
  const result = spawnSync(process.execPath, [join(folder, file), ...passThrough], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
