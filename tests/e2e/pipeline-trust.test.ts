/**
 * pipeline-validator on hostile input: endless or huge files are capped, deep nesting is an
 * INVALID_JSON finding found in constant memory, keys such as __proto__ are data, cron separators are
 * cron's, --strict says what it does, and a 100,000-stage chain is linear. The tests about the process
 * (a device, a FIFO, a 64 MB heap) start the built bin, at once and while the others run; the others
 * run its program in this process (tests/helpers/in-process.ts), which answers byte for byte as the bin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinResult, hasStackTrace, makeTempDir, ROOT, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

const VALID = join(ROOT, 'fixtures/pipeline/valid.json');

let temp: { dir: string; cleanup: () => void };

function write(name: string, content: string): string {
  const path = join(temp.dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const validator = (args: string[]) => runInProcess('pipeline-validator', args, { cwd: temp.dir });

/** Marks a run's rejection as handled until its test awaits it (and sees it). */
function started<T>(run: Promise<T>): Promise<T> {
  run.catch(() => {});
  return run;
}

/** The runs of the built bin, started in beforeAll and awaited by their tests. */
const processes: {
  devZero?: Promise<BinResult>;
  fifo?: Promise<BinResult[]>;
  brackets?: Promise<BinResult>;
} = {};

/**
 * The bin reading a FIFO that a writer feeds without end (`yes '['`): as the pipeline file, then as
 * the config. The writer ends with SIGPIPE once the reader closes.
 */
async function readEndlessFifo(): Promise<BinResult[]> {
  const fifo = join(temp.dir, 'endless.fifo');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const results: BinResult[] = [];
  for (const args of [[fifo], [VALID, '--config', fifo]]) {
    const writer = spawn('sh', ['-c', `yes '[' > '${fifo}'`], { stdio: 'ignore' });
    // Listened for now: the writer may end while the bin is awaited.
    const writerEnded = new Promise((resolve) => writer.once('exit', resolve));
    try {
      results.push(await spawnBin('pipeline-validator', args, { cwd: temp.dir, timeoutMs: 60_000 }));
    } finally {
      writer.kill();
    }
    await writerEnded;
  }
  return results;
}

beforeAll(() => {
  temp = makeTempDir('mlops-pipeline-trust-');
  const options = { cwd: temp.dir, timeoutMs: 60_000 };
  processes.devZero = started(spawnBin('pipeline-validator', ['/dev/zero'], options));
  processes.fifo = started(readEndlessFifo());
  // With a 64 MB heap, a parse that built the arrays would die (exit 134, "heap out of memory").
  const brackets = write('brackets.json', '['.repeat(10 * 1024 * 1024));
  processes.brackets = started(
    spawnBin('pipeline-validator', [brackets, '--json'], {
      ...options,
      nodeArgs: ['--max-old-space-size=64'],
    }),
  );
});
afterAll(async () => {
  // Every started run ends before the folder goes (a failed test may not have awaited its own).
  await Promise.allSettled([processes.devZero, processes.fifo, processes.brackets]);
  temp.cleanup();
});

/** An error run: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectInputError(result: BinResult, pattern: RegExp) {
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(pattern);
  expect(hasStackTrace(result.stderr)).toBe(false);
  expect(result.code).toBe(2);
}

/** A pipeline that passes every rule, with stages given. */
function pipeline(stages: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { name: 'p', schedule: '0 2 * * *', notifications: { on_failure: 'ml@example.com' }, stages, ...extra },
    null,
    2,
  );
}

const GOOD_STAGES = [
  { name: 'load', type: 'data', outputs: ['rows'] },
  { name: 'prep', type: 'transform', inputs: ['rows'], outputs: ['features'] },
  { name: 'fit', type: 'train', inputs: ['features'], outputs: ['model'] },
  {
    name: 'eval',
    type: 'evaluate',
    inputs: ['model'],
    outputs: ['metrics'],
    gate: { metric: 'f1', threshold: 0.8 },
  },
  { name: 'ship', type: 'deploy', inputs: ['model', 'metrics'], outputs: ['endpoint'], rollback: true },
  { name: 'watch', type: 'monitor', inputs: ['endpoint'], outputs: ['drift'] },
];

