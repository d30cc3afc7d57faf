import { buildMlopsCommand } from '@mlops/cli';
import { BufferStream, type CommandBuilder, runCli } from '@mlops/cli-kit';
import { buildDriftCommand } from '@mlops/drift-detector';
import { buildRegistryCommand } from '@mlops/model-registry';
import { buildPipelineCommand } from '@mlops/pipeline-validator';
import { type BinName, type BinResult, cleanEnv, ROOT } from './bins.js';

/**
 * Each bin's program, as its src/cli.ts builds it. The drift bins also hand the program a CSV worker
 * script and the reads they started before it loaded; without them the files are read in this thread,
 * which prints the same (tests/e2e/in-process.test.ts compares the two ways on real command lines).
 */
const PROGRAMS: Record<BinName, CommandBuilder> = {
  mlops: (context) => buildMlopsCommand(context),
  'model-registry': buildRegistryCommand,
  'drift-detector': (context) => buildDriftCommand(context),
  'pipeline-validator': buildPipelineCommand,
};

export interface RunInProcessOptions {
  /** The working folder the program sees (its context's); the process's own is not changed. */
  cwd?: string;
  /** Added to a clean environment, as for runBin; the process's own is not changed. */
  env?: Record<string, string | undefined>;
}

/** What a program run in this process must leave as it found it. */
interface ProcessState {
  exitCode: typeof process.exitCode;
  cwd: string;
  env: string;
}

function processState(): ProcessState {
  return {
    exitCode: process.exitCode,
    cwd: process.cwd(),
    env: JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Runs a bin's program in this process, through runCli as the bin does, with its output captured:
 * the same `{ code, stdout, stderr }` as runBin gives for the same arguments, working folder and
 * environment (stdout and stderr are not terminals, as runBin's pipes are not), in milliseconds
 * instead of a process start. For tests about how a command line is read and answered; a test about
 * the process (its exit, signals, threads, concurrent writers) spawns the bin with runBin.
 *
 * Throws if the program wrote to the process's own stdout or stderr, or changed `process.exitCode`,
 * the working folder or the environment (put back first, for the next test): those would go unseen
 * here and would make the bin differ. (What a program leaves running is not checked: the test
 * runner's own timers and reads come and go in the same list, process.getActiveResourcesInfo().)
 */
export function runInProcess(
  name: BinName,
  args: readonly string[],
  options: RunInProcessOptions = {},
): Promise<BinResult> {
  return runProgramInProcess(name, PROGRAMS[name], args, options);
}

/**
 * The last run asked for: runs take turns, each after the one before has ended, since each replaces
 * the process's stdout and stderr writers while it runs (two at once would put back each other's).
 */
let previous: Promise<unknown> = Promise.resolve();

/**
 * runInProcess for any program; `name` is for the error messages. Runs started together (a test's
 * `Promise.all`, inParallel) run one after the other, each with the process to itself.
 */
export function runProgramInProcess(
  name: string,
  build: CommandBuilder,
  args: readonly string[],
  options: RunInProcessOptions = {},
): Promise<BinResult> {
  const run = previous.then(() => runAlone(name, build, args, options));
  previous = run.catch(() => undefined);
  return run;
}

async function runAlone(
  name: string,
  build: CommandBuilder,
  args: readonly string[],
  options: RunInProcessOptions,
): Promise<BinResult> {
  const stdout = new BufferStream(false);
  const stderr = new BufferStream(false);
  const before = processState();
  const env = { ...process.env };
  const stray: string[] = [];
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: unknown) => stray.push(`stdout: ${String(chunk)}`) > 0) as never;
  process.stderr.write = ((chunk: unknown) => stray.push(`stderr: ${String(chunk)}`) > 0) as never;
  let code: number;
  try {
    code = await runCli(build, {
      argv: args,
      env: cleanEnv(options.env),
      cwd: options.cwd ?? ROOT,
      stdout,
      stderr,
    });
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
  const after = processState();
  const changed = (Object.keys(before) as (keyof ProcessState)[]).filter((key) => after[key] !== before[key]);
  // Put back what can be put back, so that the next test starts clean, then fail this one.
  if (changed.length > 0) {
    process.exitCode = before.exitCode;
    process.chdir(before.cwd);
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
  }
  const problems = [
    ...(stray.length > 0 ? [`wrote to the process's own streams: ${JSON.stringify(stray.join(''))}`] : []),
    ...changed.map((key) => `changed the process's ${key}: ${before[key]} -> ${after[key]}`),
  ];
  if (problems.length > 0) throw new Error(`${name} ${JSON.stringify(args)} ${problems.join('; ')}`);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
