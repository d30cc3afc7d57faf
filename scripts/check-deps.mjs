#!/usr/bin/env node
// `npm run lint` runs this: every dependency declared in the root package.json and in each workspace
// package must be used.
//   node scripts/check-deps.mjs [repository folder]
// Exit 0 when all are used; 1 naming those that are not, one line per package.json; 2 when a file
// cannot be read.
//
// Used means:
// - "dependencies" (and optional and peer ones): named by a string in the package's own code, outside
//   tests (`*.test.*`, `*.spec.*`, and folders named testing, tests, test, __tests__, fixtures, scripts)
//   and config files: an import, a require, `createRequire(…)('x')`, an import of 'x/sub/path'.
// - "devDependencies": named by a string in any code or config file of the package (the root's: of the
//   whole repository, since workspace tests use the root's tools), by a path through node_modules/x/,
//   or by one of its bins (`biome`, `tsc`, …) in a script of that package.json.
// - `@types/x` is used when x is (`@types/scope__name` for `@scope/name`); `@types/node` when a Node
//   built-in is imported or a tsconfig lists "node" in its types.
// Strings are read by a small lexer that skips comments, so a dependency named only in a comment is
// unused. dist, node_modules, coverage and dot-folders are never read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const CONFIG_FILE = /^(?:tsconfig.*\.json|jsconfig\.json|biome\.jsonc?|.*\.config\.[cm]?[jt]s)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_FOLDERS = new Set(['testing', 'tests', 'test', '__tests__', 'fixtures', 'scripts']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage']);
const RUNTIME_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];
/** A source or config file larger than this is a mistake (a data file with a code extension). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** After these, a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set([
  ...'(,=:[!&|?{};+-*%<>~^',
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
  'instanceof',
]);

/**
 * The contents of the string literals of JavaScript, TypeScript or JSON text: quoted strings and
 * template literals without substitutions, never what comments or regular expressions hold.
 *
 * @example
 * stringLiterals("import x from 'a'; // 'b'\nconst r = /'c'/;") // => ['a']
 */
export function stringLiterals(text) {
  const literals = [];
  /** Brace depth at which each open template substitution `${` closes. */
  const templates = [];
  let depth = 0;
  let previous = '';
  let index = 0;
  if (text.startsWith('#!')) {
    // A hashbang line is not code.
    const end = text.indexOf('\n');
    index = end === -1 ? text.length : end;
  }
  const readTemplate = () => {
    // At the first character after a backtick or after the `}` closing a substitution.
    let content = '';
    while (index < text.length) {
      const character = text[index];
      if (character === '\\') {
        content += text.slice(index, index + 2);
        index += 2;
      } else if (character === '`') {
        index++;
        return { content, closed: true };
      } else if (character === '$' && text[index + 1] === '{') {
        index += 2;
        templates.push(depth);
        depth++;
        return { content, closed: false };
      } else {
        content += character;
        index++;
      }
    }
    return { content, closed: true };
  };
  while (index < text.length) {
    const character = text[index];
    const next = text[index + 1];
    if (character === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (character === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else if (character === "'" || character === '"') {
      let content = '';
      index++;
      while (index < text.length && text[index] !== character && text[index] !== '\n') {
        if (text[index] === '\\') {
          // Escapes are kept as written: no package name has one.
          content += text.slice(index, index + 2);
          index += 2;
        } else {
          content += text[index];
          index++;
        }
      }
      index++;
      literals.push(content);
      previous = 'string';
    } else if (character === '`') {
      index++;
      const { content, closed } = readTemplate();
      if (closed) literals.push(content);
      previous = 'string';
    } else if (character === '}' && templates.length > 0 && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      index++;
      readTemplate();
      previous = 'string';
    } else if (character === '/' && BEFORE_REGEX.has(previous)) {
      index = endOfRegex(text, index);
      previous = 'regex';
    } else if (/[\w$]/.test(character)) {
      const start = index;
      while (index < text.length && /[\w$]/.test(text[index])) index++;
      previous = text.slice(start, index);
    } else {
      if (character === '{') depth++;
      if (character === '}') depth--;
      if (!/\s/.test(character)) previous = character;
      index++;
    }
  }
  return literals;
}

/** The index just past the regular expression literal starting at `start` (its flags included). */
function endOfRegex(text, start) {
  let index = start + 1;
  let inClass = false;
  while (index < text.length && text[index] !== '\n') {
    const character = text[index];
    if (character === '\\') index++;
    else if (character === '[') inClass = true;
    else if (character === ']') inClass = false;
    else if (character === '/' && !inClass) break;
    index++;
  }
  index++;
  while (index < text.length && /[a-z]/i.test(text[index])) index++;
  return index;
}

/** Whether the string `value` names package `name`: 'x', 'x/sub/path', or a path through node_modules/x/. */
export function namesPackage(value, name) {
  return value === name || value.startsWith(`${name}/`) || value.includes(`node_modules/${name}/`);
}

/** The package `@types/x` describes: 'x', or '@scope/name' for '@types/scope__name'. */
export function typedPackage(typesName) {
  const bare = typesName.slice('@types/'.length);
  return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (value) => value.startsWith('node:') || BUILTINS.has(value.split('/')[0]);

/** The words of npm scripts, split at blanks and shell operators: where bins are named. */
export function scriptWords(scripts) {
  return new Set(
    Object.values(scripts ?? {})
      .filter((script) => typeof script === 'string')
      .flatMap((script) => script.split(/[\s;&|()<>]+/))
      .filter(Boolean),
  );
}

/**
 * The bins of an installed package (from its package.json `bin`), found from `folder` upwards; when it is
 * not installed, the last part of its name (`@biomejs/biome` → `biome`), the usual bin name.
 */
function binsOf(name, folder, root) {
  for (let current = folder; ; current = dirname(current)) {
    const manifest = join(current, 'node_modules', name, 'package.json');
    try {
      const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof bin === 'string') return [name.split('/').pop()];
      return Object.keys(bin ?? {});
    } catch (error) {
      if (error.code !== 'ENOENT') throw new Error(`cannot read ${manifest}: ${error.message}`);
    }
    if (current === root || dirname(current) === current) return [name.split('/').pop()];
  }
}

/** Code and config files under `folder`, with whether each is test or tooling code. */
function sourceFiles(folder) {
  const files = [];
  const walk = (current, inTests) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
        walk(path, inTests || TEST_FOLDERS.has(entry.name));
      } else if (entry.isFile() && (CODE_FILE.test(entry.name) || CONFIG_FILE.test(entry.name))) {
        const config = CONFIG_FILE.test(entry.name);
        files.push({ path, config, test: inTests || config || TEST_FILE.test(entry.name) });
      }
    }
  };
  walk(folder, false);
  return files;
}

