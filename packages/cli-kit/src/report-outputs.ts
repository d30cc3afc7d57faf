import {
  assertCanWrite,
  assertNotAnInput,
  escapeText,
  type OutputInput,
  resolveOutputTarget,
  UsageError,
  writeOutputFile,
} from '@mlops/core';
import { Chalk } from 'chalk';
import { type Command, Option } from 'commander';
import type { CliContext, OutputStream } from './context.js';

/**
 * Several reports from one run: `--format` and `-o, --output FILE`, paired by where they stand.
 *
 * The rule (docs/drift-detector.md and docs/pipeline-validator.md, "Outputs", say it the same way):
 *
 * 1. `-o FILE` writes the report in the format of the nearest `--format` before it on the command
 *    line (`-f F` is `--format F`, `--json` counts as `--format json`), or in the default format
 *    when there is none.
 * 2. A `--format` that no `-o` follows (before the next `--format`) goes to stdout, and so does the
 *    report of an `-o -`.
 * 3. Without any `--format` or `-o`, the default format goes to stdout; once there is an `-o`, stdout
 *    gets only what rule 2 sends to it (nothing, when every `--format` has its `-o`).
 * 4. At most one report goes to stdout: two would run into each other.
 * 5. Each output is a file of its own (links followed: two names of one file are the same file), and
 *    none is an input of the command. Both are checked before anything is read (exit 2).
 *
 * So `--format markdown -o summary.md --format json -o report.json` writes two files and prints
 * nothing, `--format sarif -o p.sarif --format text` writes the SARIF log and prints the text, and
 * `--format json -o a.json -o b.json` writes the same JSON twice.
 *
 * Files are written once the command has its result (nothing is written when it fails with exit
 * 2), each by core's output rule (writeOutputFile: replaced atomically, a FIFO or a device written
 * to), one after the other, before the report on stdout.
 *
 * commander keeps the last value of an option and not the order of different options, so each
 * command records its `--format`, `--json` and `-o` words in the order commander meets them, from its
 * option events (commander's own handler, which checks the choices, runs first).
 */

/** One `--format`, `--json` or `-o` of a command line. */
export type OutputWord =
  | {
      kind: 'format';
      format: string;
      /** How it was given, for messages: `--format json`, `--json`. */
      flag: string;
    }
  | { kind: 'output'; path: string };

/** A report to write: its format, and its file (none: stdout). */
export interface PlannedOutput<Format extends string> {
  format: Format;
  /** The file as given (relative to the working folder); undefined for stdout. */
  path?: string;
  /** The `--format` (or `--json`) the report comes from, for messages; undefined for the default. */
  flag?: string;
}

/** The report flags of a command. */
export interface OutputFlags<Format extends string> {
  formats: readonly Format[];
  defaultFormat: Format;
  /** The help of `--format`. */
  formatHelp: string;
  /** The help of `--json`, for a command that has it (`--format json` where it stands). */
  jsonHelp?: string;
}

/** Where a command keeps its words among its option values, which commander resets for each parse. */
const WORDS = 'reportOutputWords';

/**
 * Adds `--json` (when `flags.jsonHelp` is given), `-f, --format` and `-o, --output FILE` to a
 * command, and records their words in order (see above). Returns the command.
 */
export function addOutputOptions<Format extends string>(
  command: Command,
  flags: OutputFlags<Format>,
): Command {
  if (flags.jsonHelp !== undefined) command.option('--json', flags.jsonHelp);
  command
    .addOption(new Option('-f, --format <format>', flags.formatHelp).choices([...flags.formats]))
    .option(
      '-o, --output <file>',
      'write the report of the --format before it to this file instead of stdout; repeatable, each -o after its --format; - is stdout',
    );
  const record = (word: OutputWord) =>
    command.setOptionValue(WORDS, [...((command.getOptionValue(WORDS) as OutputWord[]) ?? []), word]);
  if (flags.jsonHelp !== undefined)
    command.on('option:json', () => record({ kind: 'format', format: 'json', flag: '--json' }));
  command.on('option:format', (format: string) =>
    record({ kind: 'format', format, flag: `--format ${format}` }),
  );
  command.on('option:output', (path: string) => record({ kind: 'output', path }));
  return command;
}

