#!/usr/bin/env node
// Packs every workspace package (`npm pack`) and installs the tarballs into an empty folder outside
// the repository (`npm install ./*.tgz`), which is what a user of the published packages gets.
//   node scripts/pack-install.mjs          pack, install, print each tarball's size, the installed size
//                                          and start-up times, then remove the folder
//   node scripts/pack-install.mjs --keep   the same, and leave the folder (its path is printed)
// tests/e2e/pack-install.test.ts uses packAndInstall and runs every bin of that install on the fixtures.
//
// The install reads npm's cache (`--offline`: `npm ci` has put every dependency's tarball there); where
// the cache lacks a dependency's metadata (a fresh machine), it installs again with `--prefer-offline`,
// which asks the npm registry for what the cache lacks and nothing else.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The environment for npm run from here: npm run-script passes its own configuration down as
 * npm_config_* variables (the repository as local prefix among them), which must not reach an npm
 * working elsewhere; the cache, registry and user config stay, so that the same cache is read.
 */
export function npmEnv(env = process.env) {
  const kept = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !key.toLowerCase().startsWith('npm_') || kept.has(key.toLowerCase()),
    ),
  );
}

function npm(args, cwd) {
  const result = spawnSync(NPM, args, { cwd, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/**
 * Packs every workspace package into `destination`. Each tarball: the package's name, version, file
 * name (absolute), size in bytes, unpacked size and the paths it holds.
 */
export function packWorkspaces(destination) {
  mkdirSync(destination, { recursive: true });
  const result = npm(['pack', '--workspaces', '--json', '--pack-destination', destination], ROOT);
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  return JSON.parse(result.stdout).map((pack) => ({
    name: pack.name,
    version: pack.version,
    file: join(destination, pack.filename),
    size: pack.size,
    unpackedSize: pack.unpackedSize,
    paths: pack.files.map((file) => file.path).sort(),
  }));
}

/** Installs the tarballs into `folder` (an empty project is created there) from npm's cache. */
export function installTarballs(folder, tarballs) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'pack-install', private: true }, null, 2)}\n`,
  );
  const args = [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...tarballs.map((tarball) => tarball.file),
  ];
  let result = npm([...args, '--offline'], folder);
  if (result.status !== 0 && /ENOTCACHED/.test(result.stderr))
    result = npm([...args, '--prefer-offline'], folder);
  if (result.status !== 0) throw new Error(`npm install of the tarballs failed:\n${result.stderr}`);
}

/** Bytes of the files under `folder` (symbolic links count as themselves, not their targets). */
export function folderBytes(folder) {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : lstatSync(path).size;
  }
  return total;
}

/**
 * Packs every workspace package into `folder`/tarballs and installs them into `folder`/project.
 * Returns the tarballs, the project folder, and the seconds each step took.
 */
export function packAndInstall(folder) {
  const started = performance.now();
  const tarballs = packWorkspaces(join(folder, 'tarballs'));
  const packed = performance.now();
  const project = join(folder, 'project');
  installTarballs(project, tarballs);
  const installed = performance.now();
  return {
    tarballs,
    project,
    packSeconds: (packed - started) / 1000,
    installSeconds: (installed - packed) / 1000,
  };
}

/** Median wall time in milliseconds of `runs` runs of each command, interleaved. */
function startUpTimes(commands, runs, cwd) {
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, [file, ...args]] of Object.entries(commands)) {
      const started = performance.now();
      const result = spawnSync(file, args, { cwd, env: npmEnv(), stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${name} failed (exit ${result.status})`);
      times[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, list]) => [
      name,
      list.sort((a, b) => a - b)[Math.floor(list.length / 2)],
    ]),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const keep = process.argv.includes('--keep');
  const folder = mkdtempSync(join(tmpdir(), 'mlops-pack-'));
  try {
    const { tarballs, project, packSeconds, installSeconds } = packAndInstall(folder);
    const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
    console.log(`packed in ${packSeconds.toFixed(1)} s, installed in ${installSeconds.toFixed(1)} s`);
    for (const tarball of tarballs)
      console.log(
        `  ${tarball.name}@${tarball.version}: ${kB(tarball.size)} packed, ${kB(tarball.unpackedSize)} unpacked, ${tarball.paths.length} files`,
      );
    const modules = join(project, 'node_modules');
    const ours = join(modules, '@mlops');
    console.log(
      `installed: ${kB(folderBytes(modules))} in node_modules, of which ${kB(folderBytes(ours))} in @mlops/`,
    );
    const mlops = join(modules, '.bin', 'mlops');
    const times = startUpTimes(
      {
        'node -e 0': [process.execPath, '-e', '0'],
        'node_modules/.bin/mlops --version': [mlops, '--version'],
        // A command's start-up: the whole command tree loads (the Parquet and Arrow readers do not).
        'node_modules/.bin/mlops --help': [mlops, '--help'],
        'npx mlops --version': [NPM.replace(/^npm/, 'npx'), 'mlops', '--version'],
      },
      15,
      project,
    );
    const base = times['node -e 0'];
    console.log('start-up (median of 15 runs, wall time):');
    for (const [name, ms] of Object.entries(times))
      console.log(`  ${name}: ${ms.toFixed(0)} ms (${(ms / base).toFixed(2)}× node -e 0)`);
    if (keep) console.log(`kept: ${folder}`);
  } finally {
    if (!keep) rmSync(folder, { recursive: true, force: true });
  }
}
