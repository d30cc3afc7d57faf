#!/usr/bin/env node
// The step of the GitHub Action (action.yml at the root of the repository): runs drift-detector,
// pipeline-validator or model-registry of @mlops/cli with the action's inputs, which action.yml hands
// over as environment variables (INPUT_TOOL, INPUT_ARGS, INPUT_SUMMARY, INPUT_SARIF, INPUT_VERSION):
//   node ci/github/run.mjs
// Exit status: the tool's own (0 fine, 1 drift alert / pipeline errors / registry refusal, 2 bad
// input); 2 when an input of the action is wrong or @mlops/cli cannot be installed; 128+n when the
// tool was ended by signal n (as a shell says). docs/ci-recipes.md documents the inputs, how `args` is
// split, and where the bins come from. No shell ever sees `args`: the tool is spawned with an array.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tools, by the name the `tool` input takes. */
export const TOOLS = {
  drift: { bin: 'drift-detector', markdown: true, sarif: false },
  pipeline: { bin: 'pipeline-validator', markdown: true, sarif: true },
  registry: { bin: 'model-registry', markdown: false, sarif: false },
};

/** What each exit code of each tool means, for the summary of a failed run. */
const EXIT_MEANINGS = {
  drift: { 1: 'drift alert', 2: 'usage or input error' },
  pipeline: { 1: 'errors found, or more warnings than --max-warnings', 2: 'usage error or unreadable file' },
  registry: { 1: 'refused, or no matching version', 2: 'usage or input error' },
};

/** Bytes GitHub keeps of one step's summary: a larger file is dropped whole ("upload aborted"). */
export const SUMMARY_LIMIT = 1024 * 1024;

/** Bytes of a tool's stderr kept for the summary of a failed run. */
const STDERR_KEPT = 16 * 1024;

/** A semantic version (SemVer 2.0.0, no build metadata): nothing else reaches npm. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The oldest Node.js the tools run on (their `engines`). */
const NODE_MINIMUM = [20, 11];

/** The root of this action (of the repository holding action.yml). */
const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A wrong input of the action, or a failed install: one line on stderr, exit 2. */
export class ActionError extends Error {}

/**
 * A value for a message: JSON-quoted, so a line break or a control character shows as `\n`, and the
 * characters JSON leaves raw that act on a terminal (DEL, C1, bidi, invisible) as `\uXXXX`. A message
 * is then one line that starts with our own words, never a workflow command (`::`).
 */