/**
 * The words of a command line that ran `command`: its parents' first (a parent's options stand
 * before the sub-command's name), then its own.
 */
export function outputWordsOf(command: Command): OutputWord[] {
  const chain: Command[] = [];
  for (let current: Command | null = command; current; current = current.parent) chain.unshift(current);
  return chain.flatMap((each) => (each.getOptionValue(WORDS) as OutputWord[] | undefined) ?? []);
}

/** How a report to stdout was asked for, for messages. */
function stdoutFlag(output: PlannedOutput<string>, dash: boolean): string {
  const flag = output.flag ?? `-o - (${output.format}, the default)`;
  return dash && output.flag !== undefined ? `${flag} -o -` : flag;
}

/**
 * The reports a command line asks for, in its order, by rules 1 to 4 (see above). Pure: the files
 * are checked by {@link checkReportOutputs}.
 *
 * @throws UsageError for an empty file name, or for two reports to stdout.
 * @example planOutputs([{ kind: 'format', format: 'sarif', flag: '--format sarif' }, { kind: 'output', path: 'p.sarif' }], 'text') // => [{ format: 'sarif', path: 'p.sarif', flag: '--format sarif' }]
 */
export function planOutputs<Format extends string>(
  words: readonly OutputWord[],
  defaultFormat: Format,
): PlannedOutput<Format>[] {
  const outputs: PlannedOutput<Format>[] = [];
  const toStdout: string[] = [];
  let current: PlannedOutput<Format> | undefined;
  let paired = false;
  for (const word of words) {
    if (word.kind === 'format') {
      if (current !== undefined && !paired) {
        outputs.push(current);
        toStdout.push(stdoutFlag(current, false));
      }
      current = { format: word.format as Format, flag: word.flag };
      paired = false;
      continue;
    }
    if (word.path === '')
      throw new UsageError('expected a file name (or - for stdout), got ""', { field: 'output' });
    const report = current ?? { format: defaultFormat };
    paired = true;
    if (word.path === '-') {
      outputs.push(report);
      toStdout.push(stdoutFlag(report, true));
    } else outputs.push({ ...report, path: word.path });
  }
  if (current !== undefined && !paired) {
    outputs.push(current);
    toStdout.push(stdoutFlag(current, false));
  }
  if (words.length === 0) outputs.push({ format: defaultFormat });
  if (toStdout.length > 1)
    throw new UsageError(`${toStdout[0]} and ${toStdout[1]} both write to stdout`, {
      hint: 'write one of them to a file: -o FILE right after its --format',
    });
  return outputs;
}

/** An output that is not a report of {@link planOutputs}, such as drift-detector's `--html`. */
export interface OtherOutput {
  path: string;
  /** Its flag, for messages: `--html`. */
  label: string;
  /** What it is, for messages: `HTML report`. */
  what: string;
}

/** What a report is called in messages: `the JSON report`, `the SARIF log`. */
export function reportName(format: string): string {
  const names: Record<string, string> = {
    json: 'JSON report',
    markdown: 'Markdown summary',
    junit: 'JUnit report',
    sarif: 'SARIF log',
    github: 'GitHub annotations',
    text: 'text report',
  };
  return names[format] ?? `${format} report`;
}

/**
 * Checks the files of the reports (rule 5, see above) before the command reads anything: none is one
 * of `inputs`, each can be written (not a folder, a socket or a link loop; a file's folder exists and
 * takes new files: core's assertCanWrite), and no two are the same file, the reports' and `others`'
 * together (a character device such as `/dev/null` may take several). A report written to a file
 * descriptor (`-o /dev/stdout`) counts as one to stdout, where at most one report may go; an `other`
 * output may share stdout with the report (drift-detector `--html -`, which prints the page before
 * the report).
 *
 * @throws UsageError (exit 2) for an output that is an input or that another output names too;
 *   InputError (exit 2) for one that cannot be written, in the words the write would fail with.
 */
