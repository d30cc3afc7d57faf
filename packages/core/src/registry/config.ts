import { findConfigUp } from '../io/find-config.js';
import { readInputText } from '../io/read-input.js';
import type { RegistryConfig } from './config-types.js';
import type { MetricDirection } from './direction.js';
import type { MetricRequirement } from './requirement.js';
import type { RegistryStage } from './stages.js';

/**
 * A project's registry settings, from its config file (`.mlops.json`): which way each metric is better,
 * and the conditions a version's metrics must meet to enter a stage; for every model, and per model.
 * The file is found and read here; its text is checked by config-file.ts, loaded only when there is a
 * file (the JSON position parser and the schema stay out of commands that find none).
 */

/** The name of the project config file, looked for in the working folder and the folders above it. */
export const REGISTRY_CONFIG_FILENAME = '.mlops.json';

export type { RegistryConfig, RegistrySettings } from './config-types.js';

/** The most bytes read from a config file: far more than any real one, little memory. */
export const MAX_REGISTRY_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * The config file that applies to a working folder: `.mlops.json` there or in the nearest folder
 * above, up to the top of the git work tree (see findConfigUp); undefined when there is none.
 */
export function findRegistryConfig(folder: string): string | undefined {
  return findConfigUp(folder, REGISTRY_CONFIG_FILENAME);
}

/**
 * Reads and checks a config file, at most {@link MAX_REGISTRY_CONFIG_BYTES} (a FIFO or a device
 * included).
 *
 * @param file the path shown in messages.
 * @throws InputError (exit 2) for a file that is missing, unreadable, too large or invalid, naming the
 *   file, the line and column, and the JSON pointer of the value at fault.
 */
export async function readRegistryConfig(path: string, file = path): Promise<RegistryConfig> {
  const text = readInputText(path, {
    what: 'config file',
    display: file,
    maxBytes: MAX_REGISTRY_CONFIG_BYTES,
  });
  const { parseRegistryConfig } = await import('./config-file.js');
  return parseRegistryConfig(text, file);
}

/**
 * The directions a config gives a model's metrics: its own over the defaults, metric by metric.
 *
 * @example configuredDirections(config, 'fraud').get('auc') // => 'higher'
 */
export function configuredDirections(
  config: RegistryConfig | undefined,
  model: string,
): Map<string, MetricDirection> {
  return new Map([...(config?.metrics ?? []), ...(config?.models.get(model)?.metrics ?? [])]);
}

/**
 * The conditions a config sets for a version of `model` to enter `stage`: the model's own list for
 * that stage when it has one (`[]` included: the model opts out), else the defaults' list, else none.
 */
export function configuredRequirements(
  config: RegistryConfig | undefined,
  model: string,
  stage: RegistryStage,
): readonly MetricRequirement[] {
  return config?.models.get(model)?.promotion.get(stage) ?? config?.promotion.get(stage) ?? [];
}

/**
 * Configured conditions with the ones given for this run: a condition given replaces every configured
 * one on the same metric (so it can tighten or loosen that gate); configured conditions on other
 * metrics still hold, so that one given condition never drops another gate by accident. The
 * configured ones kept come first, in the file's order, then the given ones, in their order.
 *
 * @example withGivenRequirements([auc>=0.9, fpr<=0.01], [auc>=0.95]) // => [fpr<=0.01, auc>=0.95]
 */
export function withGivenRequirements(
  configured: readonly MetricRequirement[],
  given: readonly MetricRequirement[],
): MetricRequirement[] {
  const replaced = new Set(given.map((requirement) => requirement.metric));
  return [...configured.filter((requirement) => !replaced.has(requirement.metric)), ...given];
}