export function quote(value) {
  return JSON.stringify(value).replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Splits the `args` input into words, as documented in docs/ci-recipes.md: words are separated by
 * spaces, tabs and line breaks; `'…'` or `"…"` quotes part of a word (the quotes go, what is between
 * them stays exactly, white space and the other quote included; there is no escape character);
 * quoted and unquoted parts next to each other make one word (`--name="a b"` is `--name=a b`).
 * Nothing is expanded: `$HOME`, `~`, `;`, `|`, `` ` `` and `\` reach the tool as they are. Each word
 * is a list of its parts, each part marked quoted or not (expandWord needs to know).
 *
 * @throws {ActionError} a quote that is not closed
 * @example
 * splitArgs(`a 'b c'd "e'f"`).map((parts) => parts.map((part) => part.text).join(''))
 * // => ['a', 'b cd', "e'f"]
 */
export function splitArgs(text) {
  const words = [];
  let parts;
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      if (parts) words.push(parts);
      parts = undefined;
      index++;
      continue;
    }
    parts ??= [];
    if (character === "'" || character === '"') {
      const end = text.indexOf(character, index + 1);
      if (end === -1)
        throw new ActionError(
          `args: the ${character === "'" ? 'single' : 'double'} quote at character ${index + 1} is not closed (a quoted part ends at the same quote; there is no escape character)`,
        );
      parts.push({ text: text.slice(index + 1, end), quoted: true });
      index = end + 1;
    } else {
      let end = index;
      while (end < text.length && !' \t\n\r\'"'.includes(text[end])) end++;
      parts.push({ text: text.slice(index, end), quoted: false });
      index = end;
    }
  }
  if (parts) words.push(parts);
  return words;
}

/** A path segment's pattern as a regular expression: unquoted `*` any run, `?` one character. */
function segmentPattern(characters) {
  const source = characters
    .map(({ character, wild }) =>
      wild ? (character === '*' ? '.*' : '.') : character.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'su');
}

/**
 * A word of `args`, with its unquoted `*` and `?` expanded to the paths they match, relative to `cwd`,
 * as a shell would: `*` matches any run of characters within one path segment, `?` one character,
 * a name starting with `.` only when the pattern's segment starts with a literal `.`; the matches are
 * sorted (by code point, not by locale). A word that matches nothing, or has no unquoted wildcard,
 * stays as it is (a quoted pattern reaches the tool whole: drift-detector reads its own patterns).
 * A match that starts with `-` gets `./` in front, so that no file name becomes an option.
 */
export function expandWord(parts, cwd) {
  const text = parts.map((part) => part.text).join('');
  const characters = parts.flatMap((part) =>
    [...part.text].map((character) => ({
      character,
      wild: !part.quoted && (character === '*' || character === '?'),
    })),
  );
  if (!characters.some((each) => each.wild)) return [text];
  const segments = [[]];
  for (const each of characters) {
    if (each.character === '/') segments.push([]);
    else segments.at(-1).push(each);
  }
  let prefixes = [''];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const separator = last ? '' : '/';
    if (!segment.some((each) => each.wild)) {
      const literal = segment.map((each) => each.character).join('');
      prefixes = prefixes.map((prefix) => `${prefix}${literal}${separator}`);
      return;
    }
    const pattern = segmentPattern(segment);
    const hidden = segment[0]?.character === '.' && !segment[0].wild;
    prefixes = prefixes.flatMap((prefix) => {
      let names;
      try {
        names = readdirSync(resolve(cwd, prefix === '' ? '.' : prefix));
      } catch {
        return [];
      }
      return names
        .filter((name) => pattern.test(name) && (hidden || !name.startsWith('.')))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .filter((name) => last || isDirectory(resolve(cwd, `${prefix}${name}`)))
        .map((name) => `${prefix}${name}${separator}`);
    });
  });
  const matches = prefixes.filter((path) => existsSync(resolve(cwd, path)));
  if (matches.length === 0) return [text];
  return matches.map((path) => (path.startsWith('-') ? `./${path}` : path));
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The `args` input as the tool's argument list: split (splitArgs), then expanded (expandWord). */
export function toolArguments(text, cwd) {
  return splitArgs(text).flatMap((parts) => expandWord(parts, cwd));
}

/**
 * The words of the arguments, before a `--`, that choose the tool's reports: formats (`--json`,
 * `--format F`, `--format=F`, `-f F`, `-fF`) and output files (`-o F`, `-oF`, `--output F`,
 * `--output=F`), each with the index of its first word and the number of words it takes.
 */
function reportWords(args) {
  const words = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--') break;
    const at = (kind, value, count) => {
      words.push({ kind, value, index, count });
      index += count - 1;
    };
    if (arg === '--json') at('format', 'json', 1);
    else if (arg === '--format' || arg === '-f') at('format', args[index + 1], 2);
    else if (arg.startsWith('--format=')) at('format', arg.slice('--format='.length), 1);
    else if (/^-f./.test(arg)) at('format', arg.slice(2), 1);
    else if (arg === '--output' || arg === '-o') at('output', args[index + 1], 2);
    else if (arg.startsWith('--output=')) at('output', arg.slice('--output='.length), 1);
    else if (/^-o./.test(arg)) at('output', arg.slice(2), 1);
  }
  return words;
}

/**
 * The format the tool prints on stdout, by the tools' rule for `--format` and `-o` (each `-o FILE`
 * writes the report of the `--format` before it to a file; a `--format` without one goes to stdout,
 * as does an `-o -`): the last such format; undefined when the arguments choose none for stdout (no
 * report words, the tool's default; or only files).
 */
export function chosenFormat(args) {
  let current;
  let paired = false;
  let format;
  for (const word of reportWords(args)) {
    if (word.kind === 'format') {
      if (current !== undefined && !paired) format = current;
      current = word.value;
      paired = false;
    } else {
      paired = true;
      if (word.value === '-') format = current;
    }
  }
  return current !== undefined && !paired ? current : format;
}

/** The arguments without their report words (see reportWords): formats and output files. */
export function withoutFormat(args) {
  const dropped = new Set(
    reportWords(args).flatMap((word) => Array.from({ length: word.count }, (_, k) => word.index + k)),
  );
  return args.filter((_, index) => !dropped.has(index));
}

/** `words` put into `args` before a `--` (after it, a word would be a file name). */
function beforeDashes(args, words) {
  const end = args.indexOf('--');
  return end === -1 ? [...args, ...words] : [...args.slice(0, end), ...words, ...args.slice(end)];
}

/**
 * The arguments asking for `format` on stdout and nothing else: theirs without report words (files
 * included, which the first run has written), then `--format F`.
 */
export function withFormat(args, format) {
  return beforeDashes(withoutFormat(args), ['--format', format]);
}

/**
 * The arguments with `--format F` added last, their own report words kept: the files they write are
 * written, and `format` goes to stdout (for arguments that send no report there, see chosenFormat).
 */
export function alsoFormat(args, format) {
  return beforeDashes(args, ['--format', format]);
}

/** A boolean input, as GitHub's own toolkit reads one: true, True, TRUE, false, False or FALSE. */
export function booleanInput(name, value) {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE', ''].includes(value)) return false;
  throw new ActionError(`${name}: expected true or false, got ${quote(value)}`);
}

/** The version of @mlops/cli to run: the `version` input, else this action's own. */
export function cliVersion(input, actionRoot = ACTION_ROOT) {
  const version =
    input.trim() === ''
      ? JSON.parse(readFileSync(join(actionRoot, 'package.json'), 'utf8')).version
      : input.trim();
  if (!VERSION.test(version))
    throw new ActionError(`version: expected a version of @mlops/cli such as 0.1.0, got ${quote(version)}`);
  return version;
}

/** The folder of @mlops/cli at exactly `version` in `folder`/node_modules, if it is there. */
function installedIn(folder, version) {
  const packageFolder = join(folder, 'node_modules', '@mlops', 'cli');
  try {
    const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8'));
    return manifest.version === version ? packageFolder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where @mlops/cli at `version` is, installed by the project (a node_modules in `cwd` or a folder
 * above, as Node resolves a package: after `npm ci`, the project's own, locked install) or by an
 * earlier run of this action in the job (under RUNNER_TEMP); undefined when neither has it.
 */
export function findCli(version, cwd, env) {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const found = installedIn(folder, version);
    if (found) return found;
    if (dirname(folder) === folder) break;
  }
  return installedIn(cacheFolder(version, env), version);
}

function cacheFolder(version, env) {
  return join(env.RUNNER_TEMP || tmpdir(), `mlops-cli-${version}`);
}

/**
 * Installs @mlops/cli at exactly `version` from the npm registry the runner's npm is set up for, into
 * a folder of its own under RUNNER_TEMP (never the project's node_modules or package.json), with
 * install scripts off. The install goes to a fresh folder first and is renamed into place when
 * complete, so a failed install is never taken for a finished one.
 */
async function installCli(version, cwd, env, stderr) {
  const folder = cacheFolder(version, env);
  const partial = `${folder}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // npm reads a project's own config (.npmrc: a private registry, a scope's registry, its token) from
  // the folder it installs into: the workspace's goes there, or an install --prefix'ed elsewhere
  // would ignore it (the user and global configs, which setup-node writes, apply anyway).
  const projectConfig = join(cwd, '.npmrc');
  if (existsSync(projectConfig)) copyFileSync(projectConfig, join(partial, '.npmrc'));
  stderr.write(`mlops action: installing @mlops/cli@${version} into ${folder}\n`);
  const args = [
    'install',
    '--prefix',
    partial,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--loglevel=error',
    `@mlops/cli@${version}`,
  ];
  // npm is a .cmd file on Windows, which Node starts only through a shell: the words are then quoted
  // for cmd.exe (the version is checked above; a Windows path holds no double quote).
  const windows = process.platform === 'win32';
  const code = await new Promise((done) => {
    const child = spawn(windows ? 'npm.cmd' : 'npm', windows ? args.map((arg) => `"${arg}"`) : args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
      shell: windows,
    });
    child.on('error', () => done(-1));
    child.on('close', (status) => done(status ?? -1));
  });
  if (code !== 0 || !installedIn(partial, version)) {
    rmSync(partial, { recursive: true, force: true });
    throw new ActionError(
      `could not install @mlops/cli@${version} with npm (${code === -1 ? 'npm did not start' : `exit ${code}`}): check the version and the job's access to the npm registry, or install it in the project first (npm ci)`,
    );
  }
  try {
    renameSync(partial, folder);
  } catch (error) {
    // Another run of the action in the same job installed it meanwhile: use that one.
    rmSync(partial, { recursive: true, force: true });
    if (!installedIn(folder, version)) throw error;
  }
  return installedIn(folder, version);
}

