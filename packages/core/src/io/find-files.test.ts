import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesInFolder, filesMatchingPattern, isGlobPattern } from './find-files.js';

const root = mkdtempSync(join(tmpdir(), 'mlops-find-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const file of [
  'b.json',
  'a.json',
  'B.json',
  'sub/c.yaml',
  'sub/deeper/d.json',
  '.hidden.json',
  '.dot/e.json',
  'node_modules/pkg/f.json',
  'sub/node_modules/g.json',
]) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), '{}');
}

describe('isGlobPattern', () => {
  it.each([
    ['day=1/*.parquet', true],
    ['part-?.parquet', true],
    ['part-[01].parquet', true],
    ['{a,b}.parquet', true],
    ['plain/path.parquet', false],
    ['day=2026-11-30/x.parquet', false],
  ])('%s → %s', (path, expected) => {
    expect(isGlobPattern(path)).toBe(expected);
  });
});

describe('filesInFolder', () => {
  it('lists every file below, hidden ones aside, in code-unit order, named under the folder as typed', () => {
    expect(filesInFolder(root, 'typed/').map((file) => file.name)).toEqual([
      'typed/B.json',
      'typed/a.json',
      'typed/b.json',
      'typed/node_modules/pkg/f.json',
      'typed/sub/c.yaml',
      'typed/sub/deeper/d.json',
      'typed/sub/node_modules/g.json',
    ]);
    const [first] = filesInFolder(join(root, 'sub'), '');
    expect(first).toEqual({ path: join(root, 'sub', 'c.yaml'), name: 'c.yaml', relative: 'c.yaml' });
  });

  it('does not enter what `ignore` names', () => {
    expect(filesInFolder(root, 'r', { ignore: ['**/node_modules/**'] }).map((file) => file.relative)).toEqual(
      ['B.json', 'a.json', 'b.json', 'sub/c.yaml', 'sub/deeper/d.json'],
    );
  });

  it('follows symbolic links, a loop once', () => {
    const loop = mkdtempSync(join(tmpdir(), 'mlops-find-files-loop-'));
    mkdirSync(join(loop, 'a'), { recursive: true });
    writeFileSync(join(loop, 'a', 'x.json'), '{}');
    symlinkSync('..', join(loop, 'a', 'up'));
    expect(filesInFolder(loop, 'loop').map((file) => file.name)).toEqual([
      'loop/a/up/a/x.json',
      'loop/a/x.json',
    ]);
  });
});

describe('filesMatchingPattern', () => {
  it('matches from the folder part of the pattern, in the same order, hidden files only by a dot', () => {
    expect(filesMatchingPattern(join(root, '**/*.json'), 'p/**/*.json').map((file) => file.name)).toEqual([
      'p/B.json',
      'p/a.json',
      'p/b.json',
      'p/node_modules/pkg/f.json',
      'p/sub/deeper/d.json',
      'p/sub/node_modules/g.json',
    ]);
    expect(filesMatchingPattern(join(root, '.*.json'), '.*.json').map((file) => file.name)).toEqual([
      '.hidden.json',
    ]);
    expect(filesMatchingPattern(join(root, 'sub/*.{yaml,yml}'), 'sub/*.{yaml,yml}')).toEqual([
      { path: join(root, 'sub', 'c.yaml'), name: 'sub/c.yaml', relative: 'c.yaml' },
    ]);
  });

  it('leaves out what `ignore` names, and is empty when nothing matches', () => {
    expect(
      filesMatchingPattern(join(root, '**/*.json'), '**/*.json', { ignore: ['**/node_modules/**'] }).map(
        (file) => file.name,
      ),
    ).toEqual(['B.json', 'a.json', 'b.json', 'sub/deeper/d.json']);
    expect(filesMatchingPattern(join(root, '*.toml'), '*.toml')).toEqual([]);
    expect(filesMatchingPattern(join(root, 'missing/*.json'), 'missing/*.json')).toEqual([]);
  });
});
