import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from '@mlops/core';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BufferStream, createContext } from './context.js';
import {
  addOutputOptions,
  checkReportOutputs,
  type OutputWord,
  outputWordsOf,
  planOutputs,
  writeReportOutputs,
} from './report-outputs.js';

const FLAGS = {
  formats: ['text', 'json', 'markdown', 'junit'] as const,
  defaultFormat: 'text' as const,
  formatHelp: 'output format',
  jsonHelp: 'same as --format json',
};

/** The words commander records for a command line, through a program with a sub-command. */
async function wordsOf(argv: readonly string[]): Promise<OutputWord[]> {
  let words: OutputWord[] = [];
  const program = addOutputOptions(new Command('tool').exitOverride().enablePositionalOptions(), FLAGS)
    .argument('[files...]')
    .action((_files, _options, self: Command) => {
      words = outputWordsOf(self);
    });
  const sub = addOutputOptions(new Command('check').exitOverride(), FLAGS)
    .argument('[files...]')
    .action((_files, _options, self: Command) => {
      words = outputWordsOf(self);
    });
  program.addCommand(sub);
  await program.parseAsync(argv, { from: 'user' });
  return words;
}

const format = (name: string, flag = `--format ${name}`): OutputWord => ({
  kind: 'format',
  format: name,
  flag,
});
const output = (path: string): OutputWord => ({ kind: 'output', path });

describe('addOutputOptions and outputWordsOf: the words in command-line order', () => {
  it.each([
    [
      ['--format', 'markdown', '-o', 's.md', '--format', 'json', '-o', 'r.json'],
      [format('markdown'), output('s.md'), format('json'), output('r.json')],
    ],
    [
      ['--format=json', '--output=r.json', '-oa.txt', '--json', '-o', '-'],
      [format('json'), output('r.json'), output('a.txt'), format('json', '--json'), output('-')],
    ],
    [
      ['-f', 'markdown', '-o', 's.md', '-fjson', 'check', '-f', 'junit', '-oj.xml'],
      [format('markdown'), output('s.md'), format('json'), format('junit'), output('j.xml')],
    ],
    [
      ['x.json', '-o', 'a', 'y.json', '--format', 'junit'],
      [output('a'), format('junit')],
    ],
    [
      ['--format', 'json', 'check', '-o', 'r.json', '--format', 'text'],
      [format('json'), output('r.json'), format('text')],
    ],
    [[], []],
  ])('%j', async (argv, expected) => {
    expect(await wordsOf(argv)).toEqual(expected);
  });

  it('refuses a format that is not a choice, before recording it', async () => {
    await expect(wordsOf(['--format', 'xml'])).rejects.toThrow(
      "option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, markdown, junit.",
    );
    await expect(wordsOf(['-fxml'])).rejects.toThrow(/argument 'xml' is invalid/);
  });

  it('starts afresh on each parse of the same program', async () => {
    let words: OutputWord[] = [];
    const program = addOutputOptions(new Command('tool').exitOverride(), FLAGS).action(
      (_options, self: Command) => {
        words = outputWordsOf(self);
      },
    );
    await program.parseAsync(['--format', 'json'], { from: 'user' });
    await program.parseAsync(['-o', 'x'], { from: 'user' });
    expect(words).toEqual([output('x')]);
  });
});