/** A bin's file in an installed @mlops/cli, from its package.json. */
function binFile(packageFolder, bin) {
  const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8'));
  const relative = manifest.bin?.[bin];
  if (typeof relative !== 'string')
    throw new ActionError(`@mlops/cli in ${packageFolder} has no ${bin} bin (a version too old?)`);
  return join(packageFolder, relative);
}

/**
 * Runs a bin with Node.js, its arguments an array (no shell). stdout goes to `echo` (if any), to
 * `file` (written as it comes) and into `captured` up to `keep` bytes; `total` counts it all. stderr
 * goes to our stderr, and its first STDERR_KEPT bytes are kept.
 */
function runTool(file, args, { cwd, env, stdin, echo, stderr, keep = 0, output }) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd,
      env,
      stdio: [stdin ? 'inherit' : 'ignore', 'pipe', 'pipe'],
    });
    const kept = [];
    let keptBytes = 0;
    let total = 0;
    const errors = [];
    let errorBytes = 0;
    child.stdout.on('data', (chunk) => {
      echo?.write(chunk);
      output?.write(chunk);
      total += chunk.length;
      if (keptBytes < keep) {
        kept.push(chunk.subarray(0, keep - keptBytes));
        keptBytes += Math.min(chunk.length, keep - keptBytes);
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr.write(chunk);
      if (errorBytes < STDERR_KEPT) {
        errors.push(chunk.subarray(0, STDERR_KEPT - errorBytes));
        errorBytes += Math.min(chunk.length, STDERR_KEPT - errorBytes);
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) =>
      done({
        code: code ?? 128 + (constants.signals[signal] ?? 0),
        signal,
        stdout: Buffer.concat(kept).toString('utf8'),
        total,
        stderr: Buffer.concat(errors).toString('utf8'),
      }),
    );
  });
}

