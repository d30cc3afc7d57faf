import { EXIT_OK, EXIT_USAGE, type ExitCode, escapeText, isMlopsError } from '@mlops/core';
import { type Command, CommanderError } from 'commander';
import { checkCommandLine, closestMatches, commandPath } from './command-line.js';
import { type CliContext, type ContextOptions, createContext, type OutputStream } from './context.js';

/** Builds a tool's commander program around a context; every bin and the umbrella `mlops` use one. */
export type CommandBuilder = (context: CliContext) => Command;

export interface RunOptions extends ContextOptions {
  /** The user's arguments (without `node` and the script); defaults to `process.argv.slice(2)`. */
  argv?: readonly string[];
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * How an error names the input it is about (see MlopsError's `field`): a request key is the flag that
 * sets it (`maxMemory` → `--max-memory`), a config key is shown as `config KEY`.
 *
 * @example fieldLabel('driftShare') // => '--drift-share'
 * @example fieldLabel('config.ignore') // => 'config ignore'
 */
export function fieldLabel(field: string): string {
  if (field.startsWith('config.')) return `config ${field.slice('config.'.length)}`;
  return `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** Where commander starts the line of its suggestion, after the message. */
const SUGGESTION_LINE = /\n\(Did you mean /g;

/** Commander's message for a value outside an option's choices. */
const INVALID_CHOICE = /argument '([^\n]*)' is invalid\. Allowed choices are ([^\n]*)\.$/;

/**
 * Commander's message for a value that is not one of an option's choices, with the choices nearest
 * to it suggested as for a mistyped option: `--method kss` … `(Did you mean ks?)`; a choice that
 * differs only in case first (`tvd` → `TVD`). Any other message is returned as it is.
 *
 * @example withChoiceSuggestion("error: option '--method <name>' argument 'kss' is invalid. Allowed choices are legacy, ks, psi.") // => "error: option '--method <name>' argument 'kss' is invalid. Allowed choices are legacy, ks, psi. (Did you mean ks?)"
 */
export function withChoiceSuggestion(message: string): string {
  const match = INVALID_CHOICE.exec(message);
  if (match === null) return message;
  const value = match[1]!;
  const choices = match[2]!.split(', ');
  const sameLetters = choices.filter((choice) => choice.toLowerCase() === value.toLowerCase());
  const suggestions = sameLetters.length > 0 ? sameLetters : closestMatches(value, choices);
  return suggestions.length === 0 ? message : `${message} (Did you mean ${suggestions.join(' or ')}?)`;
}

/**
 * The stack trace of an error for `--debug`, with the message in it escaped like the error line (the
 * frames are the toolkit's own).
 */
function debugStack(error: Error): string {
  const stack = error.stack ?? '';
  const head = `${error.name}: ${error.message}`;
  return stack.startsWith(head)
    ? `${escapeText(head)}${stack.slice(head.length)}`
    : stack
        .split('\n')
        .map((line) => escapeText(line))
        .join('\n');
}

/** The width a help is wrapped to on a stream: a terminal's, else 80 columns (commander's own default). */
function helpWidth(stream: OutputStream): number {
  return (stream.isTTY ? stream.columns : undefined) ?? 80;
}

/**
 * Makes commander report instead of exit, write through the context (and size helps for its
 * streams), and end each of its error lines
 * with where to find the usage. A command with sub-commands takes its own options only before the
 * sub-command's name (as checkCommandLine reads them) and lists a `help [command...]` command, which
 * checkCommandLine serves. Applied to the whole tree, since `addCommand` does not pass settings on.
 */
function prepareTree(command: Command, context: CliContext): void {
  command.exitOverride();
  if (command.commands.length > 0) {
    command.enablePositionalOptions();
    command.helpCommand('help [command...]', 'display help for a command');
  }
  command.configureOutput({
    writeOut: (text) => context.stdout.write(text),
    writeErr: (text) => context.stderr.write(text),
    // Helps are wrapped and coloured for the context's streams and environment, not for process.stdout
    // and process.env: the same for a bin, whose context is the process's (commander's own defaults);
    // not the test runner's terminal for a program run in a test.
    getOutHelpWidth: () => helpWidth(context.stdout),
    getErrHelpWidth: () => helpWidth(context.stderr),
    getOutHasColors: () => context.color.stdout.level > 0,
    getErrHasColors: () => context.color.stderr.level > 0,
    // One line: commander puts its suggestion ("(Did you mean --version?)") on a line of its own. The
    // rest is escaped: the message quotes what the user typed (an option, a value, a command).
    outputError: (text, write) =>
      write(
        `${escapeText(withChoiceSuggestion(text.trim().replace(SUGGESTION_LINE, ' (Did you mean ')))} (see '${commandPath(command)} --help')\n`,
      ),
  });
  command.showSuggestionAfterError(true);
  // Required options say so in the help (commander checks them but does not mark them).
  for (const option of command.options)
    if (option.mandatory && !/\brequired\b/.test(option.description))
      option.description = `${option.description} (required)`;
  for (const sub of command.commands) prepareTree(sub, context);
}

/**
 * Runs a program and returns its exit code, without exiting: the one place where errors become exit
 * codes. 0 passed, 1 the command reported failure (`context.fail()`), 2 usage or input error. Errors
 * are one line on stderr, `error: …`; the stack trace only with `--debug` or `DEBUG` set. The whole
 * command line is checked before anything runs (checkCommandLine): an unknown command or option is
 * exit 2 whatever follows it, and only a line of known words prints a help or the version (exit 0).
 */
export async function runCli(build: CommandBuilder, options: RunOptions = {}): Promise<ExitCode> {
  const argv = [...(options.argv ?? process.argv.slice(2))];
  const env = options.env ?? process.env;
  const debug = argv.includes('--debug') || isTruthy(env.DEBUG);
  const args = argv.filter((arg) => arg !== '--debug');
  const context = createContext({ ...options, debug });
  const program = build(context);
  program.addHelpText('after', '\nAdd --debug (or set DEBUG=1) to show the stack trace of an error.');
  prepareTree(program, context);
  try {
    // Every word is checked before commander acts on any: see command-line.ts.
    const request = checkCommandLine(program, args);
    if (request.kind === 'help') {
      request.command.outputHelp();
      return EXIT_OK;
    }
    if (request.kind === 'version') {
      context.stdout.write(`${request.command.version()}\n`);
      return EXIT_OK;
    }
    await program.parseAsync(args, { from: 'user' });
    return context.verdict;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help, or the version).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT_OK
        : EXIT_USAGE;
    }
    // Escaped whole: messages quote file names and values from the input, which may hold line
    // breaks, terminal escapes or a `::` workflow command.
    const red = context.color.stderr.red;
    if (isMlopsError(error)) {
      context.stderr.write(`${red('error:')} ${escapeText(error.toLine(fieldLabel))}\n`);
      if (debug && error.stack) context.stderr.write(`${debugStack(error)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    const hint = debug ? '' : '; rerun with --debug for the stack trace';
    context.stderr.write(
      `${red('error:')} unexpected failure: ${escapeText(message.split('\n')[0]!)} (this is a bug${hint})\n`,
    );
    if (debug && error instanceof Error && error.stack) context.stderr.write(`${debugStack(error)}\n`);
    return EXIT_USAGE;
  }
}

/** A bin's whole body: run, then set the process's exit code once. A closed pipe (`| head`) is not an error. */
export async function main(build: CommandBuilder): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.exitCode = await runCli(build);
}
