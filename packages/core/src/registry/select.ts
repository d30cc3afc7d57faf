import { RefusedError, UsageError } from '../errors.js';
import { escapeText } from '../text/escape.js';
import { listRegistryEntries } from './operations.js';
import type { RegistryEntry } from './schema.js';
import type { RegistryStage } from './stages.js';
import { registryInstant } from './time.js';

/** Which version of a model to find: by exactly one of stage, alias and version. */
export interface RegistrySelector {
  name: string;
  stage?: RegistryStage;
  alias?: string;
  version?: string;
}

/** The version found, and every version that matched (more than one only for a stage). */
export interface RegistrySelection {
  entry: RegistryEntry;
  /** The matching versions, most recently updated first; `entry` is the first. */
  matches: RegistryEntry[];
}

/** A name or version for a message: escaped, quoted, cut to 60 characters. */
function shown(text: string): string {
  return `"${escapeText(text.length > 60 ? `${text.slice(0, 60)}…` : text)}"`;
}

/** `1.0.0 (archived), 1.1.0 (production)`: the model's last ten versions and their stages. */
function describeModel(versions: readonly RegistryEntry[]): string {
  const listed = versions.slice(-10).map((entry) => `${escapeText(entry.version)} (${entry.stage})`);
  return `versions: ${versions.length > 10 ? '…, ' : ''}${listed.join(', ')}`;
}

/**
 * Finds the version of a model that a deploy script asks for: the one in a stage, the one carrying an
 * alias, or a version by name (which then must exist).
 *
 * A stage can hold several versions (staging usually does; production only in a file edited by hand or
 * by the legacy tool): the most recently updated one is chosen (by `updated_at` as an instant, as
 * `list` sorts, and as `rollback` picks the current production version). When two or more share the
 * latest `updated_at`, nothing is chosen: the caller must name the version.
 *
 * Cost: O(number of entries), plus sorting the matches.
 *
 * @throws UsageError (exit 2) unless exactly one of stage, alias and version is given; RefusedError
 *   (exit 1) when nothing matches (no such model, no version in that stage, no version with that alias,
 *   no such version) or when the latest versions in the stage tie.
 * @example selectRegistryEntry(entries, { name: 'fraud', stage: 'production' }).entry.version // => '2.1'
 */
export function selectRegistryEntry(
  entries: readonly RegistryEntry[],
  selector: RegistrySelector,
): RegistrySelection {
  const given = [selector.stage, selector.alias, selector.version].filter((value) => value !== undefined);
  if (given.length !== 1)
    throw new UsageError('exactly one of stage, alias and version is needed to find a version');
  const versions = entries.filter((entry) => entry.name === selector.name);
  if (versions.length === 0) {
    throw new RefusedError(`no model named ${shown(selector.name)} in this registry`, {
      fieldHint: ['check ', { field: 'name' }, ' and the registry path'],
    });
  }
  const model = escapeText(selector.name);
  if (selector.version !== undefined) {
    const entry = versions.find((candidate) => candidate.version === selector.version);
    if (entry) return { entry, matches: [entry] };
    throw new RefusedError(`${model} has no version ${shown(selector.version)}`, {
      hint: describeModel(versions),
    });
  }
  if (selector.alias !== undefined) {
    const alias = selector.alias;
    const entry = versions.find((candidate) => candidate.aliases?.includes(alias));
    if (entry) return { entry, matches: [entry] };
    const known = [...new Set(versions.flatMap((candidate) => candidate.aliases ?? []))];
    throw new RefusedError(`no version of ${model} has the alias ${shown(alias)}`, {
      hint:
        known.length > 0 ? `aliases of ${model}: ${known.map(escapeText).join(', ')}` : 'it has no aliases',
    });
  }
  const stage = selector.stage!;
  const matches = listRegistryEntries(versions, { stage });
  const [entry, next] = matches;
  if (entry === undefined) {
    throw new RefusedError(`${model} has no version in ${stage}`, { hint: describeModel(versions) });
  }
  if (next !== undefined && registryInstant(next.updated_at) === registryInstant(entry.updated_at)) {
    const tied = matches.filter(
      (candidate) => registryInstant(candidate.updated_at) === registryInstant(entry.updated_at),
    );
    const listed = tied.slice(0, 10).map((candidate) => escapeText(candidate.version));
    throw new RefusedError(
      `${tied.length} versions of ${model} are in ${stage} with the same updated_at (${entry.updated_at}): ${listed.join(', ')}${tied.length > 10 ? ', …' : ''}`,
      { fieldHint: ['name the one you mean with ', { field: 'version' }, ' or ', { field: 'alias' }] },
    );
  }
  return { entry, matches };
}
