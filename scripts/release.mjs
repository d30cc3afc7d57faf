#!/usr/bin/env node
// Releases every workspace package at one new version.
//   npm run release -- <version>             bump, changelog, build, npm publish each package
//   npm run release -- --dry-run <version>   the same on a temporary copy, with npm publish --dry-run:
//                                            the repository is left exactly as it was
//   --offline                                passed on to npm (no registry check of the version)
//
// A release:
// 1. sets `version` to <version> in package.json, in every packages/*/package.json and in
//    package-lock.json, and every dependency of a package on another @mlops/* package to exactly
//    <version> (a published @mlops/cli then installs the @mlops/core it was tested with);
// 2. replaces `@mlops/cli@<old>` by `@mlops/cli@<version>` in README.md, docs/*.md, the packages'
//    README.md (the docs show how to pin a version) and the GitLab CI template (it installs one; the
//    GitHub Action runs the version of its own package.json);
// 3. moves what CHANGELOG.md lists under "## Unreleased" under "## <version> (<date>)", leaving an
//    empty "Unreleased" (an empty "Unreleased" is refused: a release says what it changes);
// 4. builds (`node scripts/build.mjs`: bundles with the new version, and declarations), checks that
//    every file each package's exports map names exists, and publishes the packages in dependency
//    order (`npm publish`; access public, from each package's publishConfig).
// It then prints the commit and tag to make. A dry run does 1–3 on a copy of the files involved, runs
// `npm publish --dry-run` in a copy of each package (its built files as they are: a release rebuilds
// them after the bump) and prints what each would publish.
// Exit 0 when done, 1 when refused (a dirty work tree, an empty changelog, a missing built file, npm
// failing), 2 on a usage error.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv } from './pack-install.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** A refusal (exit 1) or a usage error (exit 2), printed as one `error: …` line. */
export class ReleaseError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** -1, 0 or 1 as semantic version a is below, equal to or above b (SemVer 2.0.0 §11). */
export function compareVersions(a, b) {
  const [pa, pb] = [VERSION.exec(a), VERSION.exec(b)];
  if (!pa || !pb) throw new ReleaseError(`not a version: ${pa ? b : a}`, 2);
  for (let index = 1; index <= 3; index++) {
    const difference = Number(pa[index]) - Number(pb[index]);
    if (difference !== 0) return Math.sign(difference);
  }
  if (pa[4] === pb[4]) return 0;
  if (pa[4] === undefined) return 1;
  if (pb[4] === undefined) return -1;
  const [ia, ib] = [pa[4].split('.'), pb[4].split('.')];
  for (let index = 0; index < Math.min(ia.length, ib.length); index++) {
    const [x, y] = [ia[index], ib[index]];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(ia.length - ib.length);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The workspace packages in dependency order (each after the packages it depends on). */
export function workspacePackages(root = ROOT) {
  const manifest = readJson(join(root, 'package.json'));
  const packages = manifest.workspaces.map((dir) => ({
    dir,
    manifest: readJson(join(root, dir, 'package.json')),
  }));
  const ordered = [];
  const visit = (pkg, path) => {
    if (ordered.includes(pkg)) return;
    if (path.includes(pkg))
      throw new ReleaseError(`dependency cycle: ${[...path, pkg].map((p) => p.dir).join(' → ')}`);
    for (const name of Object.keys(pkg.manifest.dependencies ?? {})) {
      const sibling = packages.find((other) => other.manifest.name === name);
      if (sibling) visit(sibling, [...path, pkg]);
    }
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered;
}

/** A manifest at `version`, its dependencies on `siblings` pinned to it. */
function bumpManifest(manifest, version, siblings) {
  const bumped = { ...manifest, version };
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'])
    if (manifest[field])
      bumped[field] = Object.fromEntries(
        Object.entries(manifest[field]).map(([name, range]) => [name, siblings.has(name) ? version : range]),
      );
  return bumped;
}

/** CHANGELOG.md with the "Unreleased" items under a heading of their own; refuses an empty list. */
export function releaseChangelog(text, version, date) {
  const heading = /^## Unreleased[ \t]*$/m.exec(text);
  if (!heading) throw new ReleaseError('CHANGELOG.md has no "## Unreleased" section');
  const start = heading.index + heading[0].length;
  const next = text.slice(start).search(/^## /m);
  const end = next === -1 ? text.length : start + next;
  const items = text.slice(start, end).trim();
  if (items === '')
    throw new ReleaseError('CHANGELOG.md: nothing under "## Unreleased"; say what this release changes');
  const after = text.slice(end);
  return `${text.slice(0, heading.index)}## Unreleased\n\n## ${version} (${date})\n\n${items}\n${after === '' ? '' : `\n${after}`}`;
}

/** The CI templates, which install a pinned `@mlops/cli@1.2.3`, relative to the root. */
const PINNED_TEMPLATES = ['ci/gitlab/mlops.gitlab-ci.yml'];

/** The docs and CI templates that show a pinned install (`@mlops/cli@1.2.3`), relative to the root. */
function pinnedDocs(root) {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const readmes = readdirSync(join(root, 'packages'))
    .map((dir) => `packages/${dir}/README.md`)
    .filter((path) => existsSync(join(root, path)));
  const templates = PINNED_TEMPLATES.filter((path) => existsSync(join(root, path)));
  return ['README.md', ...docs, ...readmes, ...templates];
}

/**
 * Every file a release changes, with its new content: path relative to the root → text. Pure apart
 * from reading the files.
 */
export function releaseEdits(root, version, date) {
  const rootManifest = readJson(join(root, 'package.json'));
  const current = rootManifest.version;
  if (!VERSION.test(version))
    throw new ReleaseError(`not a version: ${version} (want e.g. 1.2.0 or 1.2.0-rc.1)`, 2);
  if (compareVersions(version, current) <= 0)
    throw new ReleaseError(`${version} is not above the current version ${current}`, 2);
  const packages = workspacePackages(root);
  const siblings = new Set(packages.map((pkg) => pkg.manifest.name));
  const edits = new Map();
  edits.set('package.json', json({ ...rootManifest, version }));
  for (const pkg of packages)
    edits.set(`${pkg.dir}/package.json`, json(bumpManifest(pkg.manifest, version, siblings)));

  const lock = readJson(join(root, 'package-lock.json'));
  if (lock.version !== undefined) lock.version = version;
  if (lock.packages?.['']) lock.packages[''].version = version;
  for (const pkg of packages)
    if (lock.packages?.[pkg.dir])
      lock.packages[pkg.dir] = bumpManifest(lock.packages[pkg.dir], version, siblings);
  edits.set('package-lock.json', json(lock));

  const pinned = new RegExp(`@mlops/cli@${current.replace(/[.+]/g, '\\$&')}(?![0-9A-Za-z.+-])`, 'g');
  for (const path of pinnedDocs(root)) {
    const text = readFileSync(join(root, path), 'utf8');
    const replaced = text.replace(pinned, `@mlops/cli@${version}`);
    if (replaced !== text) edits.set(path, replaced);
  }
  edits.set(
    'CHANGELOG.md',
    releaseChangelog(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version, date),
  );
  return { current, packages, edits };
}

function npm(args, cwd, offline) {
  const result = spawnSync(NPM, [...args, ...(offline ? ['--offline'] : [])], {
    cwd,
    env: npmEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

/** The files of a package's exports map that do not exist (only the repository's own condition may point to sources). */
function missingExports(packageDir, manifest) {
  const targets = [];
  const walk = (value, condition) => {
    if (typeof value === 'string') {
      if (condition !== 'mlops-source') targets.push(value);
    } else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, key);
  };
  walk(manifest.exports, '');
  for (const target of Object.values(manifest.bin ?? {})) targets.push(target);
  return targets.filter((target) => !existsSync(join(packageDir, target)));
}

/** Copies what npm would pack of a package (package.json written from `manifest`). */
function copyPackage(from, to, manifest) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from))
    if (/^(readme|license|licence)(\..*)?$/i.test(entry) || (manifest.files ?? []).includes(entry))
      cpSync(join(from, entry), join(to, entry), { recursive: true });
  writeFileSync(join(to, 'package.json'), json(manifest));
}

function publishSummary(stdout, name) {
  const parsed = JSON.parse(stdout);
  const pack = parsed[name] ?? parsed;
  return `${pack.id}: ${(pack.size / 1000).toFixed(1)} kB packed, ${(pack.unpackedSize / 1000).toFixed(1)} kB unpacked, ${pack.entryCount} files`;
}

export function release({
  version,
  dryRun,
  offline,
  root = ROOT,
  date = new Date().toISOString().slice(0, 10),
  log = console.log,
}) {
  const { current, packages, edits } = releaseEdits(root, version, date);
  log(`${dryRun ? 'dry run: ' : ''}release ${current} → ${version}`);
  log(`files changed: ${[...edits.keys()].join(', ')}`);
  const changelog = edits.get('CHANGELOG.md');
  const entry = changelog.slice(changelog.indexOf(`## ${version} (`));
  log(entry.slice(0, entry.indexOf('\n## ', 1) === -1 ? undefined : entry.indexOf('\n## ', 1)).trimEnd());

  if (dryRun) {
    const copy = mkdtempSync(join(tmpdir(), 'mlops-release-'));
    try {
      for (const pkg of packages) {
        const manifest = JSON.parse(edits.get(`${pkg.dir}/package.json`));
        const missing = missingExports(join(root, pkg.dir), manifest);
        if (missing.length > 0)
          throw new ReleaseError(`${manifest.name}: ${missing.join(', ')} missing (run npm run build first)`);
        const target = join(copy, pkg.dir);
        copyPackage(join(root, pkg.dir), target, manifest);
        const result = npm(['publish', '--dry-run', '--json'], target, offline);
        if (result.status !== 0)
          throw new ReleaseError(`npm publish --dry-run of ${manifest.name} failed:\n${result.stderr}`);
        log(`  ${publishSummary(result.stdout, manifest.name)}`);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    log(
      'nothing was written; a release would also build, publish each package, and print the commit and tag to make',
    );
    return;
  }

  const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (status !== '')
    throw new ReleaseError(`the work tree has changes; commit or stash them first:\n${status}`);
  for (const [path, text] of edits) writeFileSync(join(root, path), text);
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new ReleaseError('the build failed; the version is bumped in the work tree');
  for (const pkg of packages) {
    const missing = missingExports(join(root, pkg.dir), pkg.manifest);
    if (missing.length > 0)
      throw new ReleaseError(`${pkg.manifest.name}: ${missing.join(', ')} missing after the build`);
  }
  for (const pkg of packages) {
    const result = npm(['publish', '--json'], join(root, pkg.dir), offline);
    if (result.status !== 0)
      throw new ReleaseError(
        `npm publish of ${pkg.manifest.name} failed (those before it are published):\n${result.stderr}`,
      );
    log(`  published ${publishSummary(result.stdout, pkg.manifest.name)}`);
  }
  log(`now: git commit -am "release: ${version}" && git tag v${version} && git push --follow-tags`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((arg) => arg.startsWith('-')));
  const positional = args.filter((arg) => !arg.startsWith('-'));
  try {
    const unknown = [...flags].filter((flag) => flag !== '--dry-run' && flag !== '--offline');
    if (unknown.length > 0)
      throw new ReleaseError(
        `unknown option ${unknown[0]} (usage: release [--dry-run] [--offline] <version>)`,
        2,
      );
    if (positional.length !== 1)
      throw new ReleaseError('give one version (usage: release [--dry-run] [--offline] <version>)', 2);
    release({ version: positional[0], dryRun: flags.has('--dry-run'), offline: flags.has('--offline') });
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}
