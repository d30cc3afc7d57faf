import { UsageError } from '@mlops/core';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { checkCommandLine, closestMatches, commandPath, editDistance } from './command-line.js';
import { addOutputOptions } from './report-outputs.js';

/**
 * A tree shaped like the tools': a group with a version (`tool`), a group of commands whose leaves
 * take `--version <v>` as a value (`tool registry`), a command with sub-commands and files of its
 * own (`tool pipeline`), and a leaf with a version, a variadic option and the report options of
 * every tool (`tool drift`: `--json`, `-f, --format`, `-o, --output`).
 */
function tree(): Command {
  const registry = new Command('registry')
    .version('1.0.0')
    .option('--registry <path>')
    .option('--json')
    .addCommand(new Command('promote').requiredOption('--name <name>').requiredOption('--version <version>'))
    .addCommand(new Command('list').option('--name <name>').option('--json'));
  const pipeline = new Command('pipeline')
    .version('1.0.0')
    .option('--strict')
    .argument('[files...]')
    .action(() => {})
    .addCommand(new Command('validate').argument('[files...]').option('--strict'))
    .addCommand(new Command('rules').argument('[id]'));
  const drift = addOutputOptions(
    new Command('drift')
      .version('1.0.0')
      .option('--reference <file>')
      .option('--columns <names...>')
      .option('--delimiter [char]'),
    { formats: ['text', 'json'], defaultFormat: 'text', formatHelp: 'format', jsonHelp: 'json' },
  );
  const program = new Command('tool')
    .version('1.0.0')
    .addCommand(registry)
    .addCommand(drift)
    .addCommand(pipeline);
  for (const command of [program, registry, pipeline]) command.enablePositionalOptions();
  return program;
}

/** The request as `kind path`, or the error line. */
function check(argv: string[]): string {
  try {
    const request = checkCommandLine(tree(), argv);
    return request.kind === 'run' ? 'run' : `${request.kind} ${commandPath(request.command)}`;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return `error: ${error.toLine()}`;
  }
}

