import { escapeText, UsageError } from '@mlops/core';
import type { Command, Option } from 'commander';

/**
 * The check every command line goes through before commander acts on it.
 *
 * commander acts on some flags the moment it meets them: `--version` printed the version and exited 0
 * in `mlops registry promte --name fraud --version 1.2.0` (an unknown command, then the model's
 * `--version`), and `--help` showed a help after an unknown command. A gate must not say green by
 * mistake, so the whole line is read first, against the program's tree of commands and options:
 * an unknown command, an unknown option, a missing option value or an unexpected argument anywhere
 * is a usage error (exit 2), whatever comes before or after it. Only a line made of known words
 * reaches commander, or prints a help or the version:
 *
 * - `-h`/`--help` anywhere: the help of the deepest command named (exit 0).
 * - `help [command…]` in place of a command: that command's help (exit 0). `help` is a command name
 *   wherever a command has sub-commands or takes no arguments; elsewhere it is an argument.
 * - `-V`/`--version`: the version, only when the rest of the line is options of the same program
 *   (`model-registry --registry r.json --version`); with a command or a file it is a usage error.
 * - A command that only groups others (`mlops`, `mlops registry`) given alone: a usage error listing
 *   its commands (commander printed the whole help on stderr).
 * - After `--`, every word is an argument of the current command, never a command name (commander
 *   would still dispatch `mlops -- registry`; here it is an unknown command).
 *
 * Option values are not looked at here (beyond being present): their choices and numbers are checked
 * by commander and by each command's schema when it runs.
 *
 * Conventions assumed of the tree (the tools follow them; `prepareTree` enforces positional options):
 * options of a command with sub-commands come before the sub-command's name; no option has a digit as
 * its short flag; the help flags are commander's default `-h`, `--help`.
 */

/** What a command line asks for, once every word of it is known. */
export type CommandLineRequest =
  | { kind: 'run' }
  | { kind: 'help'; command: Command }
  | { kind: 'version'; command: Command };

const HELP_FLAGS: ReadonlySet<string> = new Set(['-h', '--help']);
const HELP_COMMAND = 'help';
/** commander's test for a negative number, taken as a value or an argument rather than an option. */
const NEGATIVE_NUMBER = /^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/;
/** Longer arguments are shortened in messages. */
const SHOWN_LENGTH = 80;

/** The full name of a command as typed, e.g. `mlops registry register`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent)
    names.unshift(current.name());
  return names.join(' ');
}

/**
 * The number of single-character edits (insertion, deletion, substitution, or swapping two adjacent
 * characters) that turn one text into the other: the optimal string alignment distance.
 * O(|a|·|b|) time, O(|b|) memory.
 *
 * @example editDistance('promte', 'promote') // => 1
 * @example editDistance('--versoin', '--version') // => 1
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic-programming table: two back (for a swap), one back, this one.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  for (let row = 1; row <= a.length; row++) {
    const current = [row];
    for (let column = 1; column <= b.length; column++) {
      const substitution = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(
        previous[column]! + 1,
        current[column - 1]! + 1,
        previous[column - 1]! + substitution,
      );
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1])
        best = Math.min(best, twoBack[column - 2]! + 1);
      current.push(best);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates close enough to a mistyped word to suggest ("did you mean …?"), nearest first: at
 * most a third of the word's letters (leading dashes not counted) away, and at least one.
 *
 * @example closestMatches('promte', ['register', 'promote', 'list']) // => ['promote']
 * @example closestMatches('bogus', ['registry', 'drift', 'pipeline']) // => []
 */
export function closestMatches(word: string, candidates: readonly string[]): string[] {
  const letters = word.replace(/^-+/, '').length;
  const limit = Math.max(1, Math.floor(letters / 3));
  const scored = candidates
    .filter((candidate) => candidate !== word && Math.abs(candidate.length - word.length) <= limit)
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ distance }) => distance <= limit && distance < letters);
  if (scored.length === 0) return [];
  const nearest = Math.min(...scored.map(({ distance }) => distance));
  return [
    ...new Set(scored.filter(({ distance }) => distance === nearest).map(({ candidate }) => candidate)),
  ];
}

/** An argument as an error message shows it: quoted, control characters escaped, a long one cut. */
function shown(word: string): string {
  const escaped = escapeText(word);
  return escaped.length > SHOWN_LENGTH
    ? `'${escaped.slice(0, SHOWN_LENGTH)}…' (${word.length} characters)`
    : `'${escaped}'`;
}