/** Text in a fenced code block whose fence no line of the text can close (more backticks than any run). */
export function codeBlock(text) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}${fence}\n`;
}

/** The note that ends a summary cut to fit (fitToBudget). */
function cutNote(total) {
  return `\n**Cut here**: the output has ${total} bytes and a step summary holds ${SUMMARY_LIMIT} at most; the tool's output in full is in the step's log, or in a file when the step writes one.\n`;
}

/**
 * Text cut to at most `budget` bytes (UTF-8) at a line's end; `total` is the size of the whole text
 * as the tool printed it (of which `text` may hold only the start). Returns the text kept and
 * whether it was cut.
 */
function cutText(text, budget, total) {
  if (total <= budget && Buffer.byteLength(text) <= budget) return { kept: text, cut: false };
  const start = Buffer.from(text, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8');
  // A character cut in two decodes as U+FFFD: the partial last line, which holds it, goes.
  const end = start.lastIndexOf('\n');
  return { kept: end === -1 ? '' : start.slice(0, end + 1), cut: true };
}

/**
 * Markdown cut to at most `budget` bytes at a line's end, with a note saying so: GitHub drops a step
 * summary larger than 1 MiB whole. `total` is the size of the whole text, as it was printed.
 */
export function fitToBudget(text, budget, total = Buffer.byteLength(text)) {
  if (total <= budget && Buffer.byteLength(text) <= budget) return text;
  const note = cutNote(total);
  return `${cutText(text, budget - Buffer.byteLength(note), total).kept}${note}`;
}

/** What a tool's exit code means, for a summary heading. */
function exitMeaning(tool, result) {
  if (result.signal !== null) return `ended by ${result.signal}`;
  return EXIT_MEANINGS[tool][result.code] ?? 'unexpected exit code';
}

/**
 * A summary section: a heading, then each non-empty text in a code block (the registry's output, a
 * failed run's stderr), the first cut to fit the budget.
 */
function codeSection(heading, texts, budget, total) {
  const blocks = texts.filter((text) => text !== '');
  const others = blocks.slice(1).reduce((sum, text) => sum + Buffer.byteLength(codeBlock(text)), 0);
  const room = budget - Buffer.byteLength(heading) - others - cutNote(total).length - 64;
  if (blocks.length > 0) {
    const { kept, cut } = cutText(blocks[0], room, total);
    blocks[0] = cut ? `${codeBlock(kept)}${cutNote(total)}` : codeBlock(kept);
  }
  return `${heading}\n\n${blocks.map((block, index) => (index === 0 ? block : codeBlock(block))).join('\n')}`;
}

/**
 * Runs the action: reads the inputs from `env`, runs the tool in `cwd` and returns the step's exit
 * code. `stdout` and `stderr` are the step's log.
 */
export async function runAction({ env, cwd, stdout, stderr }) {
  const toolName = env.INPUT_TOOL ?? '';
  if (!Object.hasOwn(TOOLS, toolName))
    throw new ActionError(`tool: expected ${Object.keys(TOOLS).join(', ')}, got ${quote(toolName)}`);
  const tool = TOOLS[toolName];
  const summary = booleanInput('summary', env.INPUT_SUMMARY ?? '');
  const sarif = env.INPUT_SARIF ?? '';
  if (sarif !== '' && !tool.sarif)
    throw new ActionError(`sarif: only the pipeline tool writes SARIF (tool is ${toolName})`);
  const summaryFile = env.GITHUB_STEP_SUMMARY ?? '';
  if (summary && summaryFile === '')
    throw new ActionError('summary: true needs GITHUB_STEP_SUMMARY, which the GitHub runner sets');
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < NODE_MINIMUM[0] || (major === NODE_MINIMUM[0] && minor < NODE_MINIMUM[1]))
    throw new ActionError(
      `@mlops/cli needs Node.js ${NODE_MINIMUM.join('.')} or later, and node on PATH is ${process.versions.node}: add actions/setup-node before this step`,
    );
  const args = toolArguments(env.INPUT_ARGS ?? '', cwd);
  const version = cliVersion(env.INPUT_VERSION ?? '');
  const packageFolder = findCli(version, cwd, env) ?? (await installCli(version, cwd, env, stderr));
  const file = binFile(packageFolder, tool.bin);
  stderr.write(`mlops action: ${tool.bin} of @mlops/cli ${version} (${packageFolder})\n`);

  // With a summary and no format chosen, the one run prints Markdown: the log and the summary share it.
  const format = chosenFormat(args);
  const markdownInLog = summary && tool.markdown && (format === undefined || format === 'markdown');
  const mainArgs = markdownInLog && format === undefined ? alsoFormat(args, 'markdown') : args;
  const keep = summary ? SUMMARY_LIMIT + 1 : 0;
  const main = await runTool(file, mainArgs, { cwd, env, stdin: true, echo: stdout, stderr, keep });
  const budget = () => SUMMARY_LIMIT - (existsSync(summaryFile) ? statSync(summaryFile).size : 0);

  if (main.code >= 2 || main.signal !== null) {
    if (summary)
      appendFileSync(
        summaryFile,
        codeSection(
          `### ${tool.bin}: exit ${main.code} (${exitMeaning(toolName, main)})`,
          [main.stderr],
          budget(),
          Buffer.byteLength(main.stderr),
        ),
      );
    return main.code;
  }
  if (summary) {
    let section;
    if (!tool.markdown) {
      const heading =
        main.code === 0
          ? `### ${tool.bin}`
          : `### ${tool.bin}: exit ${main.code} (${exitMeaning(toolName, main)})`;
      section = codeSection(heading, [main.stdout, main.code === 0 ? '' : main.stderr], budget(), main.total);
    } else if (markdownInLog) {
      section = fitToBudget(main.stdout, budget(), main.total);
    } else {
      const markdown = await runTool(file, withFormat(args, 'markdown'), {
        cwd,
        env,
        stderr,
        keep,
      });
      if (markdown.code >= 2 || markdown.signal !== null)
        throw new ActionError(
          `${tool.bin} --format markdown (for the summary) failed with exit ${markdown.code}`,
        );
      section = fitToBudget(markdown.stdout, budget(), markdown.total);
    }
    appendFileSync(summaryFile, section.endsWith('\n') ? section : `${section}\n`);
  }
  if (sarif !== '') {
    // Written to a file of its own and renamed into place: never a half-written SARIF log.
    const target = resolve(cwd, sarif);
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    const output = createWriteStream(partial);
    const result = await runTool(file, withFormat(args, 'sarif'), {
      cwd,
      env,
      stderr,
      output,
    });
    output.end();
    await once(output, 'close');
    if (result.code >= 2 || result.signal !== null) {
      rmSync(partial, { force: true });
      throw new ActionError(
        `${tool.bin} --format sarif failed with exit ${result.code}; no SARIF file was written`,
      );
    }
    renameSync(partial, target);
    stderr.write(`mlops action: SARIF log written to ${quote(sarif)}\n`);
  }
  return main.code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await runAction({
      env: process.env,
      cwd: process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } catch (error) {
    // An input of the action or the install: one line. Anything else is a bug: its stack with DEBUG.
    if (error instanceof ActionError) process.stderr.write(`mlops action: ${error.message}\n`);
    else
      process.stderr.write(
        `mlops action: unexpected failure: ${process.env.DEBUG ? error?.stack : quote(String(error?.message ?? error))}\n`,
      );
    process.exitCode = 2;
  }
}
