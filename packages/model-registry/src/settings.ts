import { userInfo } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  addOutputOptions,
  type CliContext,
  checkReportOutputs,
  outputWordsOf,
  type PlannedOutput,
  parseDecimalFlag,
  planOutputs,
  writeReportOutputs,
} from '@mlops/cli-kit';
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  escapeText,
  findRegistryConfig,
  InputError,
  type OutputInput,
  REGISTRY_CONFIG_FILENAME,
  type RegistryChangeContext,
  type RegistryConfig,
  type RegistryEntry,
  type RegistryLocation,
  type RegistryUpdateOptions,
  readRegistryConfig,
  readRegistryStatus,
  registryLockPath,
  registryTimestamp,
  UsageError,
} from '@mlops/core';
import type { Command } from 'commander';

/** The options every sub-command accepts, before or after its name (they are defined on the root). */
export interface GlobalSettings {
  location: RegistryLocation;
  /**
   * The reports to write, text or JSON, in the order of the command line: `--format` (`-f`, or
   * `--json`) and `-o FILE` in pairs, as drift-detector's (cli-kit report-outputs.ts); at most one
   * goes to stdout, text when nothing is asked for.
   */
  outputs: readonly PlannedOutput<RegistryOutputFormat>[];
  lock: RegistryUpdateOptions;
}

/** The output formats of every registry command. */
export const REGISTRY_FORMATS = ['text', 'json'] as const;
export type RegistryOutputFormat = (typeof REGISTRY_FORMATS)[number];

export const DEFAULT_REGISTRY_FILE = 'model_registry.json';

/** A number of seconds, 0 or more, in decimal notation (`0.5`, `30`; not `0x10`, `''`, `Infinity`). */
function parseSeconds(text: string, source: string): number {
  return parseDecimalFlag(text, source, { min: 0, expected: 'a decimal number of seconds, 0 or more' });
}

interface GlobalOptionValues {
  registry?: string;
  lockTimeout?: string;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | false;
}

