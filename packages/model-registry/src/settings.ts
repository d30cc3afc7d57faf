import { userInfo } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { type CliContext, chosenFormat, formatOption, parseDecimalFlag } from '@mlops/cli-kit';
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  escapeText,
  findRegistryConfig,
  REGISTRY_CONFIG_FILENAME,
  type RegistryChangeContext,
  type RegistryConfig,
  type RegistryEntry,
  type RegistryLocation,
  type RegistryUpdateOptions,
  readRegistryConfig,
  readRegistryStatus,
  registryTimestamp,
  UsageError,
} from '@mlops/core';
import type { Command } from 'commander';

/** The options every sub-command accepts, before or after its name (they are defined on the root). */
export interface GlobalSettings {
  location: RegistryLocation;
  /** What the command prints on stdout: text, or its JSON (`--format json`, or `--json`). */
  format: RegistryOutputFormat;
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
  json?: boolean;
  format?: RegistryOutputFormat;
  lockTimeout?: string;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | false;
}

function definedOptions(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Adds the global options to the program and to each sub-command (a value after the sub-command wins). */
export function addGlobalOptions(command: Command): Command {
  // Listed apart in the help, after the command's own options: every command takes them.
  return command
    .optionsGroup('Global options:')
    .option('--registry <path>', 'the registry file (default: $MLOPS_REGISTRY, else ./model_registry.json)')
    .addOption(formatOption(REGISTRY_FORMATS))
    .option('--json', 'same as --format json')
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
 * `./model_registry.json`, relative to the working folder), `--format` or `--json` (else text), and
 * `--lock-timeout` (else `$MLOPS_LOCK_TIMEOUT`, else 30 seconds). `--json` with `--format text`,
 * wherever each stands, is a usage error.
 */
export function globalSettings(command: Command, context: CliContext): GlobalSettings {
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
    format: chosenFormat(options, 'text'),
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

/**
 * The project config for a command that uses it (compare, promote, register): `--config FILE`
 * (relative to the working folder), none under `--no-config`, else `.mlops.json` found from the
 * working folder up (see findRegistryConfig), shown relative to the working folder
 * (`../.mlops.json`). Under `--debug`, says which file it read on stderr.
 *
 * @throws InputError (exit 2) for a config file that cannot be read or is invalid.
 */
export async function projectConfig(
  command: Command,
  context: CliContext,
): Promise<RegistryConfig | undefined> {
  const { config } = globalOptions(command);
  if (config === false) return undefined;
  if (config !== undefined && config.trim() === '') throw new UsageError('--config: must not be empty');
  const path = config === undefined ? findRegistryConfig(context.cwd) : resolve(context.cwd, config);
  if (path === undefined) return undefined;
  const file = config ?? relative(context.cwd, path);
  if (context.debug) context.stderr.write(`debug: project config ${escapeText(file)}\n`);
  return readRegistryConfig(path, file);
}
