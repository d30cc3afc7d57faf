import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findUnusedDependencies,
  formatUnused,
  namesPackage,
  scriptWords,
  stringLiterals,
  typedPackage,
} from '../../scripts/check-deps.mjs';
import { makeTempDir, ROOT } from '../helpers/bins.js';

const SCRIPT = join(ROOT, 'scripts/check-deps.mjs');

function runCheck(folder: string) {
  const result = spawnSync(process.execPath, [SCRIPT, folder], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** Writes `files` (path → content; objects as JSON) under `folder`. */
function writeTree(folder: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(
      join(folder, path),
      typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
}

describe('stringLiterals', () => {
  it.each([
    ["import x from 'a';", ['a']],
    ['import type { Z } from "zod";', ['zod']],
    ["const j = createRequire(import.meta.url)('jstat');", ['jstat']],
    ["await import(`left-pad`); require('chalk/ansi')", ['left-pad', 'chalk/ansi']],
    ["// import 'in-line-comment'\n/* require('in-block-comment') */ 'kept'", ['kept']],
    ["#!/usr/bin/env node\nimport 'after-hashbang';", ['after-hashbang']],
    // A regular expression holding quotes is not a string; a division is not a regular expression.
    ["const re = /'not-a-string'/g; const half = total / 2 / count; 'after'", ['after']],
    ["if (/[/'\"]/.test(x)) use('after-class');", ['after-class']],
    // Template literals with substitutions are not names; the code inside them is read.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text given to the lexer.
    ["const t = `a${require('inside')}b${`c${d}`}e`; 'after';", ['inside', 'after']],
    ["const o = { a: `x` }; return /y'/.test(z) && 'w';", ['x', 'w']],
    ["'escaped \\' quote'; 'next'", ["escaped \\' quote", 'next']],
    [
      '{ "types": ["node"], "extends": "@tsconfig/node20/tsconfig.json" }',
      ['types', 'node', 'extends', '@tsconfig/node20/tsconfig.json'],
    ],
  ])('%s', (source, expected) => {
    expect(stringLiterals(source)).toEqual(expected);
  });
});

describe('names, types and scripts', () => {
  it('matches a package, its subpaths and paths through node_modules, nothing else', () => {
    expect(namesPackage('csv-parse', 'csv-parse')).toBe(true);
    expect(namesPackage('csv-parse/sync', 'csv-parse')).toBe(true);
    expect(namesPackage('./node_modules/@biomejs/biome/configuration_schema.json', '@biomejs/biome')).toBe(
      true,
    );
    expect(namesPackage('csv-parser', 'csv-parse')).toBe(false);
    expect(namesPackage('@types/node', 'node')).toBe(false);
  });
  it('maps @types packages to the package they describe', () => {
    expect(typedPackage('@types/node')).toBe('node');
    expect(typedPackage('@types/babel__core')).toBe('@babel/core');
  });
  it('splits scripts into words at blanks and shell operators', () => {
    expect([
      ...scriptWords({ lint: 'biome check . && node scripts/check-deps.mjs', t: 'tsc -p x;vitest run|cat' }),
    ]).toEqual([
      'biome',
      'check',
      '.',
      'node',
      'scripts/check-deps.mjs',
      'tsc',
      '-p',
      'x',
      'vitest',
      'run',
      'cat',
    ]);
    expect(scriptWords(undefined).size).toBe(0);
  });
});

describe('findUnusedDependencies on a small repository', () => {
  const { dir, cleanup } = makeTempDir('check-deps-');
  beforeAll(() => {
    writeTree(dir, {
      'package.json': {
        private: true,
        workspaces: ['packages/*'],
        scripts: { lint: 'biome check .', typecheck: 'tsc -p tsconfig.json', test: 'vitest run' },
        devDependencies: {
          '@biomejs/biome': '1',
          '@types/node': '1',
          '@types/lodash': '1',
          esbuild: '1',
          'left-pad': '1',
          typescript: '1',
          vitest: '1',
        },
      },
      // Installed bins: biome and tsc are used through scripts only.
      'node_modules/@biomejs/biome/package.json': { name: '@biomejs/biome', bin: { biome: 'bin/biome' } },
      'node_modules/typescript/package.json': { name: 'typescript', bin: { tsc: 'bin/tsc', tsserver: 'x' } },
      'tsconfig.json': { compilerOptions: { types: ['node'] } },
      'scripts/build.mjs': "import * as esbuild from 'esbuild';\n",
      'packages/a/package.json': {
        name: 'a',
        dependencies: { zod: '1', chalk: '1', commander: '1', jstat: '1', 'csv-parse': '1' },
      },
      'packages/a/src/index.ts': [
        "import type { z } from 'zod';",
        "import { parse } from 'csv-parse/sync';",
        "// import { Command } from 'commander';",
        "const pattern = /'commander'/;",
        "const jStat = createRequire(import.meta.url)('jstat');",
        '',
      ].join('\n'),
      'packages/a/src/index.test.ts': "import chalk from 'chalk';\nimport { it } from 'vitest';\n",
      'packages/a/dist/index.js': "import 'commander';\n",
      'packages/a/bin/a.js': '#!/usr/bin/env node\nimport "../dist/index.js";\n',
      'packages/b/package.json': { name: 'b', dependencies: { a: '*' } },
      'packages/b/bin/b.js': "import 'a';\n",
      'packages/not-a-package/README.md': 'no package.json here',
    });
  });
  afterAll(cleanup);

  it('names each unused dependency, and runtime ones only tests use', () => {
    expect(findUnusedDependencies(dir)).toEqual([
      { manifest: 'package.json', field: 'devDependencies', name: '@types/lodash', testOnly: false },
      { manifest: 'package.json', field: 'devDependencies', name: 'left-pad', testOnly: false },
      { manifest: 'packages/a/package.json', field: 'dependencies', name: 'chalk', testOnly: true },
      { manifest: 'packages/a/package.json', field: 'dependencies', name: 'commander', testOnly: false },
    ]);
  });

  it('exits 1 with one line per package.json and field', () => {
    const result = runCheck(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'check-deps: package.json: devDependencies declares what nothing uses: @types/lodash, left-pad (remove them, or use them)',
        'check-deps: packages/a/package.json: dependencies declares what nothing uses: chalk (only tests use it), commander (remove them, or move those only tests use to the root devDependencies)',
        '',
      ].join('\n'),
    );
    expect(formatUnused([])).toEqual([]);
  });

  it('exits 0 once they are used or gone', () => {
    writeTree(dir, {
      'package.json': {
        private: true,
        workspaces: ['packages/*'],
        scripts: { lint: 'biome check .', typecheck: 'tsc -p tsconfig.json', test: 'vitest run' },
        devDependencies: {
          '@biomejs/biome': '1',
          '@types/node': '1',
          esbuild: '1',
          typescript: '1',
          vitest: '1',
        },
      },
      'packages/a/package.json': { name: 'a', dependencies: { zod: '1', jstat: '1', 'csv-parse': '1' } },
    });
    expect(runCheck(dir)).toEqual({
      stdout: 'check-deps: every declared dependency is used\n',
      stderr: '',
      code: 0,
    });
  });

  it('exits 2 on an unreadable package.json', () => {
    writeTree(dir, { 'packages/a/package.json': '{ not json' });
    const result = runCheck(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^check-deps: .+\n$/);
    expect(result.stdout).toBe('');
  });
});

describe('this repository', () => {
  it('declares no dependency it does not use', () => {
    expect(findUnusedDependencies(ROOT)).toEqual([]);
  });
});
