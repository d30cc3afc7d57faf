import { InputError, RefusedError, UsageError } from '@mlops/core';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { colorLevel } from './color.js';
import { BufferStream, type CliContext } from './context.js';
import { fieldLabel, runCli, withChoiceSuggestion } from './run.js';

function run(build: (context: CliContext) => Command, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new BufferStream();
  const stderr = new BufferStream();
  return runCli(build, { argv, stdout, stderr, env, cwd: '/' }).then((code) => ({
    code,
    stdout: stdout.text,
    stderr: stderr.text,
  }));
}

const program = (action: (context: CliContext) => void) => (context: CliContext) =>
  new Command('tool').option('--x <n>').action(() => action(context));

describe('runCli', () => {
  it('returns 0 when the command passes', async () => {
    expect(
      (
        await run(
          program(() => {}),
          [],
        )
      ).code,
    ).toBe(0);
  });

  it('returns 1 when the command calls fail(), after its output', async () => {
    const result = await run(
      program((context) => {
        context.stdout.write('report\n');
        context.fail();
      }),
      [],
    );
    expect(result).toEqual({ code: 1, stdout: 'report\n', stderr: '' });
  });

  it('turns an InputError into one error line and exit 2', async () => {
    const result = await run(
      program(() => {
        throw new InputError('no such file', { file: 'a.csv', hint: 'check the path' });
      }),
      [],
    );
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: a.csv: no such file (check the path)\n' });
  });

  it('turns a RefusedError into exit 1', async () => {
    const result = await run(
      program(() => {
        throw new RefusedError('version 1.0 already registered');
      }),
      [],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: version 1.0 already registered\n');
  });

  it('reports an unexpected exception as a bug without a stack trace, unless --debug', async () => {
    const boom = program(() => {
      throw new TypeError('x is undefined');
    });
    const quiet = await run(boom, []);
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toBe(
      'error: unexpected failure: x is undefined (this is a bug; rerun with --debug for the stack trace)\n',
    );
    const loud = await run(boom, ['--debug']);
    expect(loud.stderr).toMatch(/TypeError: x is undefined\n\s+at /);
    const viaEnv = await run(boom, [], { DEBUG: '1' });
    expect(viaEnv.stderr).toMatch(/\n\s+at /);
  });

  it('maps commander usage errors to exit 2', async () => {
    const result = await run(
      program(() => {}),
      ['--x'],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: option '--x <n>' argument missing (see 'tool --help')\n");
  });
});

describe('runCli on hostile text', () => {
  const hostile = 'a\n::error::pwned\u001b]0;title\u0007\u202e';
  const escaped = 'a\\n::error::pwned\\x1b]0;title\\x07\\u202e';
  const ESC = '\u001b';

  it('escapes the file name, message and hint of an error: one line, no control character', async () => {
    const result = await run(
      program(() => {
        throw new InputError(`no column "${hostile}"`, { file: `${hostile}.csv`, hint: `try ${hostile}` });
      }),
      [],
    );
    expect(result.code).toBe(2);
    // The message's own line breaks are joined by formatErrorLine; the file name's and the hint's are escaped.
    expect(result.stderr).toBe(
      `error: ${escaped}.csv: no column "a ::error::pwned\\x1b]0;title\\x07\\u202e" (try ${escaped})\n`,
    );
  });

  it('escapes an unexpected failure, and the message at the top of the --debug stack', async () => {
    const boom = program(() => {
      throw new TypeError(`bad \u001b[2J${hostile}`);
    });
    const quiet = await run(boom, []);
    expect(quiet.stderr).toBe(
      'error: unexpected failure: bad \\x1b[2Ja (this is a bug; rerun with --debug for the stack trace)\n',
    );
    const loud = await run(boom, ['--debug']);
    expect(loud.stderr).toContain(`TypeError: bad \\x1b[2J${escaped}\n    at `);
    expect(loud.stderr).not.toContain(ESC);
    expect(loud.stderr).not.toContain('\n::');
    const typed = await run(
      program(() => {
        throw new InputError(hostile, { file: 'x.csv' });
      }),
      ['--debug'],
    );
    expect(typed.stderr).toContain(`InputError: ${escaped}\n    at `);
    expect(typed.stderr).not.toContain(ESC);
    expect(typed.stderr).not.toContain('\n::');
  });

  it("escapes what the user typed in commander's messages, and keeps its suggestion on the line", async () => {
    const unknown = await run(
      program(() => {}),
      [`--y${hostile}`],
    );
    expect(unknown.stderr).toBe(`error: unknown option '--y${escaped}' (see 'tool --help')\n`);
    const suggested = await run(
      program(() => {}),
      ['--hepl'],
    );
    expect(suggested.stderr).toBe(
      "error: unknown option '--hepl' (did you mean --help? see 'tool --help')\n",
    );
  });
});

describe('runCli checks the whole command line first', () => {
  let ran = false;
  const tool = () =>
    new Command('tool').version('9.9.9').addCommand(
      new Command('promote').requiredOption('--version <version>').action(() => {
        ran = true;
      }),
    );

  it('an unknown command followed by --version is exit 2, not the version', async () => {
    const result = await run(tool, ['promte', '--version', '1.2.0']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown command 'promte' (did you mean promote? see 'tool --help')\n",
    });
    expect(ran).toBe(false);
  });

  it('--version alone prints the version on stdout, exit 0', async () => {
    expect(await run(tool, ['--version'])).toEqual({ code: 0, stdout: '9.9.9\n', stderr: '' });
    expect(await run(tool, ['-V', '--debug'])).toEqual({ code: 0, stdout: '9.9.9\n', stderr: '' });
  });

  it('help COMMAND prints that help on stdout, exit 0, running nothing', async () => {
    const result = await run(tool, ['help', 'promote']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tool promote \[options\]\n/);
    expect(result.stderr).toBe('');
    expect(ran).toBe(false);
  });

  it('a command with a value named --version runs it', async () => {
    expect((await run(tool, ['promote', '--version', '1.2.0'])).code).toBe(0);
    expect(ran).toBe(true);
  });
});

describe('runCli writes helps for the context, not for the process', () => {
  const description = `${'word '.repeat(30).trim()}`;
  const tool = () => new Command('tool').option('--long-option <value>', description);

  async function help(stdout: BufferStream, env: NodeJS.ProcessEnv = {}) {
    const stderr = new BufferStream();
    const code = await runCli(tool, { argv: ['--help'], stdout, stderr, env, cwd: '/' });
    expect(code).toBe(0);
    return stdout.text;
  }

  it("wraps at the context's terminal width, and at 80 columns when stdout is not a terminal", async () => {
    const tty = Object.assign(new BufferStream(true), { columns: 70 });
    const narrow = (await help(tty)).split('\n');
    expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(70);
    const piped = Object.assign(new BufferStream(false), { columns: 70 });
    const wide = (await help(piped)).split('\n');
    expect(Math.max(...wide.map((line) => line.length))).toBeGreaterThan(70);
    expect(Math.max(...wide.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it("strips colour from a help unless the context's stdout takes colour", async () => {
    const bold = () => new Command('tool').description('\u001b[1mbold\u001b[22m');
    const runHelp = async (stdout: BufferStream, env: NodeJS.ProcessEnv) => {
      await runCli(bold, { argv: ['--help'], stdout, stderr: new BufferStream(), env, cwd: '/' });
      return stdout.text;
    };
    expect(await runHelp(new BufferStream(false), {})).toContain('\nbold\n');
    expect(await runHelp(new BufferStream(true), { NO_COLOR: '1' })).toContain('\nbold\n');
    expect(await runHelp(new BufferStream(false), { FORCE_COLOR: '1' })).toContain('\u001b[1mbold\u001b[22m');
    expect(await runHelp(new BufferStream(true), {})).toContain('\u001b[1mbold\u001b[22m');
  });
});

describe('colorLevel', () => {
  it.each([
    [{ isTTY: true }, {}, 1],
    [{ isTTY: false }, {}, 0],
    [{ isTTY: true }, { NO_COLOR: '1' }, 0],
    [{ isTTY: true }, { NO_COLOR: '' }, 1],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, 1],
    [{ isTTY: false }, { FORCE_COLOR: '' }, 1],
    [{ isTTY: true }, { FORCE_COLOR: '0' }, 0],
    [{ isTTY: false }, { FORCE_COLOR: '3', NO_COLOR: '1' }, 3],
    [{ isTTY: true }, { TERM: 'dumb' }, 0],
    [{ isTTY: true, getColorDepth: () => 24 }, {}, 3],
    [{ isTTY: true, getColorDepth: () => 8 }, {}, 2],
  ])('%j with %j → %i', (stream, env, level) => {
    expect(colorLevel(stream, env as NodeJS.ProcessEnv)).toBe(level);
  });
});

describe('fieldLabel', () => {
  it.each([
    ['columns', '--columns'],
    ['maxMemory', '--max-memory'],
    ['driftShare', '--drift-share'],
    ['config.ignore', 'config ignore'],
  ])('names %s as %s', (field, label) => expect(fieldLabel(field)).toBe(label));

  it('names the field of an error by its flag on stderr', async () => {
    const result = await run(
      program(() => {
        throw new UsageError('must be a number', { field: 'driftShare' });
      }),
      [],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --drift-share: must be a number\n');
  });

  it('names the fields of a hint by their flags on stderr', async () => {
    const result = await run(
      program(() => {
        throw new RefusedError('nothing to roll back to', {
          fieldHint: ['name it with ', { field: 'to' }, ' VERSION or ', { field: 'lockTimeout' }],
        });
      }),
      [],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: nothing to roll back to (name it with --to VERSION or --lock-timeout)\n',
    );
  });
});

describe("a value outside an option's choices", () => {
  const chooser = () =>
    new Command('tool')
      .addOption(new Option('--method <name>').choices(['legacy', 'ks', 'psi', 'TVD', 'kl_div']))
      .action(() => {});

  it.each([
    ['kss', ' (Did you mean ks?)'],
    ['tvd', ' (Did you mean TVD?)'],
    ['kl-div', ' (Did you mean kl_div?)'],
    ['bogus', ''],
  ])('--method %s', async (value, suggestion) => {
    const { code, stderr } = await run(chooser, ['--method', value]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: option '--method <name>' argument '${value}' is invalid. Allowed choices are legacy, ks, psi, TVD, kl_div.${suggestion} (see 'tool --help')\n`,
    );
  });

  it('suggests nothing for a message of another kind', () => {
    expect(withChoiceSuggestion("error: unknown option '--kss'")).toBe("error: unknown option '--kss'");
  });

  it('keeps a hostile value escaped, suggestion and all', async () => {
    const { stderr } = await run(chooser, ['--method', 'k\u001b[2Js']);
    expect(stderr).toContain("argument 'k\\x1b[2Js' is invalid");
    expect(stderr).not.toContain('\u001b');
  });
});