describe('bounded reads', () => {
  it('/dev/zero: refused once 256 MB are read, exit 2, one line', async () => {
    expectInputError(
      (await processes.devZero)!,
      /^error: \/dev\/zero: pipeline file is larger than the 256 MB this tool reads$/,
    );
  });

  it('a FIFO fed without end: refused at the cap, as the pipeline file and as the config', async () => {
    const results = (await processes.fifo)!;
    expect(results).toHaveLength(2);
    for (const [index, what] of ['pipeline file', 'config file'].entries()) {
      expectInputError(
        results[index]!,
        new RegExp(`^error: .*endless\\.fifo: ${what} is larger than the 256 MB this tool reads$`),
      );
    }
  });

  it('10 MB of [ is INVALID_JSON at the 1,001st bracket, quickly and in a 64 MB heap', async () => {
    const result = (await processes.brackets)!;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).issues).toEqual([
      {
        severity: 'error',
        rule: 'INVALID_JSON',
        message:
          'The file is not valid JSON: more than 1000 levels of nested arrays and objects (the most this tool reads).',
        path: '',
        line: 1,
        column: 1001,
      },
    ]);
  });

  it('a syntax error before the nesting gets too deep is reported instead', async () => {
    const file = write('early.json', `{"name": 'p', "x": ${'['.repeat(5000)}`);
    const result = await validator([file, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).issues).toMatchObject([
      { rule: 'INVALID_JSON', line: 1, column: 10, message: expect.stringContaining(`unexpected "'"`) },
    ]);
  });

  it('a config file nested too deep: exit 2 with its line and column', async () => {
    const config = write('deep-config.json', `{\n  "rules": ${'['.repeat(3000)}`);
    expectInputError(
      await validator([VALID, '--config', config]),
      /deep-config\.json:2:1011: config file is not valid JSON: more than 1000 levels of nested arrays and objects/,
    );
  });

  it('a .mlops-pipeline.json that is a folder is refused, not skipped', async () => {
    const dir = join(temp.dir, 'folder-config');
    mkdirSync(join(dir, '.mlops-pipeline.json'), { recursive: true });
    writeFileSync(join(dir, 'p.json'), pipeline(GOOD_STAGES));
    expectInputError(
      await validator([join(dir, 'p.json')]),
      /\.mlops-pipeline\.json: config file is a folder, not a file/,
    );
  });
});

describe('keys are data', () => {
  it.each(['__proto__', 'constructor', 'toString'])(
    'a config with rule id %s is an unknown rule (exit 2, at its key)',
    async (id) => {
      const config = write(`proto-${id}.json`, `{\n  "rules": {\n    "${id}": "off"\n  }\n}\n`);
      expectInputError(
        await validator([VALID, '--config', config]),
        new RegExp(`proto-${id}\\.json:3:5: invalid config file: unknown rule "${id}" \\(valid rule ids: `),
      );
    },
  );

  it('.mlops-pipeline.json with __proto__ next to the pipeline: the same', async () => {
    const dir = join(temp.dir, 'proto-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.mlops-pipeline.json'), '{"rules": {"__proto__": {"NO_STAGES": "off"}}}');
    writeFileSync(join(dir, 'p.json'), pipeline(GOOD_STAGES));
    expectInputError(await validator([join(dir, 'p.json')]), /invalid config file: unknown rule "__proto__"/);
  });

  it('stages named __proto__, constructor and toString: dependencies, outputs and duplicates as for any name', async () => {
    const stages = [
      { name: '__proto__', type: 'data', outputs: ['constructor'] },
      {
        name: 'constructor',
        type: 'transform',
        inputs: ['constructor'],
        outputs: ['toString'],
        depends_on: ['__proto__'],
      },
      {
        name: 'toString',
        type: 'train',
        inputs: ['toString', '__proto__'],
        outputs: ['model'],
        depends_on: ['constructor', 'hasOwnProperty'],
      },
      {
        name: 'toString',
        type: 'evaluate',
        inputs: ['model'],
        outputs: ['valueOf', 'valueOf'],
        gate: { metric: 'f1', threshold: 0.9 },
      },
    ];
    const file = write('proto-stages.json', pipeline(stages));
    const result = await validator([file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout).issues.map(
      (issue: { rule: string; message: string; path: string }) => [issue.rule, issue.path, issue.message],
    );
    expect(issues).toEqual([
      [
        'UNRESOLVED_INPUT',
        '/stages/2/inputs/1',
        "Stage 'toString' requires input '__proto__' which is not produced by any earlier stage.",
      ],
      [
        'UNKNOWN_DEPENDENCY',
        '/stages/2/depends_on/1',
        "Stage 'toString' depends on 'hasOwnProperty', which is not the name of any stage.",
      ],
      ['DUPLICATE_OUTPUT', '/stages/3/outputs/1', "Output 'valueOf' is produced by multiple stages."],
      ['DUPLICATE_STAGE_NAME', '/stages/3/name', "Duplicate stage name: 'toString'."],
    ]);
  });

  it('a stage that depends on a later __proto__ stage gets its input from it', async () => {
    const stages = [
      ...GOOD_STAGES.slice(0, 2),
      { ...GOOD_STAGES[2], inputs: ['features', 'constructor'], depends_on: ['__proto__'] },
      ...GOOD_STAGES.slice(3),
      { name: '__proto__', type: 'test', outputs: ['constructor'] },
    ];
    const result = await validator([write('proto-late.json', pipeline(stages)), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).issues).toEqual([]);
  });
});

