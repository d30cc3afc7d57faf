/**
 * pipeline-validator on sets of files, as the built bin runs them: the config found up the folder
 * tree.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinResult, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';

const FRAUD = readFileSync(join(ROOT, 'fixtures/pipeline/legacy/fraud_training_valid.json'), 'utf8'); // 1 warning

let temp: { dir: string; cleanup: () => void };
beforeAll(() => {
  temp = makeTempDir('mlops-pipeline-files-');
});
afterAll(() => temp.cleanup());

/** Writes files under a new folder of the temporary one (made a git work tree) and returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(temp.dir, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function validator(args: string[], cwd: string): BinResult {
  return runBin('pipeline-validator', args, { cwd });
}

/** An error run: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectInputError(result: BinResult, line: string) {
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`${line}\n`);
  expect(hasStackTrace(result.stderr)).toBe(false);
  expect(result.code).toBe(2);
}

const severities = (stdout: string) =>
  (JSON.parse(stdout).issues as { severity: string }[]).map((issue) => issue.severity);

describe('.mlops-pipeline.json found up the folder tree', () => {
  it('applies the nearest config above the pipeline, up to the root of the git work tree', () => {
    const root = tree('config-up', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'ci/nightly/p.json': FRAUD,
    });
    const result = validator(['ci/nightly/p.json', '--json'], root);
    expect(result.code).toBe(1);
    expect(severities(result.stdout)).toEqual(['error']);
    // From inside the tree, the same config: the search starts at the pipeline file, not at the cwd.
    expect(severities(validator(['p.json', '--json'], join(root, 'ci/nightly')).stdout)).toEqual(['error']);
  });

  it('the nearest config wins, without merging with the one above', () => {
    const root = tree('config-nearest', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'ci/.mlops-pipeline.json': '{"rules": {"NO_NOTIFICATIONS": "error"}}',
      'ci/p.json': FRAUD,
    });
    const result = validator(['ci/p.json', '--json'], root);
    expect(result.code).toBe(0);
    expect(severities(result.stdout)).toEqual(['warning']);
  });

  it('a config above the git work tree does not apply', () => {
    const outer = tree('config-outer', { '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "off"}}' });
    mkdirSync(join(outer, 'repo', 'ci'), { recursive: true });
    writeFileSync(join(outer, 'repo', '.git'), 'gitdir: /elsewhere\n');
    writeFileSync(join(outer, 'repo', 'ci', 'p.json'), FRAUD);
    expect(severities(validator(['ci/p.json', '--json'], join(outer, 'repo')).stdout)).toEqual(['warning']);
  });

  it('--config wins over any config found', () => {
    const root = tree('config-flag', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'off.json': '{"rules": {"UNRESOLVED_INPUT": "off"}}',
      'ci/p.json': FRAUD,
    });
    const result = validator(['ci/p.json', '--config', 'off.json', '--json'], root);
    expect(result.code).toBe(0);
    expect(severities(result.stdout)).toEqual([]);
  });

  it('a bad config above is exit 2, named from the working folder', () => {
    const root = tree('config-bad', {
      '.mlops-pipeline.json': '{"rules": {"NO_SUCH_RULE": "off"}}',
      'ci/p.json': FRAUD,
    });
    const result = validator(['p.json'], join(root, 'ci'));
    expect(result.stderr).toMatch(
      /^error: \.\.\/\.mlops-pipeline\.json:1:12: invalid config file: unknown rule "NO_SUCH_RULE" \(valid rule ids: /,
    );
    expectInputError(result, result.stderr.trimEnd());
  });
});