function usageError(command: Command, message: string, suggestions: readonly string[] = []): UsageError {
  const seeHelp = `see '${commandPath(command)} --help'`;
  const hint = suggestions.length
    ? `did you mean ${suggestions.map(escapeText).join(' or ')}? ${seeHelp}`
    : seeHelp;
  return new UsageError(message, { hint });
}

function findOption(command: Command, flag: string): Option | undefined {
  return command.options.find((option) => option.long === flag || option.short === flag);
}

function findCommand(command: Command, name: string): Command | undefined {
  return command.commands.find((sub) => sub.name() === name || sub.aliases().includes(name));
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** commander's `.version()` option: a switch on a command that has a version. */
function isVersionOption(command: Command, option: Option): boolean {
  return command.version() !== undefined && option.attributeName() === 'version' && !takesValue(option);
}

function maxArguments(command: Command): number {
  const declared = command.registeredArguments;
  return declared.at(-1)?.variadic ? Number.POSITIVE_INFINITY : declared.length;
}

function unknownCommand(command: Command, word: string): UsageError {
  const names = [...command.commands.map((sub) => sub.name()), HELP_COMMAND];
  return usageError(command, `unknown command ${shown(word)}`, closestMatches(word, names));
}

function unknownOption(command: Command, flag: string, arg: string): UsageError {
  const flags = command.options.flatMap((option) => (option.long ? [option.long] : []));
  return usageError(command, `unknown option ${shown(arg)}`, closestMatches(flag, [...flags, '--help']));
}

/** `help [command…]` after `command`: the help of the command the words name. */
function helpRequest(command: Command, words: readonly string[]): CommandLineRequest {
  let target = command;
  for (const word of words) {
    if (HELP_FLAGS.has(word)) continue;
    if (word.length > 1 && word.startsWith('-'))
      throw usageError(target, `help takes command names, got ${shown(word)}`);
    const sub = findCommand(target, word);
    if (sub) {
      target = sub;
      continue;
    }
    if (target.commands.length > 0) throw unknownCommand(target, word);
    throw usageError(target, `'${commandPath(target)}' has no commands, got ${shown(word)}`);
  }
  return { kind: 'help', command: target };
}

/**
 * Reads a command line (the user's arguments, `--debug` already taken out) against a program's tree
 * and says what it asks for (see above), without running anything or writing anything.
 *
 * @throws UsageError naming the first unknown command or option, a missing option value, an argument
 *   the command does not take, or `--version` given with a command or a file; with "did you mean …"
 *   when a known name is close.
 */
export function checkCommandLine(program: Command, argv: readonly string[]): CommandLineRequest {
  let command = program;
  /** The commands named on the line, the program first. */
  const path: Command[] = [program];
  let operands: string[] = [];
  let help = false;
  /** The command whose `--version` was given. */
  let versionOf: Command | undefined;
  let variadic = false;

  /** The option whose value the previous word was, with that value (for the hint below). */
  let lastValue: { option: Option; value: string; index: number } | undefined;
  const addOperand = (word: string, index = -1) => {
    if (operands.length >= maxArguments(command)) {
      if (command.commands.length > 0 && command.registeredArguments.length === 0)
        throw unknownCommand(command, word);
      // `--categorical a b`: a list option takes its names comma-separated.
      if (
        lastValue !== undefined &&
        lastValue.index === index - 1 &&
        /comma-separated/.test(lastValue.option.description)
      )
        throw new UsageError(`unexpected argument ${shown(word)}`, {
          hint: `${lastValue.option.long} takes its names comma-separated: ${lastValue.option.long} ${escapeText(`${lastValue.value},${word}`)}; see '${commandPath(command)} --help'`,
        });
      throw usageError(command, `unexpected argument ${shown(word)}`);
    }
    operands.push(word);
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    // Everything after `--` is an argument of the current command, never an option or a command.
    if (arg === '--') {
      for (const word of argv.slice(index + 1)) addOperand(word);
      break;
    }
    const optionLike = arg.length > 1 && arg.startsWith('-');
    const negativeNumber = NEGATIVE_NUMBER.test(arg);
    // The values of a variadic option (`--columns a b c`) run up to the next option.
    if (variadic && (!optionLike || negativeNumber)) continue;
    variadic = false;

    if (optionLike && !(negativeNumber && command.commands.length === 0)) {
      const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const flag = equals === -1 ? arg : arg.slice(0, equals);
      const option = findOption(command, flag);
      if (HELP_FLAGS.has(flag) || (option && !takesValue(option))) {
        if (equals !== -1) throw usageError(command, `option '${flag}' takes no value, got ${shown(arg)}`);
        if (HELP_FLAGS.has(flag)) help = true;
        else if (isVersionOption(command, option!)) versionOf ??= command;
        variadic = option?.variadic ?? false;
        continue;
      }
      if (option) {
        if (equals === -1 && option.required) {
          if (index + 1 >= argv.length)
            throw usageError(command, `option '${option.flags}' argument missing`);
          index++;
          lastValue = { option, value: argv[index]!, index };
        } else if (equals === -1 && index + 1 < argv.length) {
          // An optional value: the next word, unless it is an option.
          const next = argv[index + 1]!;
          if (!(next.length > 1 && next.startsWith('-')) || NEGATIVE_NUMBER.test(next)) index++;
        }
        variadic = option.variadic;
        continue;
      }
      if (!arg.startsWith('--') && arg.length > 2) {
        const group = readShortGroup(command, arg);
        if (group.help) help = true;
        if (group.version) versionOf ??= command;
        // `-Vf json`: the group's last letter takes the next word as its value, as commander reads it.
        const last = group.valueNext;
        if (last?.required) {
          if (index + 1 >= argv.length) throw usageError(command, `option '${last.flags}' argument missing`);
          index++;
          lastValue = { option: last, value: argv[index]!, index };
        } else if (last?.optional && index + 1 < argv.length) {
          const next = argv[index + 1]!;
          if (!(next.length > 1 && next.startsWith('-')) || NEGATIVE_NUMBER.test(next)) index++;
        }
        continue;
      }
      throw unknownOption(command, flag, arg);
    }

    // A word: a command name where one can stand, else an argument of the current command.
    if (operands.length === 0 && command.commands.length > 0) {
      const sub = findCommand(command, arg);
      if (sub) {
        command = sub;
        path.push(sub);
        operands = [];
        continue;
      }
    }
    if (
      arg === HELP_COMMAND &&
      operands.length === 0 &&
      (command.commands.length > 0 || command.registeredArguments.length === 0)
    )
      return helpRequest(command, argv.slice(index + 1));
    addOperand(arg, index);
  }

  if (help) return { kind: 'help', command };
  if (versionOf) {
    const owner = path.indexOf(versionOf);
    const extra = owner < path.length - 1 ? path[owner + 1]!.name() : operands[0];
    if (extra !== undefined) {
      const suggestions = closestMatches(
        extra,
        versionOf.commands.map((sub) => sub.name()),
      );
      throw usageError(
        versionOf,
        `--version prints the version and takes no command or file, got ${shown(extra)}`,
        suggestions,
      );
    }
    return { kind: 'version', command: versionOf };
  }
  // A group of commands with nothing to do of its own (`mlops`, `mlops registry`) needs a command.
  if (command.commands.length > 0 && command.registeredArguments.length === 0) {
    const names = [...command.commands.map((sub) => sub.name()), HELP_COMMAND];
    throw usageError(command, `missing command: expected one of ${names.join(', ')}`);
  }
  return { kind: 'run' };
}

/**
 * A group of short flags (`-Vh`, `-fjson`, `-Vf`): each letter a known switch, except that a letter
 * taking a value takes the rest of the group as its value (`-fjson`: json), or the next word when it
 * is the group's last letter (`-Vf json`), as commander reads it. Says whether the help or the
 * version flag is among the switches, and which option takes the next word.
 */
function readShortGroup(
  command: Command,
  arg: string,
): { help: boolean; version: boolean; valueNext?: Option } {
  const found: { help: boolean; version: boolean; valueNext?: Option } = { help: false, version: false };
  for (let position = 1; position < arg.length; position++) {
    const flag = `-${arg[position]}`;
    if (HELP_FLAGS.has(flag)) {
      found.help = true;
      continue;
    }
    const option = findOption(command, flag);
    if (!option) throw unknownOption(command, flag, arg);
    if (takesValue(option)) {
      if (position === arg.length - 1) found.valueNext = option;
      break;
    }
    if (isVersionOption(command, option)) found.version = true;
  }
  return found;
}
