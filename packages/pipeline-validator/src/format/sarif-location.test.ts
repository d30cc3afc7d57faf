import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  gitWorkTreeRoot,
  relativePathToUri,
  repositoryPath,
  sarifArtifactLocation,
} from './sarif-location.js';

const temp = mkdtempSync(join(tmpdir(), 'mlops-sarif-location-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
/** Whether the temporary folder itself sits in a git work tree (then the cases without one cannot run). */
const tempInGit = gitWorkTreeRoot(temp) !== undefined;

/** A folder under the temporary one, created with its parents. */
function folder(...parts: string[]): string {
  const path = join(temp, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

describe('relativePathToUri', () => {
  it.each([
    ['pipelines/train.json', 'pipelines/train.json'],
    ['a #b%20c?d.json', 'a%20%23b%2520c%3Fd.json'],
    ['c:/x.json', 'c%3A/x.json'],
    ['naïve/é.json', 'na%C3%AFve/%C3%A9.json'],
    ['x\\y.json', 'x%5Cy.json'],
    ['lone\uD800.json', 'lone%EF%BF%BD.json'],
  ])('%j → %j', (path, uri) => {
    expect(relativePathToUri(path)).toBe(uri);
  });

  it('resolves back to the same file against any base', () => {
    const name = 'a #b%20c?d.json';
    const base = pathToFileURL(`${folder('round trip')}/`);
    const uri = relativePathToUri(`sub dir/${name}`);
    expect(fileURLToPath(new URL(uri, base))).toBe(join(temp, 'round trip', 'sub dir', name));
  });
});

describe('gitWorkTreeRoot', () => {
  it('finds the nearest folder with a .git folder or file, or none', () => {
    const clone = folder('clone');
    folder('clone', '.git');
    const deep = folder('clone', 'a', 'b');
    const linked = folder('clone', 'a', 'linked');
    writeFileSync(join(linked, '.git'), 'gitdir: /elsewhere\n');
    expect(gitWorkTreeRoot(deep)).toBe(clone);
    expect(gitWorkTreeRoot(clone)).toBe(clone);
    expect(gitWorkTreeRoot(join(linked, 'c'))).toBe(linked);
    expect(gitWorkTreeRoot(folder('plain', 'x'))).toBe(tempInGit ? gitWorkTreeRoot(temp) : undefined);
  });

  it('answers from the cache for folders it has seen', () => {
    const known = new Map<string, string | undefined>();
    const clone = folder('cached');
    folder('cached', '.git');
    expect(gitWorkTreeRoot(folder('cached', 'p', 'q'), known)).toBe(clone);
    expect(known.get(join(clone, 'p'))).toBe(clone);
    rmSync(join(clone, '.git'), { recursive: true });
    expect(gitWorkTreeRoot(join(clone, 'p'), known)).toBe(clone);
  });
});

describe('sarifArtifactLocation', () => {
  const clone = folder('repo');
  folder('repo', '.git');
  const sub = folder('repo', 'pipelines');

  it('is relative to the git work tree, whatever the working directory', () => {
    const expected = { uri: 'pipelines/a%20%23b%2520c%3Fd.json', uriBaseId: '%SRCROOT%' };
    expect(sarifArtifactLocation('a #b%20c?d.json', sub)).toEqual(expected);
    expect(sarifArtifactLocation('pipelines/a #b%20c?d.json', clone)).toEqual(expected);
    expect(sarifArtifactLocation(join(sub, 'a #b%20c?d.json'), folder('elsewhere'))).toEqual(expected);
  });

  it.skipIf(tempInGit)('outside a git work tree, is relative to the working directory', () => {
    const cwd = folder('no-git');
    expect(sarifArtifactLocation('p/x.json', cwd)).toEqual({ uri: 'p/x.json', uriBaseId: '%SRCROOT%' });
    expect(sarifArtifactLocation(join(cwd, 'x.json'), cwd)).toEqual({
      uri: 'x.json',
      uriBaseId: '%SRCROOT%',
    });
  });

  it.skipIf(tempInGit)('outside both, is an absolute file: URI without a base', () => {
    const cwd = folder('no-git-2', 'inner');
    const file = join(temp, 'no-git-2', 'a #b.json');
    expect(sarifArtifactLocation('../a #b.json', cwd)).toEqual({ uri: pathToFileURL(file).href });
    expect(pathToFileURL(file).href).toMatch(/a%20%23b\.json$/);
  });

  it('a file named like a parent folder (..x) is inside, not outside', () => {
    expect(sarifArtifactLocation('..x.json', clone)).toEqual({ uri: '..x.json', uriBaseId: '%SRCROOT%' });
  });
});

describe('repositoryPath', () => {
  const clone = folder('repo-path');
  folder('repo-path', '.git');
  const sub = folder('repo-path', 'ci', 'pipelines');

  it('is the path from the git work tree, with /, not encoded, whatever the working directory', () => {
    for (const [file, cwd] of [
      ['a #b%20c?d.json', sub],
      ['ci/pipelines/a #b%20c?d.json', clone],
      ['./ci/./pipelines/../pipelines/a #b%20c?d.json', clone],
      [join(sub, 'a #b%20c?d.json'), folder('elsewhere-2')],
    ] as const)
      expect(repositoryPath(file, cwd)).toBe('ci/pipelines/a #b%20c?d.json');
  });

  it('keeps a backslash, a line break or a control character of a name as it is (JSON escapes them)', () => {
    expect(repositoryPath('x\\y\n\u001b.json', clone)).toBe('x\\y\n\u001b.json');
  });

  it.skipIf(tempInGit)('outside a git work tree: from the working directory; outside both: absolute', () => {
    const cwd = folder('no-git-3', 'inner');
    expect(repositoryPath('p/x.json', cwd)).toBe('p/x.json');
    expect(repositoryPath('../a #b.json', cwd)).toBe(join(temp, 'no-git-3', 'a #b.json'));
  });
});