function definedOptions(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * Adds the global options to the program and to each sub-command. A value after the sub-command
 * wins; `--format`, `--json` and `-o` are read in their order on the whole line, the program's
 * first (see outputWordsOf).
 */
export function addGlobalOptions(command: Command): Command {
  // Listed apart in the help, after the command's own options: every command takes them.
  return addOutputOptions(
    command
      .optionsGroup('Global options:')
      .option(
        '--registry <path>',
        'the registry file (default: $MLOPS_REGISTRY, else ./model_registry.json)',
      ),
    {
      formats: REGISTRY_FORMATS,
      defaultFormat: 'text',
      formatHelp: `output format: ${REGISTRY_FORMATS.join(', ')} (default: text)`,
      jsonHelp: 'same as --format json',
    },
  )
    .option(
      '--lock-timeout <seconds>',
      `how long a write waits for another writer to finish (default: $MLOPS_LOCK_TIMEOUT, else ${DEFAULT_LOCK_TIMEOUT_MS / 1000})`,
    )
    .option(
      '--config <file>',
      `project config with metric directions and promotion requirements, for compare, promote and register (default: ${REGISTRY_CONFIG_FILENAME} in the working folder or the nearest folder above it, up to the git root)`,
    )
    .option('--no-config', 'read no project config');
}

/** The global options of a sub-command, the ones given after its name winning. */
function globalOptions(command: Command): GlobalOptionValues {
  return { ...command.parent?.opts(), ...definedOptions(command.opts()) };
}

/**
 * Resolves the global options of a sub-command: `--registry` (else `$MLOPS_REGISTRY`, else
 * `./model_registry.json`, relative to the working folder), the reports (`--format`, `--json` and
 * `-o`; text on stdout when none is given), and `--lock-timeout` (else `$MLOPS_LOCK_TIMEOUT`, else 30
 * seconds). Reads nothing: the reports' files are checked by {@link registryReports}.
 *
 * @throws UsageError (exit 2) for two reports to stdout (`--json` with `--format text`, wherever
 *   each stands), an empty `-o` or an empty `--registry`.
 */
export function globalSettings(command: Command, context: CliContext): GlobalSettings {
  const outputs = planOutputs<RegistryOutputFormat>(outputWordsOf(command), 'text');
  const options = globalOptions(command);
  const fromEnv = context.env.MLOPS_REGISTRY || undefined;
  const given = options.registry ?? fromEnv ?? DEFAULT_REGISTRY_FILE;
  const source =
    options.registry !== undefined ? '--registry' : fromEnv !== undefined ? 'MLOPS_REGISTRY' : undefined;
  if (given.trim() === '') throw new UsageError('--registry: must not be empty');
  const path = isAbsolute(given) ? given : resolve(context.cwd, given);
  const timeout =
    options.lockTimeout !== undefined
      ? parseSeconds(options.lockTimeout, '--lock-timeout')
      : context.env.MLOPS_LOCK_TIMEOUT
        ? parseSeconds(context.env.MLOPS_LOCK_TIMEOUT, 'MLOPS_LOCK_TIMEOUT')
        : DEFAULT_LOCK_TIMEOUT_MS / 1000;
  return {
    location: { path, display: given, source },
    outputs,
    lock: { timeoutMs: timeout * 1000 },
  };
}

/** Who is making a change: `$MLOPS_ACTOR`, else the OS user, else `$USER`, else `unknown`. */
export function currentActor(context: CliContext): string {
  if (context.env.MLOPS_ACTOR) return context.env.MLOPS_ACTOR;
  try {
    return userInfo().username;
  } catch {
    return context.env.USER || context.env.LOGNAME || 'unknown';
  }
}

/** The time and actor that a write records in the history. */
export function changeContext(context: CliContext): RegistryChangeContext {
  return { time: registryTimestamp(), actor: currentActor(context) };
}

/** Collects a repeatable option's values (`--require a --require b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Reads the registry for a read-only command. A missing file (in a folder that exists) reads as an
 * empty registry, as the legacy tool did, and says so on stderr, so that a wrong path does not pass
 * for a registry with nothing in it: `note: no registry file at PATH`.
 */
export async function readForDisplay(
  settings: GlobalSettings,
  context: CliContext,
): Promise<RegistryEntry[]> {
  const { entries, found } = await readRegistryStatus(settings.location);
  if (!found) {
    const path = settings.location.display ?? settings.location.path;
    context.stderr.write(`note: no registry file at ${escapeText(path)}\n`);
  }
  return entries;
}

/** The project config a command reads, found but not read yet (see {@link findProjectConfig}). */
export interface ProjectConfigFile {
  /** Its absolute path. */
  path: string;
  /** As messages show it: as `--config` gave it, else relative to the working folder (`../.mlops.json`). */
  file: string;
  /** Named by `--config` rather than found. */
  given: boolean;
}

/**
 * The project config of a command that uses it (compare, promote, register), without reading it:
 * `--config FILE` (relative to the working folder), none under `--no-config`, else `.mlops.json`
 * found from the working folder up (see findRegistryConfig). Found before the command's reports are
 * checked, so that no `-o` overwrites it; read by {@link readProjectConfig}.
 *
 * @throws UsageError (exit 2) for an empty `--config`.
 */
export function findProjectConfig(command: Command, context: CliContext): ProjectConfigFile | undefined {
  const { config } = globalOptions(command);
  if (config === false) return undefined;
  if (config !== undefined && config.trim() === '') throw new UsageError('--config: must not be empty');
  const path = config === undefined ? findRegistryConfig(context.cwd) : resolve(context.cwd, config);
  if (path === undefined) return undefined;
  return { path, file: config ?? relative(context.cwd, path), given: config !== undefined };
}

/**
 * Reads the project config {@link findProjectConfig} found (none: undefined). Under `--debug`, says
 * which file it reads on stderr.
 *
 * @throws InputError (exit 2) for a config file that cannot be read or is invalid.
 */
export async function readProjectConfig(
  found: ProjectConfigFile | undefined,
  context: CliContext,
): Promise<RegistryConfig | undefined> {
  if (found === undefined) return undefined;
  if (context.debug) context.stderr.write(`debug: project config ${escapeText(found.file)}\n`);
  return readRegistryConfig(found.path, found.file);
}

/** A command's reports, checked by {@link registryReports}. */
export interface RegistryReports {
  /**
   * Writes the reports once the command has its result: `render` writes one in its format to the
   * target's stdout (a file's has no colours and is no terminal). The files first, in their order on
   * the command line, then stdout (cli-kit writeReportOutputs).
   *
   * @throws InputError (exit 2) for a file that cannot be written after all (checked beforehand,
   *   so rare: a full disk, a folder removed meanwhile); stdout gets nothing then. A change the
   *   command made to the registry stays made, and under `changed` the error says so.
   */
  write(
    render: (format: RegistryOutputFormat, target: CliContext) => void,
    options?: {
      /** Only the reports of this format (promote's refusal: its JSON ones). */
      only?: RegistryOutputFormat;
      /** The command changed the registry before writing its reports. */
      changed?: boolean;
    },
  ): Promise<void>;
}

/**
 * Checks the files of the command's reports (`-o`) before the registry is read or written: none may
 * be the registry file (a report written over it would lose the registry), its lock file, or the project config the
 * command reads, none may be named twice, and each can be written (cli-kit checkReportOutputs).
 *
 * @throws UsageError or InputError (exit 2), with nothing read or written.
 */
export function registryReports(
  settings: GlobalSettings,
  context: CliContext,
  config?: ProjectConfigFile,
): RegistryReports {
  const registry = settings.location.display ?? settings.location.path;
  const inputs: OutputInput[] = [
    { path: settings.location.path, label: `the registry file ${registry}` },
    // Its lock file too: a report written over a writer's lock would break the lock.
    { path: registryLockPath(settings.location.path), label: `the registry's lock file ${registry}.lock` },
    ...(config === undefined
      ? []
      : [
          {
            path: config.path,
            label: config.given ? `--config ${config.file}` : `the project config ${config.file}`,
          },
        ]),
  ];
  checkReportOutputs(settings.outputs, { inputs, cwd: context.cwd });
  return {
    async write(render, { only, changed = false } = {}) {
      const outputs =
        only === undefined ? settings.outputs : settings.outputs.filter((output) => output.format === only);
      try {
        await writeReportOutputs(context, outputs, render, { inputs });
      } catch (error) {
        if (!changed || !(error instanceof InputError)) throw error;
        // Exit 2 says "nothing was written" everywhere else: here the registry was.
        throw new InputError(error.message, {
          file: error.file,
          hint: [error.hint, 'the registry was changed all the same'].filter(Boolean).join('; '),
          cause: error,
        });
      }
    },
  };
}