describe('planOutputs: the pairing rule', () => {
  it.each([
    ['nothing: the default to stdout', [], [{ format: 'text' }]],
    ['a format alone: stdout', [format('json')], [{ format: 'json', flag: '--format json' }]],
    [
      'each -o takes the --format before it',
      [format('markdown'), output('s.md'), format('json'), output('r.json')],
      [
        { format: 'markdown', flag: '--format markdown', path: 's.md' },
        { format: 'json', flag: '--format json', path: 'r.json' },
      ],
    ],
    [
      'a --format no -o follows goes to stdout',
      [format('sarif'), output('p.sarif'), format('text')],
      [
        { format: 'sarif', flag: '--format sarif', path: 'p.sarif' },
        { format: 'text', flag: '--format text' },
      ],
    ],
    [
      'stdout first, then a file',
      [format('text'), format('junit'), output('j.xml')],
      [
        { format: 'text', flag: '--format text' },
        { format: 'junit', flag: '--format junit', path: 'j.xml' },
      ],
    ],
    ['-o before any --format: the default format', [output('a.txt')], [{ format: 'text', path: 'a.txt' }]],
    [
      'two -o after one --format: the same report twice',
      [format('json'), output('a.json'), output('b.json')],
      [
        { format: 'json', flag: '--format json', path: 'a.json' },
        { format: 'json', flag: '--format json', path: 'b.json' },
      ],
    ],
    [
      '-o - is stdout',
      [format('json'), output('-'), format('junit'), output('j.xml')],
      [
        { format: 'json', flag: '--format json' },
        { format: 'junit', flag: '--format junit', path: 'j.xml' },
      ],
    ],
    [
      '--json is --format json where it stands',
      [format('json', '--json'), output('r.json')],
      [{ format: 'json', flag: '--json', path: 'r.json' }],
    ],
  ] as const)('%s', (_rule, words, expected) => {
    expect(planOutputs(words, 'text')).toEqual(expected);
  });

  it.each([
    [[format('json'), format('text')], '--format json and --format text both write to stdout'],
    [[format('json', '--json'), format('markdown')], '--json and --format markdown both write to stdout'],
    [
      [format('json'), output('-'), format('text')],
      '--format json -o - and --format text both write to stdout',
    ],
    [[output('-'), format('text')], '-o - (text, the default) and --format text both write to stdout'],
  ])('refuses two reports to stdout: %j', (words, message) => {
    expect(() => planOutputs(words, 'text')).toThrow(
      new UsageError(message, { hint: 'write one of them to a file: -o FILE right after its --format' }),
    );
  });

  it('refuses an empty file name, about --output', () => {
    let error: unknown;
    try {
      planOutputs([output('')], 'text');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).toLine((field) => `--${field}`)).toBe(
      '--output: expected a file name (or - for stdout), got ""',
    );
  });
});

