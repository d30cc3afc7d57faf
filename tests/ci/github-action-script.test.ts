/** The pieces of ci/github/run.mjs, the GitHub Action's script: how `args` is split and expanded. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alsoFormat,
  booleanInput,
  chosenFormat,
  cliVersion,
  codeBlock,
  expandWord,
  fitToBudget,
  quote,
  SUMMARY_LIMIT,
  splitArgs,
  toolArguments,
  withFormat,
  withoutFormat,
} from '../../ci/github/run.mjs';
import { makeTempDir, ROOT } from '../helpers/bins.js';

const temp = makeTempDir('mlops-action-script-');
afterAll(() => temp.cleanup());

/** The words of splitArgs, as the tool receives them (before expansion). */
const words = (text: string) => splitArgs(text).map((parts) => parts.map((part) => part.text).join(''));

describe('splitArgs', () => {
  it.each([
    ['', []],
    ['  \n\t ', []],
    ['--reference a.csv --current b.csv', ['--reference', 'a.csv', '--current', 'b.csv']],
    ["--columns 'monthly spend' plan", ['--columns', 'monthly spend', 'plan']],
    ['--name="a b"', ['--name=a b']],
    [`a'b'"c"d`, ['abcd']],
    [`"it's" 'say "hi"'`, ["it's", 'say "hi"']],
    ['\'\' ""', ['', '']],
    ['a\\ b', ['a\\', 'b']],
    ['line1\nline2\r\nline3', ['line1', 'line2', 'line3']],
    [
      '$HOME ~ $(touch x) `touch y` ; | && > <',
      ['$HOME', '~', '$(touch', 'x)', '`touch', 'y`', ';', '|', '&&', '>', '<'],
    ],
    ["'$(touch x); rm -rf /'", ['$(touch x); rm -rf /']],
    ['a\u00a0b', ['a\u00a0b']],
  ])('%j → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ["--columns 'a b", /^args: the single quote at character 11 is not closed/],
    ['x "', /^args: the double quote at character 3 is not closed/],
  ])('%j is refused', (text, message) => {
    expect(() => splitArgs(text)).toThrow(message);
  });

  it('any word list, quoted word by word, splits back to itself (property)', () => {
    const word = fc.string({ unit: 'binary', maxLength: 8 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (list) => {
        // A word with no single quote goes in '…'; one with a single quote in "…", its double
        // quotes in '…' parts.
        const quoted = list.map((each) =>
          each.includes("'")
            ? each
                .split('"')
                .map((piece) => `"${piece}"`)
                .join(`'"'`)
            : `'${each}'`,
        );
        expect(words(quoted.join(' '))).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });
});

describe('expandWord', () => {
  const dir = join(temp.dir, 'glob');
  mkdirSync(join(dir, 'pipelines', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'data', 'b'), { recursive: true });
  mkdirSync(join(dir, 'data', 'a'), { recursive: true });
  for (const file of [
    'pipelines/train.json',
    'pipelines/score.json',
    'pipelines/.hidden.json',
    'pipelines/-rf.json',
    'pipelines/notes.md',
    'pipelines/(a)[b]{2}|$.md',
    'pipelines/nested/deep.json',
    'data/a/part.csv',
    'data/b/part.csv',
    '-n.json',
    'Z.json',
    'a.json',
  ])
    writeFileSync(join(dir, file), '{}');
  const expand = (text: string) => splitArgs(text).flatMap((parts) => expandWord(parts, dir));

  it.each([
    ['pipelines/*.json', ['pipelines/-rf.json', 'pipelines/score.json', 'pipelines/train.json']],
    ['pipelines/.*.json', ['pipelines/.hidden.json']],
    ['pipelines/?????.md', ['pipelines/notes.md']],
    ['pipelines/????.md', ['pipelines/????.md']],
    ['pipelines/(n*|x)[.]md', ['pipelines/(n*|x)[.]md']],
    ['pipelines/(a)*', ['pipelines/(a)[b]{2}|$.md']],
    ['pipelines/*/deep.json', ['pipelines/nested/deep.json']],
    ['data/*/part.csv', ['data/a/part.csv', 'data/b/part.csv']],
    ['./data/*/part.csv', ['./data/a/part.csv', './data/b/part.csv']],
    ['*.json', ['./-n.json', 'Z.json', 'a.json']],
    ['pipelines/*.yaml', ['pipelines/*.yaml']],
    ["'pipelines/*.json'", ['pipelines/*.json']],
    ['"data/*/part.csv"', ['data/*/part.csv']],
    ["pipelines/'*'.json", ['pipelines/*.json']],
    ['missing/*.json', ['missing/*.json']],
    ['pipelines', ['pipelines']],
    ['--format=*', ['--format=*']],
  ])('%j → %j', (text, expected) => {
    expect(expand(text)).toEqual(expected);
  });

  it('an absolute pattern gives absolute paths', () => {
    expect(expand(`${dir}/data/*/part.csv`)).toEqual([`${dir}/data/a/part.csv`, `${dir}/data/b/part.csv`]);
  });

  it('toolArguments splits and expands', () => {
    expect(toolArguments("--format github 'a b.json' pipelines/t*.json", dir)).toEqual([
      '--format',
      'github',
      'a b.json',
      'pipelines/train.json',
    ]);
  });
});

describe('chosenFormat and withoutFormat', () => {
  it.each([
    [[], undefined, []],
    [['a.json'], undefined, ['a.json']],
    [['--json', 'a'], 'json', ['a']],
    [['--format', 'github', 'a'], 'github', ['a']],
    [['--format=sarif', 'a', '--json'], 'json', ['a']],
    [['--json', '--format', 'markdown'], 'markdown', []],
    [['a', '--', '--format', 'x'], undefined, ['a', '--', '--format', 'x']],
    // -f, and output files: a format an -o follows goes to its file, not to stdout.
    [['-f', 'json', 'a'], 'json', ['a']],
    [['-fgithub', 'a'], 'github', ['a']],
    [['--format', 'json', '-o', 'r.json', 'a'], undefined, ['a']],
    [['-f', 'json', '-or.json', '--format', 'github'], 'github', []],
    [['--json', '--output', 'r.json', '--format=junit', '--output=j.xml', '-o', '-'], 'junit', []],
    [['-o', 'report.txt', 'a'], undefined, ['a']],
  ] as const)('%j: %j, %j', (args, format, rest) => {
    expect(chosenFormat(args)).toBe(format);
    expect(withoutFormat(args)).toEqual(rest);
  });
});

describe('alsoFormat', () => {
  it('adds a format for stdout, keeping the files the arguments write', () => {
    expect(alsoFormat(['--format', 'json', '-o', 'r.json', 'a.csv'], 'markdown')).toEqual([
      '--format',
      'json',
      '-o',
      'r.json',
      'a.csv',
      '--format',
      'markdown',
    ]);
    expect(alsoFormat(['a', '--', 'b'], 'markdown')).toEqual(['a', '--format', 'markdown', '--', 'b']);
  });
});

describe('withFormat', () => {
  it('drops the output files too: the second run prints on stdout only', () => {
    expect(withFormat(['-f', 'json', '-o', 'r.json', 'a'], 'markdown')).toEqual([
      'a',
      '--format',
      'markdown',
    ]);
  });

  it('replaces the chosen format, before a -- (after it, a word is a file name)', () => {
    expect(withFormat(['a.json', '--json'], 'sarif')).toEqual(['a.json', '--format', 'sarif']);
    expect(withFormat(['--strict', '--', '--format'], 'markdown')).toEqual([
      '--strict',
      '--format',
      'markdown',
      '--',
      '--format',
    ]);
  });
});

describe('inputs', () => {
  it('booleanInput takes what GitHub toolkit does', () => {
    for (const value of ['true', 'True', 'TRUE']) expect(booleanInput('summary', value)).toBe(true);
    for (const value of ['false', 'False', 'FALSE', '']) expect(booleanInput('summary', value)).toBe(false);
    expect(() => booleanInput('summary', 'yes')).toThrow('summary: expected true or false, got "yes"');
  });

  it('cliVersion: the input, else the action root package.json version; never a spec npm reads otherwise', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(cliVersion('')).toBe(version);
    expect(cliVersion(' 1.2.3-rc.1 ')).toBe('1.2.3-rc.1');
    for (const bad of ['latest', '^1.0.0', '1.0', 'file:../x', '1.0.0 --registry=http://evil', '01.0.0'])
      expect(() => cliVersion(bad)).toThrow(/^version: expected a version of @mlops\/cli such as 0\.1\.0/);
  });

  it('quote: one line, no control, bidi or invisible character raw', () => {
    expect(quote('a\n::error::b\u001b[2J\u202e\u200b\u0085')).toBe(
      '"a\\n::error::b\\u001b[2J\\u202e\\u200b\\u0085"',
    );
  });
});

describe('summary pieces', () => {
  it('codeBlock: a fence longer than any run of backticks in the text', () => {
    expect(codeBlock('plain')).toBe('```\nplain\n```\n');
    expect(codeBlock('a\n```\nb ````` c\n')).toBe('``````\na\n```\nb ````` c\n``````\n');
    expect(codeBlock('')).toBe('```\n```\n');
  });

  it('fitToBudget: whole when it fits; else cut at a line end, with a note, within the budget', () => {
    expect(fitToBudget('a\nb\n', 100)).toBe('a\nb\n');
    const text = Array.from({ length: 1000 }, (_, index) => `| row ${index} | é |`).join('\n');
    const cut = fitToBudget(text, 4000);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4000);
    expect(cut).toMatch(/\| row \d+ \| é \|\n\n\*\*Cut here\*\*: the output has \d+ bytes/);
    expect(cut).not.toContain('\uFFFD');
    expect(text.startsWith(cut.slice(0, cut.indexOf('\n\n**Cut')))).toBe(true);
    // Known to be larger than what was kept (the tool printed more): cut, even if the kept text fits.
    expect(fitToBudget('a\n', 100, SUMMARY_LIMIT + 1)).toMatch(/^\n\*\*Cut here\*\*/);
  });
});
