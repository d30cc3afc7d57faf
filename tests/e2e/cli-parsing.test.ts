import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BINS,
  type BinName,
  type BinResult,
  hasStackTrace,
  makeTempDir,
  ROOT,
  spawnBin,
} from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * How every bin reads its command line (packages/cli-kit/src/command-line.ts and numbers.ts): unknown
 * commands and flags are exit 2 whatever follows them, `--version` prints only on its own, `help`
 * prints helps, numeric flags take decimal numbers only. Each case runs through the standalone tool
 * and through `mlops`.
 *
 * The cases are about reading the command line, so each runs its bin's program in this process
 * (runInProcess: the bin's exit code, stdout and stderr, as tests/e2e/in-process.test.ts checks
 * against the built bins), in a temporary folder. The last block runs the built bins as processes.
 */

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const REFERENCE = join(ROOT, 'fixtures/drift/reference.csv');
const CURRENT = join(ROOT, 'fixtures/drift/current.csv');
const PIPELINE = join(ROOT, 'fixtures/pipeline/valid.json');

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-cli-parsing-'));
  copyFileSync(join(ROOT, 'fixtures/registry/model_registry.json'), join(dir, 'model_registry.json'));
});
afterAll(() => cleanup());

/** Runs a bin's program in this process, in the temporary folder. */
async function run(
  bin: BinName,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<BinResult> {
  const result = await runInProcess(bin, args, { cwd: dir, env: { MLOPS_ACTOR: 'tester', ...env } });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/** Runs a built bin as a process, in the temporary folder. */
async function spawn(bin: BinName, args: readonly string[]): Promise<BinResult> {
  const result = await spawnBin(bin, args, { cwd: dir, env: { MLOPS_ACTOR: 'tester' } });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/** A usage error: exit 2, nothing on stdout, exactly this one line on stderr. */
function expectUsageError(result: BinResult, line: string): void {
  expect(result).toEqual({ code: 2, stdout: '', stderr: `error: ${line}\n` });
}

/** A tool's own bin and its place in `mlops`: the bin, the words before the tool's arguments, its name. */
const ROUTES = {
  registry: [
    ['model-registry', [], 'model-registry'],
    ['mlops', ['registry'], 'mlops registry'],
  ],
  drift: [
    ['drift-detector', [], 'drift-detector'],
    ['mlops', ['drift'], 'mlops drift'],
  ],
  pipeline: [
    ['pipeline-validator', [], 'pipeline-validator'],
    ['mlops', ['pipeline'], 'mlops pipeline'],
  ],
} as const satisfies Record<string, readonly (readonly [BinName, readonly string[], string])[]>;

const ALL_ROUTES = [...ROUTES.registry, ...ROUTES.drift, ...ROUTES.pipeline];

describe('an unknown command is exit 2 whatever follows it', () => {
  const promote = ['--name', 'fraud', '--version', '1.2.0', '--stage', 'production'];

  it.each(ROUTES.registry)(
    '%s %j promte … --version 1.2.0: no version printed, nothing written',
    async (bin, prefix, name) => {
      const before = readFileSync(join(dir, 'model_registry.json'));
      for (const tail of [promote, ['--version'], ['-V'], ['--help'], ['-h'], ['help']]) {
        expectUsageError(
          await run(bin, [...prefix, 'promte', ...tail]),
          `unknown command 'promte' (did you mean promote? see '${name} --help')`,
        );
      }
      expect(readFileSync(join(dir, 'model_registry.json'))).toEqual(before);
      expect(readdirSync(dir)).toEqual(['model_registry.json']);
    },
  );

  it.each([
    [['regstry', '--version'], "unknown command 'regstry' (did you mean registry? see 'mlops --help')"],
    [['regstry', '-V'], "unknown command 'regstry' (did you mean registry? see 'mlops --help')"],
    [['drfit', '--help'], "unknown command 'drfit' (did you mean drift? see 'mlops --help')"],
    [['bogus', '--version'], "unknown command 'bogus' (see 'mlops --help')"],
    [
      ['pipline', 'validate', '--version'],
      "unknown command 'pipline' (did you mean pipeline? see 'mlops --help')",
    ],
  ])('mlops %j', async (args, line) => {
    expectUsageError(await run('mlops', args), line);
  });

  it.each(ROUTES.pipeline)(
    '%s %j valdate --version: a file name with --version is refused',
    async (bin, prefix, name) => {
      // The pipeline program takes files where a command can stand: `valdate` is a file, and --version
      // with a file is a usage error, with the command it resembles.
      for (const flag of ['--version', '-V']) {
        expectUsageError(
          await run(bin, [...prefix, 'valdate', flag]),
          `--version prints the version and takes no command or file, got 'valdate' (did you mean validate? see '${name} --help')`,
        );
      }
    },
  );

  it('--version before a command is refused too', async () => {
    expectUsageError(
      await run('mlops', ['--version', 'registry', 'list']),
      "--version prints the version and takes no command or file, got 'registry' (see 'mlops --help')",
    );
    expectUsageError(
      await run('model-registry', ['--version', 'list']),
      "--version prints the version and takes no command or file, got 'list' (see 'model-registry --help')",
    );
  });
});

describe('an unknown option is exit 2 whatever follows or precedes it', () => {
  it.each(['-V', '-h'])('in each bin, followed by %s', async (after) => {
    for (const [bin, name] of [
      ['mlops', 'mlops'],
      ['model-registry', 'model-registry'],
      ['drift-detector', 'drift-detector'],
      ['pipeline-validator', 'pipeline-validator'],
    ] as [BinName, string][])
      expectUsageError(await run(bin, ['--bogus', after]), `unknown option '--bogus' (see '${name} --help')`);
  });

  it.each(['--version', '--help'])('at every level, followed by %s', async (after) => {
    const cases: [BinName, string[], string][] = [
      ['mlops', ['--bogus', after], "unknown option '--bogus' (see 'mlops --help')"],
      ...ALL_ROUTES.map(
        ([bin, prefix, name]) =>
          [bin, [...prefix, '--bogus', after], `unknown option '--bogus' (see '${name} --help')`] as [
            BinName,
            string[],
            string,
          ],
      ),
      ...ROUTES.registry.map(
        ([bin, prefix, name]) =>
          [
            bin,
            [...prefix, 'list', '--bogus', after],
            `unknown option '--bogus' (see '${name} list --help')`,
          ] as [BinName, string[], string],
      ),
      ...ROUTES.pipeline.flatMap(([bin, prefix, name]) =>
        ['validate', 'rules', 'schema'].map(
          (command) =>
            [
              bin,
              [...prefix, command, '--bogus', after],
              `unknown option '--bogus' (see '${name} ${command} --help')`,
            ] as [BinName, string[], string],
        ),
      ),
    ];
    for (const [bin, args, line] of cases) expectUsageError(await run(bin, args), line);
  });

  it.each([
    ['mlops', ['--versoin'], "unknown option '--versoin' (did you mean --version? see 'mlops --help')"],
    ['mlops', ['--version', '--bogus'], "unknown option '--bogus' (see 'mlops --help')"],
    [
      'model-registry',
      ['--registry', 'r.json', '--jsno', '--version'],
      "unknown option '--jsno' (did you mean --json? see 'model-registry --help')",
    ],
    [
      'model-registry',
      ['list', '--nmae', 'x', '--version'],
      "unknown option '--nmae' (did you mean --name? see 'model-registry list --help')",
    ],
    // --version is the model's version in register, promote, show and history, not in list.
    [
      'model-registry',
      ['list', '--version'],
      "unknown option '--version' (see 'model-registry list --help')",
    ],
    [
      'mlops',
      ['pipeline', 'rules', '--version'],
      "unknown option '--version' (see 'mlops pipeline rules --help')",
    ],
    [
      'drift-detector',
      ['--reference', REFERENCE, '--current', CURRENT, '--thresold', '0.2'],
      "unknown option '--thresold' (did you mean --threshold? see 'drift-detector --help')",
    ],
    [
      'drift-detector',
      ['--json=yes', '--version'],
      "option '--json' takes no value, got '--json=yes' (see 'drift-detector --help')",
    ],
    ['drift-detector', ['-Vx'], "unknown option '-Vx' (see 'drift-detector --help')"],
    [
      'mlops',
      ['drift', '--reference'],
      "option '--reference <path>' argument missing (see 'mlops drift --help')",
    ],
    [
      'model-registry',
      ['list', 'production'],
      "unexpected argument 'production' (see 'model-registry list --help')",
    ],
    [
      'pipeline-validator',
      ['rules', 'A', 'B'],
      "unexpected argument 'B' (see 'pipeline-validator rules --help')",
    ],
  ] as [BinName, string[], string][])('%s %j', async (bin, args, line) => {
    expectUsageError(await run(bin, args), line);
  });

  it('a hostile word is shown escaped on one line', async () => {
    expectUsageError(
      await run('mlops', ['registry', 'x\u001b[2J\n::error::y']),
      "unknown command 'x\\x1b[2J\\n::error::y' (see 'mlops registry --help')",
    );
  });
});

describe('--version on its own prints the version, exit 0', () => {
  it.each([
    ['mlops', ['--version']],
    ['mlops', ['-V']],
    ['mlops', ['--debug', '--version']],
    ...ALL_ROUTES.flatMap(([bin, prefix]) => [
      [bin, [...prefix, '--version']],
      [bin, [...prefix, '-V']],
    ]),
    ['model-registry', ['--registry', 'r.json', '--json', '--lock-timeout', '5', '--version']],
    ['mlops', ['registry', '--json', '-V']],
    ['drift-detector', ['--json', '--version']],
    ['pipeline-validator', ['--strict', '--format', 'json', '--version']],
  ] as [BinName, string[]][])('%s %j', async (bin, args) => {
    expect(await run(bin, args)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each(ROUTES.registry)(
    '%s %j register --version 1.2.0 is still the model version',
    async (bin, prefix) => {
      const result = await run(bin, [
        ...prefix,
        '--registry',
        `${bin}.json`,
        'register',
        '--name',
        'fraud',
        '--version',
        '1.2.0',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Registered: fraud 1.2.0 (stage: development)\n  Metrics: (none)\n');
    },
  );
});

describe('help [command…] prints that help on stdout, exit 0', () => {
  it.each([
    ['mlops', ['help'], ['--help']],
    ['mlops', ['help', 'registry'], ['registry', '--help']],
    ['mlops', ['help', 'registry', 'promote'], ['registry', 'promote', '--help']],
    ['mlops', ['registry', 'help', 'promote'], ['registry', 'promote', '--help']],
    ['mlops', ['help', 'drift'], ['drift', '--help']],
    ['mlops', ['drift', 'help'], ['drift', '--help']],
    ['mlops', ['help', 'pipeline'], ['pipeline', '--help']],
    ['mlops', ['help', 'pipeline', 'validate'], ['pipeline', 'validate', '--help']],
    ['mlops', ['pipeline', 'help', 'rules'], ['pipeline', 'rules', '--help']],
    ['model-registry', ['help'], ['--help']],
    ['model-registry', ['help', 'register'], ['register', '--help']],
    ['model-registry', ['list', 'help'], ['list', '--help']],
    ['drift-detector', ['help'], ['--help']],
    ['pipeline-validator', ['help'], ['--help']],
    ['pipeline-validator', ['help', 'validate'], ['validate', '--help']],
    ['pipeline-validator', ['help', 'schema'], ['schema', '--help']],
  ] as [BinName, string[], string[]][])('%s %j is the same as %j', async (bin, args, helpArgs) => {
    const result = await run(bin, args);
    const help = await run(bin, helpArgs);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
    expect(result).toEqual({ code: 0, stdout: help.stdout, stderr: '' });
  });

  it('the help of a command names the command', async () => {
    expect((await run('mlops', ['help', 'pipeline', 'validate'])).stdout).toMatch(
      /^Usage: mlops pipeline validate \[options\] \[files\.\.\.\]\n/,
    );
    expect((await run('model-registry', ['help', 'register'])).stdout).toMatch(
      /^Usage: model-registry register \[options\]\n/,
    );
  });

  it('groups list the help command', async () => {
    for (const [bin, args] of [
      ['mlops', ['--help']],
      ['model-registry', ['--help']],
      ['pipeline-validator', ['--help']],
    ] as [BinName, string[]][])
      expect((await run(bin, args)).stdout).toMatch(
        /\n {2}help \[command\.\.\.\] +display help for a command\n/,
      );
  });

  it.each([
    ['mlops', ['help', 'nonsense'], "unknown command 'nonsense' (see 'mlops --help')"],
    ['mlops', ['help', 'regsitry'], "unknown command 'regsitry' (did you mean registry? see 'mlops --help')"],
    [
      'mlops',
      ['help', 'registry', 'promte'],
      "unknown command 'promte' (did you mean promote? see 'mlops registry --help')",
    ],
    ['mlops', ['help', 'drift', 'ks'], "'mlops drift' has no commands, got 'ks' (see 'mlops drift --help')"],
    ['mlops', ['help', '--json'], "help takes command names, got '--json' (see 'mlops --help')"],
    [
      'model-registry',
      ['help', 'promte'],
      "unknown command 'promte' (did you mean promote? see 'model-registry --help')",
    ],
    [
      'pipeline-validator',
      ['help', 'valdate'],
      "unknown command 'valdate' (did you mean validate? see 'pipeline-validator --help')",
    ],
    [
      'drift-detector',
      ['help', 'nonsense'],
      "'drift-detector' has no commands, got 'nonsense' (see 'drift-detector --help')",
    ],
  ] as [BinName, string[], string][])('%s %j is exit 2', async (bin, args, line) => {
    expectUsageError(await run(bin, args), line);
  });

  it('a group with no command is one error line listing the commands', async () => {
    expectUsageError(
      await run('mlops', []),
      "missing command: expected one of registry, drift, pipeline, help (see 'mlops --help')",
    );
    for (const [bin, prefix, name] of ROUTES.registry)
      expectUsageError(
        await run(bin, [...prefix, '--json']),
        `missing command: expected one of register, promote, rollback, list, show, get, compare, history, alias, help (see '${name} --help')`,
      );
  });
});

/** Values every numeric flag refuses, whatever its range. */
const NOT_DECIMAL = [
  '',
  ' 5',
  '5 ',
  '0x10',
  '0o17',
  '0b101',
  'Infinity',
  'NaN',
  '1_000',
  '5s',
  '5.',
  '1e999',
  '١',
];

describe('numeric flags take decimal numbers only', () => {
  /** [bin, prefix, value]: every value through the tool's own bin and through `mlops`. */
  const refused = (routes: readonly (readonly [BinName, readonly string[], string])[], more: string[] = []) =>
    routes.flatMap(([bin, prefix]) =>
      [...NOT_DECIMAL, ...more].map((value) => [bin, prefix, value] as const),
    );
  const driftArgs = ['--reference', REFERENCE, '--current', CURRENT, '--json'];

  it.each(refused(ROUTES.drift, ['-1']))('%s %j --threshold %j is exit 2', async (bin, prefix, value) => {
    expectUsageError(
      await run(bin, [...prefix, ...driftArgs, '--threshold', value]),
      `--threshold: expected a decimal number ≥ 0, got ${JSON.stringify(value)}`,
    );
  });

  it.each(ROUTES.drift)('%s %j --drift-share keeps its range, decimal only', async (bin, prefix) => {
    for (const value of ['0x1', '', '1.5', '-0.1'])
      expectUsageError(
        await run(bin, [...prefix, ...driftArgs, '--drift-share', value]),
        `--drift-share: expected a decimal number between 0 and 1, got ${JSON.stringify(value)}`,
      );
  });

  it.each([
    ['drift-detector', [], '0.05', 0.05],
    ['drift-detector', [], '5', 5],
    ['drift-detector', [], '0', 0],
    ['drift-detector', [], '1e-3', 0.001],
    ['mlops', ['drift'], '.5', 0.5],
  ] as const)('%s %j --threshold %j is %d', async (bin, prefix, value, threshold) => {
    const result = await run(bin, [...prefix, ...driftArgs, '--threshold', value, '--drift-share', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).threshold).toBe(threshold);
  });

  it.each(refused(ROUTES.registry, ['-1']))(
    '%s %j --lock-timeout %j is exit 2',
    async (bin, prefix, value) => {
      expectUsageError(
        await run(bin, [...prefix, 'list', '--lock-timeout', value]),
        `--lock-timeout: expected a decimal number of seconds, 0 or more, got ${JSON.stringify(value)}`,
      );
    },
  );

  it.each(ROUTES.registry)('%s %j: MLOPS_LOCK_TIMEOUT is read the same way', async (bin, prefix) => {
    for (const value of ['0x10', ' 5', 'Infinity']) {
      expectUsageError(
        await run(bin, [...prefix, 'list'], { MLOPS_LOCK_TIMEOUT: value }),
        `MLOPS_LOCK_TIMEOUT: expected a decimal number of seconds, 0 or more, got ${JSON.stringify(value)}`,
      );
    }
  });

  it.each([
    ['model-registry', [], '0'],
    ['model-registry', [], '0.5'],
    ['model-registry', [], '30'],
    ['mlops', ['registry'], '1e1'],
    ['mlops', ['registry'], '.25'],
  ] as const)('%s %j --lock-timeout %j is accepted', async (bin, prefix, value) => {
    // A missing file in an existing folder is an empty registry, and a read-only command says so.
    const result = await run(bin, [...prefix, '--registry', 'empty.json', 'list', '--lock-timeout', value]);
    expect(result).toEqual({
      code: 0,
      stdout: 'Registry is empty.\n',
      stderr: 'note: no registry file at empty.json\n',
    });
  });

  it.each(refused(ROUTES.pipeline, ['-1', '+1', '1.0', '1e3', '9007199254740992']))(
    '%s %j --max-warnings %j is exit 2',
    async (bin, prefix, value) => {
      expectUsageError(
        await run(bin, [...prefix, PIPELINE, '--max-warnings', value]),
        `--max-warnings: expected a whole number of warnings (0 or more, decimal digits only), got ${JSON.stringify(value)}`,
      );
    },
  );

  it.each([
    ['pipeline-validator', [], '0'],
    ['pipeline-validator', [], '007'],
    ['mlops', ['pipeline'], '5'],
  ] as const)('%s %j --max-warnings %j is accepted', async (bin, prefix, value) => {
    const result = await run(bin, [...prefix, PIPELINE, '--max-warnings', value, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).valid).toBe(true);
  });

  it.each(ROUTES.registry)('%s %j promote --require reads its number the same way', async (bin, prefix) => {
    for (const condition of ['f1>=0x10', 'f1>=Infinity', 'f1>=1_000', 'f1>=0.'])
      expectUsageError(
        await run(bin, [
          ...prefix,
          'promote',
          '--name',
          'm',
          '--version',
          '1',
          '--stage',
          'staging',
          '--require',
          condition,
        ]),
        `--require: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got ${JSON.stringify(condition)}`,
      );
  });
});

describe('each tool page states the command-line rules', () => {
  it.each([
    ['drift-detector', ['--threshold', '--drift-share']],
    ['model-registry', ['--lock-timeout', 'MLOPS_LOCK_TIMEOUT', '--require']],
    ['pipeline-validator', ['--max-warnings']],
  ])('docs/%s.md, "Command line": exit 2, decimal numbers, help, and %j', (tool, numeric) => {
    const page = readFileSync(join(ROOT, `docs/${tool}.md`), 'utf8');
    const start = page.indexOf('\n## Command line\n');
    expect(start, 'a "## Command line" section').toBeGreaterThan(0);
    const section = page.slice(start, page.indexOf('\n## ', start + 1));
    for (const needle of ['exit 2', 'decimal', 'help', '0x10', '--version', ...numeric])
      expect(section, needle).toContain(needle);
  });
});

// Concurrent: the processes run side by side (vitest's maxConcurrency at a time); none of them writes
// a file, which the exit-2 cases check.
describe.concurrent('the built bins, as processes', () => {
  // The cases above run each program in this process; these run the real bins, as a user or a CI job
  // does: the version of each, an unknown word and a refused number in each (the drift bins start
  // reading their files before the program loads, and must still stop and exit 2), a check that runs.
  it.each(Object.keys(BINS) as BinName[])('%s --version', async (bin) => {
    expect(await spawn(bin, ['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  const driftArgs = ['--reference', REFERENCE, '--current', CURRENT, '--json'];
  it.each([
    [
      'mlops',
      ['regstry', '--version'],
      "unknown command 'regstry' (did you mean registry? see 'mlops --help')",
    ],
    [
      'model-registry',
      ['promte', '--name', 'fraud', '--version', '1.2.0', '--stage', 'production'],
      "unknown command 'promte' (did you mean promote? see 'model-registry --help')",
    ],
    [
      'pipeline-validator',
      ['valdate', '--version'],
      "--version prints the version and takes no command or file, got 'valdate' (did you mean validate? see 'pipeline-validator --help')",
    ],
    [
      'drift-detector',
      ['--reference', REFERENCE, '--current', CURRENT, '--thresold', '0.2'],
      "unknown option '--thresold' (did you mean --threshold? see 'drift-detector --help')",
    ],
    [
      'drift-detector',
      [...driftArgs, '--threshold', '0x10'],
      '--threshold: expected a decimal number ≥ 0, got "0x10"',
    ],
    [
      'mlops',
      ['drift', ...driftArgs, '--threshold', 'Infinity'],
      '--threshold: expected a decimal number ≥ 0, got "Infinity"',
    ],
    [
      'mlops',
      ['registry', 'list', '--lock-timeout', '0x10'],
      '--lock-timeout: expected a decimal number of seconds, 0 or more, got "0x10"',
    ],
    [
      'mlops',
      ['pipeline', PIPELINE, '--max-warnings', '1e3'],
      '--max-warnings: expected a whole number of warnings (0 or more, decimal digits only), got "1e3"',
    ],
  ] as [BinName, string[], string][])('%s %j is exit 2, nothing written', async (bin, args, line) => {
    const files = readdirSync(dir).sort();
    const registry = readFileSync(join(dir, 'model_registry.json'));
    expectUsageError(await spawn(bin, args), line);
    expect(readdirSync(dir).sort()).toEqual(files);
    expect(readFileSync(join(dir, 'model_registry.json'))).toEqual(registry);
  });

  it('mlops help registry promote is the help of registry promote, exit 0', async () => {
    const result = await spawn('mlops', ['help', 'registry', 'promote']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: mlops registry promote \[options\]\n/);
    expect(result.stderr).toBe('');
  });

  it.each([
    ['drift-detector', []],
    ['mlops', ['drift']],
  ] as [BinName, string[]][])('%s %j --threshold 0.05 runs the check', async (bin, prefix) => {
    const result = await spawn(bin, [...prefix, ...driftArgs, '--threshold', '0.05', '--drift-share', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).threshold).toBe(0.05);
  });
});