describe('checkCommandLine', () => {
  it.each([
    [['registry', 'promote', '--name', 'fraud', '--version', '1.2.0'], 'run'],
    [['registry', '--json', 'list', '--name', 'x'], 'run'],
    [['registry', 'list', '--name', '--help'], 'run'],
    [['registry', 'list', '--name=--bogus'], 'run'],
    [['drift', '--reference', 'a.csv', '--columns', 'a', 'b', '-1', '--json'], 'run'],
    [['drift', '--delimiter', '--json'], 'run'],
    [['drift', '--delimiter', ';'], 'run'],
    [['pipeline', 'a.json', '--strict', 'b.json'], 'run'],
    [['pipeline', 'a.json', 'validate'], 'run'],
    [['pipeline', '--', '--odd-name.json'], 'run'],
    [['pipeline', '-'], 'run'],
    [['pipeline', 'rules', 'INVALID_GATE'], 'run'],
    [['pipeline', 'validate', 'help'], 'run'],
    [['pipeline'], 'run'],
    [['drift'], 'run'],
    // -f is --format, with its value in the next word, attached, or after a switch in a group.
    [['drift', '-f', 'json'], 'run'],
    [['drift', '-fjson'], 'run'],
    [['drift', '--format=json', '-f', 'text', '-o', 'r.txt'], 'run'],
    [['drift', '-f', 'json', '-oreport.json', '-f', 'text'], 'run'],
    [['drift', '-f', '--json'], 'run'],
  ])('%j is a plain run', (argv, expected) => {
    expect(check(argv)).toBe(expected);
  });

  it.each([
    [['--version'], 'version tool'],
    [['-V'], 'version tool'],
    [['registry', '--version'], 'version tool registry'],
    [['registry', '--json', '--registry', 'r.json', '-V'], 'version tool registry'],
    [['drift', '--reference', 'a.csv', '--version'], 'version tool drift'],
    [['pipeline', '--strict', '--version'], 'version tool pipeline'],
    [['drift', '-Vf', 'json'], 'version tool drift'],
    [['drift', '-Vfjson'], 'version tool drift'],
  ])('%j prints the version', (argv, expected) => {
    expect(check(argv)).toBe(expected);
  });

  it.each([
    [['--help'], 'help tool'],
    [['-h'], 'help tool'],
    [['help'], 'help tool'],
    [['help', 'registry'], 'help tool registry'],
    [['help', 'registry', 'promote'], 'help tool registry promote'],
    [['help', 'pipeline', 'validate', '--help'], 'help tool pipeline validate'],
    [['registry', 'help', 'promote'], 'help tool registry promote'],
    [['registry', 'promote', '--help'], 'help tool registry promote'],
    [['registry', '--help', 'promote'], 'help tool registry promote'],
    [['registry', 'list', 'help'], 'help tool registry list'],
    [['drift', 'help'], 'help tool drift'],
    [['pipeline', 'help'], 'help tool pipeline'],
    [['drift', '-Vh'], 'help tool drift'],
    [['--version', '--help'], 'help tool'],
  ])('%j prints a help', (argv, expected) => {
    expect(check(argv)).toBe(expected);
  });

  it.each([
    [
      ['registry', 'promte', '--name', 'fraud', '--version', '1.2.0'],
      "unknown command 'promte' (did you mean promote? see 'tool registry --help')",
    ],
    [
      ['registry', 'promte', '--help'],
      "unknown command 'promte' (did you mean promote? see 'tool registry --help')",
    ],
    [
      ['registry', 'promte', '-V'],
      "unknown command 'promte' (did you mean promote? see 'tool registry --help')",
    ],
    [['regstry', '--version'], "unknown command 'regstry' (did you mean registry? see 'tool --help')"],
    [['bogus'], "unknown command 'bogus' (see 'tool --help')"],
    [['--versoin'], "unknown option '--versoin' (did you mean --version? see 'tool --help')"],
    [['--bogus', '--version'], "unknown option '--bogus' (see 'tool --help')"],
    [['--version', '--bogus'], "unknown option '--bogus' (see 'tool --help')"],
    [
      ['registry', 'list', '--nmae', 'x'],
      "unknown option '--nmae' (did you mean --name? see 'tool registry list --help')",
    ],
    [
      ['registry', 'list', '--name', 'x', '--bogus', '--help'],
      "unknown option '--bogus' (see 'tool registry list --help')",
    ],
    [
      ['registry', 'list', '--registry', 'r.json'],
      "unknown option '--registry' (see 'tool registry list --help')",
    ],
    [['registry', 'list', '--version'], "unknown option '--version' (see 'tool registry list --help')"],
    [['drift', '--bogus', '--version'], "unknown option '--bogus' (see 'tool drift --help')"],
    [['drift', '-Vx'], "unknown option '-Vx' (see 'tool drift --help')"],
    [['drift', '-f'], "option '-f, --format <format>' argument missing (see 'tool drift --help')"],
    [['drift', '-Vf'], "option '-f, --format <format>' argument missing (see 'tool drift --help')"],
    [['drift', '-Vo'], "option '-o, --output <file>' argument missing (see 'tool drift --help')"],
    [['drift', '-F', 'json'], "unknown option '-F' (see 'tool drift --help')"],
    [['drift', '-Vf', 'json', 'extra'], "unexpected argument 'extra' (see 'tool drift --help')"],
    [['drift', '--json=yes'], "option '--json' takes no value, got '--json=yes' (see 'tool drift --help')"],
    [['drift', '--help=1'], "option '--help' takes no value, got '--help=1' (see 'tool drift --help')"],
    [['drift', '--reference'], "option '--reference <file>' argument missing (see 'tool drift --help')"],
    [['drift', 'extra'], "unexpected argument 'extra' (see 'tool drift --help')"],
    [['drift', '--', 'extra'], "unexpected argument 'extra' (see 'tool drift --help')"],
    [['registry', 'list', 'extra'], "unexpected argument 'extra' (see 'tool registry list --help')"],
    [['pipeline', 'rules', 'A', 'B'], "unexpected argument 'B' (see 'tool pipeline rules --help')"],
    [['help', 'nonsense'], "unknown command 'nonsense' (see 'tool --help')"],
    [['help', 'regsitry'], "unknown command 'regsitry' (did you mean registry? see 'tool --help')"],
    [
      ['help', 'registry', 'promte'],
      "unknown command 'promte' (did you mean promote? see 'tool registry --help')",
    ],
    [['help', 'drift', 'x'], "'tool drift' has no commands, got 'x' (see 'tool drift --help')"],
    [['help', '--json'], "help takes command names, got '--json' (see 'tool --help')"],
    [
      ['--version', 'registry'],
      "--version prints the version and takes no command or file, got 'registry' (see 'tool --help')",
    ],
    [
      ['pipeline', 'valdate', '--version'],
      "--version prints the version and takes no command or file, got 'valdate' (did you mean validate? see 'tool pipeline --help')",
    ],
    [[], "missing command: expected one of registry, drift, pipeline, help (see 'tool --help')"],
    [
      ['registry', '--json'],
      "missing command: expected one of promote, list, help (see 'tool registry --help')",
    ],
    [['-'], "unknown command '-' (see 'tool --help')"],
    [['-1'], "unknown option '-1' (see 'tool --help')"],
    [['--', 'registry'], "unknown command 'registry' (see 'tool --help')"],
  ])('%j is a usage error', (argv, message) => {
    expect(check(argv)).toBe(`error: ${message}`);
  });

  it('shows a hostile argument escaped and cut short, on one line', () => {
    expect(check(['bad\u001b[2J\nname'])).toBe(
      "error: unknown command 'bad\\x1b[2J\\nname' (see 'tool --help')",
    );
    const long = check([`x${'a'.repeat(5000)}`]);
    expect(long).toMatch(/^error: unknown command 'xa{79}…' \(5001 characters\) \(see 'tool --help'\)$/);
  });

  it('writes nothing and runs nothing', () => {
    let ran = false;
    const program = new Command('solo').option('--x').action(() => {
      ran = true;
    });
    program.configureOutput({
      writeOut: () => {
        throw new Error('wrote');
      },
      writeErr: () => {
        throw new Error('wrote');
      },
    });
    expect(checkCommandLine(program, ['--x'])).toEqual({ kind: 'run' });
    expect(() => checkCommandLine(program, ['--y'])).toThrow(UsageError);
    expect(ran).toBe(false);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['promte', 'promote', 1],
    ['regstry', 'registry', 1],
    ['--versoin', '--version', 1],
    ['ab', 'ba', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%j → %j: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestMatches', () => {
  it.each([
    ['promte', ['register', 'promote', 'rollback', 'list', 'help'], ['promote']],
    ['lst', ['list', 'show', 'help'], ['list']],
    ['--thresold', ['--threshold', '--json', '--help'], ['--threshold']],
    ['bogus', ['registry', 'drift', 'pipeline', 'help'], []],
    ['--no-such-flag', ['--name', '--json', '--help'], []],
    ['x', ['y', 'list'], []],
    ['hlep', ['help', 'heap'], ['help']],
    ['shw', ['show', 'shaw'], ['show', 'shaw']],
  ])('%j among %j → %j', (word, candidates, expected) => {
    expect(closestMatches(word, candidates)).toEqual(expected);
  });
});
