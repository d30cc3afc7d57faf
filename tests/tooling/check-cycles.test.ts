import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, relativeImports } from '../../scripts/check-cycles.mjs';
import { makeTempDir, ROOT } from '../helpers/bins.js';

const SCRIPT = join(ROOT, 'scripts/check-cycles.mjs');
const { dir, cleanup } = makeTempDir('mlops-cycles-');
afterAll(() => cleanup());

/** Writes `files` (path → text) under `folder`; the paths written, in order. */
function writeTree(folder: string, files: Record<string, string>): string[] {
  return Object.entries(files).map(([path, text]) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
    return join(folder, path);
  });
}

function runCheck(folder: string) {
  const result = spawnSync(process.execPath, [SCRIPT, folder], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

describe('relativeImports', () => {
  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ['import type { T } from \'../t.js\';\nexport { b } from "./b.js";', ['../t.js', './b.js']],
    ["const m = await import('./lazy.js'); import './side.js';", ['./lazy.js', './side.js']],
    ["import z from 'zod'; import { x } from '@mlops/core';", []],
    ["// import './line.js'\n/* import('./block.js') */ const s = 'kept';", []],
  ])('%j: %j', (text, expected) => {
    expect(relativeImports(text)).toEqual(expected);
  });
});

describe('importCycles', () => {
  it('finds a cycle through a type-only import and one through a dynamic import, and nothing else', () => {
    const files = writeTree(join(dir, 'graph'), {
      'a.ts': "import type { B } from './b.js';\nexport const a = 1;",
      'b.ts': "import { a } from './a.js';\nexport type B = typeof a;",
      'c.ts': "export async function load() { return import('./d.js'); }",
      'd.ts': "import type { load } from './c.js';\nexport type L = typeof load;",
      'e.ts': "import { a } from './a.js';\nexport const e = a;",
      'f/index.ts': "import { e } from '../e.js';\nexport const f = e;",
    });
    const cycles = importCycles(files).map((cycle: string[]) =>
      cycle.map((file) => file.slice(dir.length + 7)),
    );
    expect(cycles.map((cycle) => [...cycle].sort())).toEqual(
      expect.arrayContaining([
        ['a.ts', 'b.ts'],
        ['c.ts', 'd.ts'],
      ]),
    );
    expect(cycles).toHaveLength(2);
  });
});

describe('check-cycles.mjs', () => {
  it('exits 0 on this repository', () => {
    const { code, stdout } = runCheck(ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/no import cycle in \d+ modules/);
  });

  it('exits 1 naming each cycle, tests left out', () => {
    const repo = join(dir, 'repo');
    writeTree(repo, {
      'packages/x/src/one.ts': "import { two } from './two.js';\nexport const one = two;",
      'packages/x/src/two.ts': "import type { one } from './one.js';\nexport const two = 2;",
      'packages/x/src/one.test.ts': "import { one } from './one.js';\nimport './one.test.js';",
    });
    const { code, stderr } = runCheck(repo);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'import cycle: packages/x/src/one.ts → packages/x/src/two.ts → packages/x/src/one.ts',
    );
    expect(stderr.split('\n').filter((line) => line.startsWith('import cycle'))).toHaveLength(1);
  });
});