describe('cron separators', () => {
  it.each([
    ['0 2\u00a0* * *', 'character 4 is U+00A0 (a no-break space)'],
    ['0 2\n* * *', 'character 4 is U+000A (a line feed)'],
  ])('%j is INVALID_SCHEDULE naming the character', async (schedule, detail) => {
    const result = await validator([write('cron.json', pipeline(GOOD_STAGES, { schedule })), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).issues).toMatchObject([
      {
        severity: 'warning',
        rule: 'INVALID_SCHEDULE',
        path: '/schedule',
        message: `Schedule '${schedule}' does not match cron format: ${detail}; cron separates fields with spaces and tabs only.`,
      },
    ]);
  });

  it('runs of spaces and tabs between fields pass, as in cron', async () => {
    const result = await validator([
      write('cron-blanks.json', pipeline(GOOD_STAGES, { schedule: '0  2\t\t* * 1' })),
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).issues).toEqual([]);
  });
});

describe('--strict', () => {
  const said = (text: string) => text.replace(/\s+/g, ' ');

  it.each(['--help', 'validate --help'])(
    '%s says what it adds, what it raises, and how to fail on any warning',
    async (args) => {
      const result = await validator(args.split(' '));
      expect(result.code).toBe(0);
      expect(said(result.stdout)).toContain(
        '--strict strict mode: also runs MISSING_RECOMMENDED_STAGE (warning) and NO_TIMEOUT (info); DEPLOY_WITHOUT_GATE and MISSING_EVAL_GATE become errors. Other warnings stay warnings and do not fail the run: add --max-warnings 0 to fail on any warning',
      );
    },
  );

  it('lets other warnings through (exit 0) unless --max-warnings 0 is added', async () => {
    const stages = GOOD_STAGES.map((stage) => ({ ...stage, timeout_minutes: 5 }));
    stages[5] = { ...stages[5]!, outputs: [] }; // NO_OUTPUTS: a warning in both modes
    const file = write('strict-warning.json', pipeline(stages));
    const strict = await validator([file, '--strict', '--json']);
    expect(strict.code).toBe(0);
    expect(JSON.parse(strict.stdout)).toMatchObject({ errors: 0, warnings: 1 });
    const zero = await validator([file, '--strict', '--max-warnings', '0']);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('pipeline-validator: 1 warning, more than --max-warnings 0 allows\n');
  });
});

describe('scale', () => {
  it('a 100,000-stage depends_on chain whose every stage has unresolved inputs: linear (was over 120 s)', async () => {
    const count = 100_000;
    const stages = Array.from({ length: count }, (_, index) => ({
      name: `stage_${index}`,
      type: index === 0 ? 'data' : 'transform',
      inputs: index === 0 ? [] : [`artifact_${index - 1}`, 'raw_events', 'lookup'],
      outputs: index === count - 1 ? [`artifact_${index}`, 'lookup'] : [`artifact_${index}`],
      ...(index > 0 ? { depends_on: [`stage_${index - 1}`] } : {}),
    }));
    const file = write('chain.json', JSON.stringify({ name: 'chain', stages }));
    const started = Date.now();
    const result = await validator([file, '--json']);
    const seconds = (Date.now() - started) / 1000;
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.total_stages).toBe(count);
    expect(report.issues.filter((issue: { rule: string }) => issue.rule === 'UNRESOLVED_INPUT')).toHaveLength(
      2 * (count - 1),
    );
    expect(seconds).toBeLessThan(20);
  });
});