export function checkReportOutputs(
  outputs: readonly PlannedOutput<string>[],
  {
    inputs,
    cwd,
    others = [],
  }: { inputs: readonly OutputInput[]; cwd: string; others?: readonly OtherOutput[] },
): void {
  /** Each file named so far, by where it leads, with its flag for messages. */
  const named = new Map<string, string>();
  const stdout = outputs.find((output) => output.path === undefined);
  if (stdout !== undefined) named.set('fd:1', `stdout (${stdout.flag ?? `${stdout.format}, the default`})`);
  const files = [
    ...others.map((other) => ({ ...other, report: false })),
    ...outputs.flatMap((output) =>
      output.path === undefined
        ? []
        : [{ path: output.path, label: '-o', what: reportName(output.format), report: true }],
    ),
  ];
  for (const file of files) {
    const naming = { what: file.what, label: file.label, display: file.path, cwd };
    const target = resolveOutputTarget(file.path, naming);
    assertNotAnInput(file.path, inputs, naming, target);
    assertCanWrite(target, naming, writableHint(file.label));
    if (target.kind === 'stream' && target.stats.isCharacterDevice()) continue;
    if (target.kind === 'descriptor' && !file.report) continue;
    const key = target.kind === 'descriptor' ? `fd:${target.fd}` : `path:${target.path}`;
    const shown = `${file.label} ${escapeText(file.path)}`;
    const earlier = named.get(key);
    if (earlier !== undefined)
      throw new UsageError(`${shown} is the same file as ${earlier}: each output needs a file of its own`, {
        hint: 'name another file',
      });
    named.set(key, shown);
  }
}

/** What to do about an output that cannot be written, the same before and at the write. */
function writableHint(label: string): string {
  return `give ${label} a file path in a folder that exists and is writable`;
}

/** The context a report is rendered in for a file: its stdout the file's text, without colours. */
function contextWritingTo(context: CliContext, stdout: OutputStream): CliContext {
  return {
    stdout,
    stderr: context.stderr,
    env: context.env,
    cwd: context.cwd,
    debug: context.debug,
    color: { stdout: new Chalk({ level: 0 }), stderr: context.color.stderr },
    get verdict() {
      return context.verdict;
    },
    fail: () => context.fail(),
  };
}

/**
 * Writes the reports: `render` writes one report in its format to the context's stdout. A file's
 * report is rendered into memory (in the pieces `render` writes, without colours, not on a
 * terminal) and written by writeOutputFile; the files come first, in their order on the command
 * line, then the report to stdout. Call it once the command has its result.
 *
 * @throws InputError (exit 2) when a file cannot be written (the ones before it are written, the
 *   ones after it and stdout are not).
 */
export async function writeReportOutputs<Format extends string>(
  context: CliContext,
  outputs: readonly PlannedOutput<Format>[],
  render: (format: Format, target: CliContext) => void | Promise<void>,
  { inputs }: { inputs: readonly OutputInput[] },
): Promise<void> {
  for (const output of outputs) {
    if (output.path === undefined) continue;
    const pieces: string[] = [];
    const stream: OutputStream = {
      isTTY: false,
      write(chunk: string) {
        pieces.push(chunk);
        return true;
      },
    };
    await render(output.format, contextWritingTo(context, stream));
    await writeOutputFile(output.path, pieces, {
      what: reportName(output.format),
      label: '-o',
      display: output.path,
      cwd: context.cwd,
      inputs,
      stdout: (text) => context.stdout.write(text),
      hint: writableHint('-o'),
    });
  }
  const stdout = outputs.find((output) => output.path === undefined);
  if (stdout !== undefined) await render(stdout.format, context);
}