function readSource(path) {
  const { size } = statSync(path);
  if (size > MAX_FILE_BYTES) {
    throw new Error(`${path} is ${size} bytes, over the 4 MiB a source file may have`);
  }
  return readFileSync(path, 'utf8');
}

function readManifest(path) {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${error.message})`);
  }
}

/** The package.json folders: the root, then each workspace (`dir/*` patterns or plain folders). */
function manifestFolders(root) {
  const { workspaces = [] } = readManifest(join(root, 'package.json'));
  const patterns = Array.isArray(workspaces) ? workspaces : (workspaces.packages ?? []);
  const folders = [root];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const folder = join(parent, entry.name);
        if (entry.isDirectory() && statSync(join(folder, 'package.json'), { throwIfNoEntry: false })) {
          folders.push(folder);
        }
      }
    } else {
      folders.push(join(root, pattern));
    }
  }
  return folders;
}

/**
 * Every declared dependency nothing uses, for the root package.json and each workspace package.
 *
 * @param root - the repository folder (with the root package.json).
 * @returns one entry per unused dependency: the package.json (relative to `root`), the field, the name,
 *   and `testOnly` when a runtime dependency is used, but only by tests or tooling.
 * @throws Error when a package.json or a source file cannot be read.
 */
export function findUnusedDependencies(root) {
  const absoluteRoot = resolve(root);
  const unused = [];
  for (const folder of manifestFolders(absoluteRoot)) {
    const manifestPath = join(folder, 'package.json');
    const manifest = readManifest(manifestPath);
    const declared = [...RUNTIME_FIELDS, 'devDependencies'].flatMap((field) =>
      Object.keys(manifest[field] ?? {}).map((name) => ({ field, name })),
    );
    if (declared.length === 0) continue;
    const productionStrings = new Set();
    const allStrings = new Set();
    for (const file of sourceFiles(folder)) {
      for (const literal of stringLiterals(readSource(file.path))) {
        allStrings.add(literal);
        if (!file.test) productionStrings.add(literal);
      }
    }
    const words = scriptWords(manifest.scripts);
    const namedIn = (strings, name) => {
      if (name.startsWith('@types/')) {
        const described = typedPackage(name);
        if (described === 'node') return [...strings].some((value) => value === 'node' || isBuiltin(value));
        return [...strings].some((value) => namesPackage(value, described));
      }
      return [...strings].some((value) => namesPackage(value, name));
    };
    for (const { field, name } of declared) {
      const runtime = RUNTIME_FIELDS.includes(field);
      if (runtime && namedIn(productionStrings, name)) continue;
      const usedByTooling =
        namedIn(allStrings, name) ||
        [...words].some((word) => namesPackage(word, name)) ||
        binsOf(name, folder, absoluteRoot).some((bin) => words.has(bin));
      if (!runtime && usedByTooling) continue;
      unused.push({
        manifest: relative(absoluteRoot, manifestPath).split(sep).join('/'),
        field,
        name,
        testOnly: runtime && usedByTooling,
      });
    }
  }
  return unused;
}

/** One line per package.json and field, naming the unused dependencies and what to do. */
export function formatUnused(unused) {
  const groups = new Map();
  for (const entry of unused) {
    const key = `${entry.manifest}: ${entry.field}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(entry);
  }
  return [...groups].map(([key, entries]) => {
    const described = entries.map(({ name, testOnly }) => (testOnly ? `${name} (only tests use it)` : name));
    const hint = entries.some(({ testOnly }) => testOnly)
      ? 'remove them, or move those only tests use to the root devDependencies'
      : 'remove them, or use them';
    return `check-deps: ${key} declares what nothing uses: ${described.join(', ')} (${hint})`;
  });
}

function main() {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  let unused;
  try {
    unused = findUnusedDependencies(root);
  } catch (error) {
    console.error(`check-deps: ${error.message}`);
    process.exit(2);
  }
  for (const line of formatUnused(unused)) console.error(line);
  if (unused.length > 0) process.exit(1);
  console.log('check-deps: every declared dependency is used');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
