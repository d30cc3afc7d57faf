import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { PIPELINE_MAX_FILES, pipelineSyntaxOf, resolvePipelineFiles } from './files.js';

const root = mkdtempSync(join(tmpdir(), 'mlops-pipeline-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const file of [
  'pipelines/b.json',
  'pipelines/a.JSON',
  'pipelines/nightly/c.json',
  'pipelines/nightly/e.yaml',
  'pipelines/F.YML',
  'pipelines/README.md',
  'pipelines/.mlops-pipeline.json',
  'pipelines/.draft.json',
  'pipelines/.old/d.json',
  'pipelines/node_modules/pkg/package.json',
  'docs/notes.txt',
  'odd name [1].json',
]) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), '{}');
}

const names = (args: string[]) => resolvePipelineFiles(args, root).files.map((file) => file.name);

function refusal(args: string[]): InputError {
  try {
    resolvePipelineFiles(args, root);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('resolvePipelineFiles', () => {
  it('takes a folder as its pipeline files below it, hidden names and node_modules skipped, sorted', () => {
    const all = [
      'pipelines/F.YML',
      'pipelines/a.JSON',
      'pipelines/b.json',
      'pipelines/nightly/c.json',
      'pipelines/nightly/e.yaml',
    ];
    expect(names(['pipelines'])).toEqual(all);
    expect(names(['pipelines/'])).toEqual(all);
    expect(resolvePipelineFiles(['pipelines'], root).files.slice(0, 2)).toEqual([
      { path: join(root, 'pipelines', 'F.YML'), name: 'pipelines/F.YML', syntax: 'yaml' },
      { path: join(root, 'pipelines', 'a.JSON'), name: 'pipelines/a.JSON', syntax: 'json' },
    ]);
  });

  it('expands a glob pattern itself, keeping only pipeline files', () => {
    expect(names(['pipelines/**/*.json'])).toEqual(['pipelines/b.json', 'pipelines/nightly/c.json']);
    expect(names(['pipelines/*'])).toEqual(['pipelines/F.YML', 'pipelines/a.JSON', 'pipelines/b.json']);
    expect(names(['pipelines/**/*.{yaml,yml}'])).toEqual(['pipelines/nightly/e.yaml']);
    // A dot in the pattern reaches hidden files, but never the config file.
    expect(names(['pipelines/.*.json'])).toEqual(['pipelines/.draft.json']);
  });

  it('takes a file named directly whatever its name, and a missing name as a file to report', () => {
    expect(resolvePipelineFiles(['docs/notes.txt'], root).files).toEqual([
      { path: join(root, 'docs', 'notes.txt'), name: 'docs/notes.txt', syntax: 'json' },
    ]);
    expect(names(['odd name [1].json'])).toEqual(['odd name [1].json']);
    expect(names(['missing.json'])).toEqual(['missing.json']);
    expect(resolvePipelineFiles(['missing.json'], root).files[0]!.path).toBe(join(root, 'missing.json'));
  });

  it('is a set unless exactly one argument names exactly one file', () => {
    expect(resolvePipelineFiles(['pipelines/b.json'], root).isSet).toBe(false);
    expect(resolvePipelineFiles(['pipelines/nightly'], root).isSet).toBe(true);
    expect(resolvePipelineFiles(['pipelines/nightly/*.json'], root).isSet).toBe(true);
    expect(resolvePipelineFiles(['pipelines/b.json', 'pipelines/b.json'], root).isSet).toBe(true);
  });

  it('gives each file once, under its shortest name, in name order whatever the argument order', () => {
    expect(names(['pipelines/nightly/c.json', 'pipelines/*.json', './pipelines/b.json'])).toEqual([
      'pipelines/b.json',
      'pipelines/nightly/c.json',
    ]);
    symlinkSync(join(root, 'pipelines'), join(root, 'linked'));
    try {
      expect(names(['linked/b.json', 'pipelines/b.json'])).toEqual(['linked/b.json']);
    } finally {
      rmSync(join(root, 'linked'));
    }
  });

  it('refuses a folder or a pattern without a pipeline file, naming it', () => {
    expect(refusal(['docs'])).toMatchObject({
      file: 'docs',
      message: 'no pipeline file (*.json, *.yaml, *.yml) in this folder',
      exitCode: 2,
    });
    expect(refusal(['pipelines/*.toml'])).toMatchObject({
      file: 'pipelines/*.toml',
      message: 'no file matches this pattern',
    });
    expect(refusal(['pipelines/*.md'])).toMatchObject({
      message: 'no pipeline file (*.json, *.yaml, *.yml) among the 1 files this pattern matches',
    });
    expect(refusal(['pipelines/**/package.json']).message).toBe('no file matches this pattern');
    // A folder part inside node_modules is the user's choice: it is searched.
    expect(names(['pipelines/node_modules/**/*.json'])).toEqual(['pipelines/node_modules/pkg/package.json']);
  });

  it(`refuses more than ${PIPELINE_MAX_FILES} files`, () => {
    const many = join(root, 'many');
    mkdirSync(many);
    for (let index = 0; index <= PIPELINE_MAX_FILES; index++) writeFileSync(join(many, `${index}.json`), '');
    expect(refusal(['many'])).toMatchObject({
      file: 'many',
      message: '10,001 pipeline files, more than the 10,000 one run validates',
    });
    rmSync(join(many, '0.json'));
    expect(resolvePipelineFiles(['many'], root).files).toHaveLength(PIPELINE_MAX_FILES);
    expect(refusal(['many', 'pipelines'])).toMatchObject({
      file: undefined,
      message: 'the arguments name more pipeline files than the 10,000 one run validates',
    });
    rmSync(many, { recursive: true });
  });
});

describe('pipelineSyntaxOf', () => {
  it.each([
    ['train.yaml', 'yaml'],
    ['ci/train.YML', 'yaml'],
    ['train.json', 'json'],
    ['train.yaml.json', 'json'],
    ['train.pipeline', 'json'],
    ['/dev/stdin', 'json'],
  ])('%s is %s', (name, syntax) => {
    expect(pipelineSyntaxOf(name)).toBe(syntax);
  });
});