describe('checkReportOutputs and writeReportOutputs', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-report-outputs-'));
    writeFileSync(join(folder, 'in.csv'), 'a\n1\n');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const inputs = [{ path: 'in.csv', label: '--reference in.csv' }];
  const check = (words: OutputWord[], others = []) =>
    checkReportOutputs(planOutputs(words, 'text'), { inputs, cwd: folder, others });
  const message = (run: () => void): string => {
    try {
      run();
    } catch (error) {
      return `${(error as Error).constructor.name}: ${(error as UsageError).toLine()}`;
    }
    return 'no error';
  };

  it('accepts distinct files, /dev/null twice, and stdout with an other output on it', () => {
    check([
      format('json'),
      output('a.json'),
      format('junit'),
      output('b.xml'),
      output('/dev/null'),
      output('/dev/null'),
    ]);
    checkReportOutputs(planOutputs([format('json')], 'text'), {
      inputs,
      cwd: folder,
      others: [{ path: '-', label: '--html', what: 'HTML report' }],
    });
  });

  it('refuses the same file twice, by name or through a link, and a report to stdout twice', () => {
    symlinkSync('a.json', join(folder, 'link.json'));
    expect(message(() => check([format('json'), output('a.json'), output('a.json')]))).toBe(
      'UsageError: -o a.json is the same file as -o a.json: each output needs a file of its own (name another file)',
    );
    expect(
      message(() => check([format('json'), output('a.json'), format('junit'), output('link.json')])),
    ).toBe(
      'UsageError: -o link.json is the same file as -o a.json: each output needs a file of its own (name another file)',
    );
    expect(message(() => check([format('json'), output('/dev/stdout')]))).toBe('no error');
    expect(message(() => check([format('json'), output('/dev/stdout'), format('text')]))).toBe(
      'UsageError: -o /dev/stdout is the same file as stdout (--format text): each output needs a file of its own (name another file)',
    );
    expect(
      message(() =>
        checkReportOutputs(planOutputs([format('json'), output('r.html')], 'text'), {
          inputs,
          cwd: folder,
          others: [{ path: 'r.html', label: '--html', what: 'HTML report' }],
        }),
      ),
    ).toBe(
      'UsageError: -o r.html is the same file as --html r.html: each output needs a file of its own (name another file)',
    );
  });

  it('refuses an input and a folder before anything is written', () => {
    mkdirSync(join(folder, 'dir'));
    expect(message(() => check([output('in.csv')]))).toBe(
      'UsageError: -o: in.csv is the same file as --reference in.csv: writing the text report would overwrite an input (name another file for the output)',
    );
    expect(message(() => check([format('json'), output('dir')]))).toBe(
      'InputError: dir: cannot write the JSON report: it is a folder (name a file)',
    );
    expect(readdirSync(folder).sort()).toEqual(['dir', 'in.csv']);
  });

  it('refuses a file in a folder that does not exist, in the words the write would use', async () => {
    expect(message(() => check([format('json'), output('a.json'), output('no/such/r.json')]))).toBe(
      'InputError: no/such/r.json: cannot write the JSON report: no such folder (give -o a file path in a folder that exists and is writable)',
    );
    expect(
      message(() =>
        checkReportOutputs(planOutputs([], 'text'), {
          inputs,
          cwd: folder,
          others: [{ path: 'no/r.html', label: '--html', what: 'HTML report' }],
        }),
      ),
    ).toBe(
      'InputError: no/r.html: cannot write the HTML report: no such folder (give --html a file path in a folder that exists and is writable)',
    );
    // The write fails with the same line, should the folder go between the check and the write.
    const context = createContext({ stdout: new BufferStream(), env: {}, cwd: folder });
    const writing = writeReportOutputs(
      context,
      planOutputs([format('json'), output('no/such/r.json')], 'text'),
      () => {},
      { inputs },
    );
    await expect(writing.catch((error: UsageError) => error.toLine())).resolves.toBe(
      'no/such/r.json: cannot write the JSON report: no such folder (give -o a file path in a folder that exists and is writable)',
    );
    expect(readdirSync(folder)).toEqual(['in.csv']);
  });

  it('writes each file without colours, then the report to stdout', async () => {
    const stdout = new BufferStream(true);
    const context = createContext({ stdout, env: { FORCE_COLOR: '1' }, cwd: folder });
    const seen: string[] = [];
    await writeReportOutputs(
      context,
      planOutputs(
        [format('markdown'), output('s.md'), format('json'), output('r.json'), format('text')],
        'text',
      ),
      (name, target) => {
        seen.push(`${name} tty=${target.stdout.isTTY} level=${target.color.stdout.level}`);
        target.stdout.write(`${target.color.stdout.red(name)}\n`);
        target.stdout.write('end\n');
      },
      { inputs },
    );
    expect(seen).toEqual(['markdown tty=false level=0', 'json tty=false level=0', 'text tty=true level=1']);
    expect(readFileSync(join(folder, 's.md'), 'utf8')).toBe('markdown\nend\n');
    expect(readFileSync(join(folder, 'r.json'), 'utf8')).toBe('json\nend\n');
    expect(stdout.text).toBe('\u001b[31mtext\u001b[39m\nend\n');
  });

  it('sends -o /dev/stdout to the context stdout, and stops at a file it cannot write', async () => {
    const stdout = new BufferStream();
    const context = createContext({ stdout, env: {}, cwd: folder });
    const render = (name: string, target: typeof context) => void target.stdout.write(`${name}\n`);
    await writeReportOutputs(context, planOutputs([format('json'), output('/dev/stdout')], 'text'), render, {
      inputs,
    });
    expect(stdout.text).toBe('json\n');
    await expect(
      writeReportOutputs(
        context,
        planOutputs([format('json'), output('no/such/r.json'), format('text')], 'text'),
        render,
        { inputs },
      ),
    ).rejects.toThrow(InputError);
    expect(stdout.text).toBe('json\n');
  });
});
