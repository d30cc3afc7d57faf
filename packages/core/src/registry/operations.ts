import { InputError, RefusedError, UsageError } from '../errors.js';
import { type MetricDirection, metricDirection } from './direction.js';
import { checkRegistryAlias, checkRegistryLabel } from './label.js';
import { PromotionRefusedError } from './refusal.js';
import { checkMetricRequirements, type MetricRequirement, unmetRequirementText } from './requirement.js';
import type { RegistryEntry, RegistryHistoryEvent } from './schema.js';
import type { RegistryAction, RegistryStage } from './stages.js';
import { registryInstant } from './time.js';

/**
 * The registry operations, as pure functions: each takes the entries (as read under the lock) and
 * returns the new entries plus what the command reports. They never touch the file; `updateRegistry`
 * runs them inside a transaction. Entries that change are copied, the others shared.
 */

/** Who and when, for the history events an operation records. */
export interface RegistryChangeContext {
  /** ISO-8601 UTC (see registryTimestamp). */
  time: string;
  actor: string;
}

/** The result of a write operation: the new entries and the entry the command is about. */
export interface RegistryOperationResult {
  entries: RegistryEntry[];
  entry: RegistryEntry;
  /** Production versions this operation archived. */
  archived: RegistryEntry[];
  /** For promote and rollback: the stage the entry had before. */
  fromStage?: RegistryStage;
  /** For alias: the version that held the alias before, if another one did. */
  previousVersion?: string;
}

interface EventInput {
  action: RegistryAction;
  from_stage: RegistryStage | null;
  to_stage: RegistryStage;
  reason: string;
  alias?: string;
}

/**
 * The order events were written in: `seq`, a counter over the whole file that each new event takes the
 * next value of. Clocks of different CI runners (or a faked one) disagree, so the history's order,
 * rollback included, follows `seq`; `time` is shown, never sorted on. Events of files written before
 * `seq` existed have none: they count as older than every numbered one and keep their time order.
 */
function eventSeq(event: RegistryHistoryEvent): number | undefined {
  const seq = event.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}

/** The time and actor of an operation, and the next `seq` values for its events (in order of recording). */
interface EventRecorder extends RegistryChangeContext {
  nextSeq(): number;
}

/** A recorder numbering after the largest `seq` in the file (O(events)). */
function eventRecorder(entries: readonly RegistryEntry[], context: RegistryChangeContext): EventRecorder {
  let last = 0;
  // Plain loops: this runs on every write, over every event of registries of 10,000 entries and more.
  for (let index = 0; index < entries.length; index++) {
    const history = entries[index]!.history;
    if (history === undefined) continue;
    for (let position = 0; position < history.length; position++) {
      const seq = history[position]!.seq;
      if (typeof seq === 'number' && seq > last && Number.isSafeInteger(seq)) last = seq;
    }
  }
  return {
    time: context.time,
    actor: context.actor,
    nextSeq: () => (last < Number.MAX_SAFE_INTEGER ? ++last : last),
  };
}

function withEvent(
  entry: RegistryEntry,
  changes: Partial<RegistryEntry>,
  event: EventInput,
  recorder: EventRecorder,
): RegistryEntry {
  const { history, ...rest } = { ...entry, ...changes };
  const recorded: RegistryHistoryEvent = {
    time: recorder.time,
    action: event.action,
    from_stage: event.from_stage,
    to_stage: event.to_stage,
    actor: recorder.actor,
    reason: event.reason,
  };
  if (event.alias !== undefined) recorded.alias = event.alias;
  recorded.seq = recorder.nextSeq();
  return { ...rest, history: [...(history ?? []), recorded] };
}

function describeVersions(entries: readonly RegistryEntry[], name: string): string {
  const versions = entries.filter((entry) => entry.name === name).map((entry) => entry.version);
  if (versions.length === 0) return `there is no model named ${JSON.stringify(name)} in this registry`;
  const shown = versions.slice(-10).join(', ');
  return `versions of ${name}: ${versions.length > 10 ? `…, ${shown}` : shown}`;
}

/**
 * The index of an entry by name and version.
 *
 * @throws InputError (exit 2) when there is no such version, listing the versions that exist.
 */
export function findRegistryIndex(entries: readonly RegistryEntry[], name: string, version: string): number {
  const index = entries.findIndex((entry) => entry.name === name && entry.version === version);
  if (index === -1) {
    throw new InputError(`unknown version: ${name} ${version} is not in the registry`, {
      hint: describeVersions(entries, name),
    });
  }
  return index;
}

/**
 * The entry of a model that carries an alias.
 *
 * @throws InputError (exit 2) when no version of the model has it.
 */
export function findRegistryAlias(
  entries: readonly RegistryEntry[],
  name: string,
  alias: string,
): RegistryEntry {
  const entry = entries.find((candidate) => candidate.name === name && candidate.aliases?.includes(alias));
  if (entry) return entry;
  const known = [...new Set(entries.filter((e) => e.name === name).flatMap((e) => e.aliases ?? []))];
  throw new InputError(`unknown alias: no version of ${name} has the alias ${JSON.stringify(alias)}`, {
    hint: known.length > 0 ? `aliases of ${name}: ${known.join(', ')}` : describeVersions(entries, name),
  });
}

/** Archives every production version of `name` other than `keep`, recording why. */
function archiveProduction(
  entries: RegistryEntry[],
  name: string,
  keep: string,
  reason: string,
  recorder: EventRecorder,
): RegistryEntry[] {
  const archived: RegistryEntry[] = [];
  entries.forEach((entry, index) => {
    if (entry.name !== name || entry.version === keep || entry.stage !== 'production') return;
    const updated = withEvent(
      entry,
      { stage: 'archived', updated_at: recorder.time },
      { action: 'archive', from_stage: 'production', to_stage: 'archived', reason },
      recorder,
    );
    entries[index] = updated;
    archived.push(updated);
  });
  return archived;
}

/**
 * A version entering production (by register or promote) archives the model's other production
 * versions, each with an `archive` event "replaced in production by V"; any other stage archives nothing.
 */
function archiveIfEnteringProduction(
  entries: RegistryEntry[],
  name: string,
  version: string,
  stage: RegistryStage,
  recorder: EventRecorder,
): RegistryEntry[] {
  return stage === 'production'
    ? archiveProduction(entries, name, version, `replaced in production by ${version}`, recorder)
    : [];
}

export interface RegisterInput {
  name: string;
  version: string;
  stage?: RegistryStage;
  /** Conditions on `metrics` to enter the stage (a project's promotion requirements), as promote's. */
  requirements?: readonly MetricRequirement[];
  metrics?: Record<string, number>;
  parameters?: Record<string, unknown>;
  tags?: string[];
  description?: string;
  artifactPath?: string;
  reason?: string;
}

/**
 * Appends a new version (stage `development` unless given). Registering straight into production
 * archives the current production version, as promote does. `requirements` are checked as promote
 * checks them: entering a stage by registration passes the same gate as entering it by promotion.
 *
 * @throws UsageError (exit 2) for a blank name or version, or one holding a control or invisible
 *   character; RefusedError (exit 1) when the name and version are already registered;
 *   PromotionRefusedError (a RefusedError, exit 1) when a requirement does not hold.
 */
export function registerVersion(
  entries: readonly RegistryEntry[],
  input: RegisterInput,
  context: RegistryChangeContext,
): RegistryOperationResult {
  const recorder = eventRecorder(entries, context);
  checkRegistryLabel(input.name, 'name');
  checkRegistryLabel(input.version, 'version');
  const existing = entries.find((entry) => entry.name === input.name && entry.version === input.version);
  if (existing) {
    throw new RefusedError(`${input.name} ${input.version} already registered (stage: ${existing.stage})`, {
      hint: 'register a new version, or use promote to change its stage',
    });
  }
  const stage = input.stage ?? 'development';
  refuseUnmetRequirements(
    { name: input.name, version: input.version, stage },
    input.metrics ?? {},
    input.requirements,
    'registration',
    'into',
  );
  const next = [...entries];
  const archived = archiveIfEnteringProduction(next, input.name, input.version, stage, recorder);
  const entry = withEvent(
    {
      name: input.name,
      version: input.version,
      stage,
      registered_at: recorder.time,
      updated_at: recorder.time,
      metrics: input.metrics ?? {},
      parameters: input.parameters ?? {},
      tags: input.tags ?? [],
      description: input.description ?? '',
      artifact_path: input.artifactPath ?? '',
    },
    {},
    { action: 'register', from_stage: null, to_stage: stage, reason: input.reason ?? '' },
    recorder,
  );
  next.push(entry);
  return { entries: next, entry, archived };
}

/**
 * Refuses a version entering a stage unless its metrics meet every requirement.
 *
 * @throws PromotionRefusedError (exit 1) naming each failed condition, its actual value and, for a
 *   condition from a file, where it is written.
 */
function refuseUnmetRequirements(
  request: { name: string; version: string; stage: RegistryStage },
  metrics: Readonly<Record<string, number>>,
  requirements: readonly MetricRequirement[] = [],
  what: 'promotion' | 'registration',
  preposition: 'to' | 'into',
): void {
  const failed = checkMetricRequirements(metrics, requirements).filter((result) => !result.passed);
  if (failed.length === 0) return;
  throw new PromotionRefusedError(
    request,
    failed,
    `${what} of ${request.name} ${request.version} ${preposition} ${request.stage} refused: not met: ${failed.map(unmetRequirementText).join('; ')}`,
    'nothing was changed',
  );
}

export interface PromoteInput {
  name: string;
  version: string;
  stage: RegistryStage;
  reason?: string;
  requirements?: readonly MetricRequirement[];
}

/**
 * Moves a version to a stage. Promoting to production first archives every other production version of
 * the same model (recorded as `archive` events).
 *
 * @throws InputError (exit 2) for an unknown version; PromotionRefusedError (a RefusedError, exit 1)
 *   when a requirement does not hold, naming each failed condition and the actual value.
 */
export function promoteVersion(
  entries: readonly RegistryEntry[],
  input: PromoteInput,
  context: RegistryChangeContext,
): RegistryOperationResult {
  const recorder = eventRecorder(entries, context);
  const index = findRegistryIndex(entries, input.name, input.version);
  const current = entries[index]!;
  refuseUnmetRequirements(input, current.metrics, input.requirements, 'promotion', 'to');
  const next = [...entries];
  const archived = archiveIfEnteringProduction(next, input.name, input.version, input.stage, recorder);
  const entry = withEvent(
    current,
    { stage: input.stage, updated_at: recorder.time },
    { action: 'promote', from_stage: current.stage, to_stage: input.stage, reason: input.reason ?? '' },
    recorder,
  );
  next[index] = entry;
  return { entries: next, entry, archived, fromStage: current.stage };
}

interface OrderedEvent {
  entry: RegistryEntry;
  event: RegistryHistoryEvent;
  seq: number | undefined;
  instant: number;
  /** Within one operation (same time), archive and alias removal come before what caused them. */
  rank: number;
  order: number;
}

/**
 * The events of some entries in the order they were written (see eventSeq): numbered events by `seq`,
 * after every unnumbered one (a file written before `seq` existed), which keep the order of their
 * times; ties keep the file's order.
 */
function orderedEvents(entries: readonly RegistryEntry[]): OrderedEvent[] {
  const events: OrderedEvent[] = [];
  for (const entry of entries) {
    for (const event of entry.history ?? []) {
      const seq = eventSeq(event);
      events.push({
        entry,
        event,
        seq,
        instant: seq === undefined ? registryInstant(event.time) : 0,
        rank: event.action === 'archive' || event.action === 'alias-remove' ? 0 : 1,
        order: events.length,
      });
    }
  }
  return events.sort((a, b) => {
    if (a.seq !== undefined && b.seq !== undefined) return a.seq - b.seq || a.order - b.order;
    if (a.seq !== undefined) return 1;
    if (b.seq !== undefined) return -1;
    return a.instant - b.instant || a.rank - b.rank || a.order - b.order;
  });
}

/**
 * The versions that held production, oldest first, as a stack replayed from the history: going into
 * production (register, promote) pushes; a rollback to V pops back to V (or pushes V if it was never
 * there). A version archived out of production by a promotion that the history does not show entering
 * production (a legacy file) is pushed when it leaves, so a first promotion can still be rolled back.
 */
export function productionLineage(entries: readonly RegistryEntry[], name: string): string[] {
  const stack: string[] = [];
  const push = (version: string) => {
    if (stack.at(-1) !== version) stack.push(version);
  };
  for (const { entry, event } of orderedEvents(entries.filter((candidate) => candidate.name === name))) {
    if (event.action === 'archive' && event.from_stage === 'production') {
      push(entry.version);
    } else if (
      event.to_stage === 'production' &&
      (event.action === 'register' || event.action === 'promote')
    ) {
      push(entry.version);
    } else if (event.action === 'rollback' && event.to_stage === 'production') {
      const at = stack.lastIndexOf(entry.version);
      if (at === -1) push(entry.version);
      else stack.length = at + 1;
    }
  }
  return stack;
}

export interface RollbackInput {
  name: string;
  /** The version to put back; by default the one that held production before the current one. */
  to?: string;
  reason?: string;
}

/**
 * Puts back in production the version that held production before the current one (from the history),
 * or `to`; the current production version is archived. Repeated rollbacks walk further back.
 *
 * @throws RefusedError (exit 1) when there is nothing to roll back to; InputError (exit 2) for an
 *   unknown `to` version.
 */
export function rollbackVersion(
  entries: readonly RegistryEntry[],
  input: RollbackInput,
  context: RegistryChangeContext,
): RegistryOperationResult {
  const recorder = eventRecorder(entries, context);
  // The current production version: the one written last (legacy files may hold several).
  const written = new Map<RegistryEntry, number>();
  for (const [index, { entry }] of orderedEvents(entries.filter((e) => e.name === input.name)).entries())
    written.set(entry, index);
  const production = entries
    .filter((entry) => entry.name === input.name && entry.stage === 'production')
    .sort(
      (a, b) =>
        (written.get(a) ?? -1) - (written.get(b) ?? -1) ||
        registryInstant(a.updated_at) - registryInstant(b.updated_at),
    );
  const current = production.at(-1);
  let target: string | undefined = input.to;
  if (target === undefined) {
    if (!entries.some((entry) => entry.name === input.name)) {
      throw new InputError(
        `unknown model: there is no model named ${JSON.stringify(input.name)} in this registry`,
      );
    }
    const lineage = productionLineage(entries, input.name);
    if (current && lineage.at(-1) !== current.version) lineage.push(current.version);
    target = current ? lineage.at(-2) : lineage.at(-1);
    if (target === undefined) {
      throw new RefusedError(
        current
          ? `nothing to roll back to: the history shows no version of ${input.name} in production before ${current.version}`
          : `nothing to roll back to: ${input.name} has no production version and the history shows none`,
        { fieldHint: ['name the version to put back with ', { field: 'to' }, ' VERSION'] },
      );
    }
  }
  const index = findRegistryIndex(entries, input.name, target);
  const targetEntry = entries[index]!;
  if (targetEntry.stage === 'production' && production.length === 1) {
    throw new RefusedError(`nothing to roll back: ${input.name} ${target} is already in production`);
  }
  const next = [...entries];
  const archived = archiveProduction(next, input.name, target, `rolled back to ${target}`, recorder);
  const entry = withEvent(
    targetEntry,
    { stage: 'production', updated_at: recorder.time },
    { action: 'rollback', from_stage: targetEntry.stage, to_stage: 'production', reason: input.reason ?? '' },
    recorder,
  );
  next[index] = entry;
  return { entries: next, entry, archived, fromStage: targetEntry.stage };
}

export interface AliasInput {
  name: string;
  version: string;
  alias: string;
  reason?: string;
}

/**
 * Points an alias (`champion`, `challenger`) at a version; an alias names one version per model, so
 * setting it on another version moves it (recorded as `alias-remove` on the old one and `alias-set`).
 *
 * @throws InputError (exit 2) for an unknown version or an invalid alias name.
 */
export function setRegistryAlias(
  entries: readonly RegistryEntry[],
  input: AliasInput,
  context: RegistryChangeContext,
): RegistryOperationResult {
  const recorder = eventRecorder(entries, context);
  checkRegistryAlias(input.alias);
  const index = findRegistryIndex(entries, input.name, input.version);
  const next = [...entries];
  let previousVersion: string | undefined;
  next.forEach((entry, position) => {
    if (position === index || entry.name !== input.name || !entry.aliases?.includes(input.alias)) return;
    previousVersion = entry.version;
    next[position] = withEvent(
      entry,
      { aliases: entry.aliases.filter((alias) => alias !== input.alias) },
      {
        action: 'alias-remove',
        from_stage: entry.stage,
        to_stage: entry.stage,
        reason: `moved to ${input.version}`,
        alias: input.alias,
      },
      recorder,
    );
  });
  const target = next[index]!;
  if (target.aliases?.includes(input.alias)) {
    return { entries: [...entries], entry: target, archived: [], previousVersion: input.version };
  }
  const entry = withEvent(
    target,
    { aliases: [...(target.aliases ?? []), input.alias] },
    {
      action: 'alias-set',
      from_stage: target.stage,
      to_stage: target.stage,
      reason: input.reason ?? '',
      alias: input.alias,
    },
    recorder,
  );
  next[index] = entry;
  return { entries: next, entry, archived: [], previousVersion };
}

export interface RemoveAliasInput {
  name: string;
  alias: string;
  reason?: string;
}

/**
 * Removes an alias from the version of a model that carries it.
 *
 * @throws InputError (exit 2) when no version of the model has it.
 */
export function removeRegistryAlias(
  entries: readonly RegistryEntry[],
  input: RemoveAliasInput,
  context: RegistryChangeContext,
): RegistryOperationResult {
  const recorder = eventRecorder(entries, context);
  checkRegistryAlias(input.alias);
  const holder = findRegistryAlias(entries, input.name, input.alias);
  const index = entries.indexOf(holder);
  const entry = withEvent(
    holder,
    { aliases: (holder.aliases ?? []).filter((alias) => alias !== input.alias) },
    {
      action: 'alias-remove',
      from_stage: holder.stage,
      to_stage: holder.stage,
      reason: input.reason ?? '',
      alias: input.alias,
    },
    recorder,
  );
  const next = [...entries];
  next[index] = entry;
  return { entries: next, entry, archived: [] };
}

export interface ListFilter {
  name?: string;
  stage?: RegistryStage;
  tag?: string;
}

/**
 * Filters entries and sorts them by `updated_at`, most recent first (as instants; ties keep file order).
 */
export function listRegistryEntries(
  entries: readonly RegistryEntry[],
  filter: ListFilter = {},
): RegistryEntry[] {
  const kept = entries.filter(
    (entry) =>
      (filter.name === undefined || entry.name === filter.name) &&
      (filter.stage === undefined || entry.stage === filter.stage) &&
      (filter.tag === undefined || entry.tags.includes(filter.tag)),
  );
  const keyed = kept.map((entry) => ({ entry, instant: registryInstant(entry.updated_at) }));
  keyed.sort((a, b) => b.instant - a.instant); // a stable sort: ties keep the file's order
  return keyed.map(({ entry }) => entry);
}

/** What compare reports; `name`, `entries` and `metric_keys` as the legacy tool, `best` and `directions` added. */
export interface RegistryComparison {
  name: string;
  entries: RegistryEntry[];
  /** Every metric of the compared versions, sorted. */
  metric_keys: string[];
  /**
   * For each metric, the version with the best value (the first one, in the order asked, on a tie).
   * A null-prototype object, as `directions`: every key is a metric, `__proto__` included.
   */
  best: Record<string, string>;
  /** For each metric, whether higher or lower is better. */
  directions: Record<string, MetricDirection>;
}

/**
 * Compares versions of a model metric by metric, knowing for each metric whether lower or higher is
 * better: `directions` (from flags and config, merged by the caller), else the name rule (see
 * metricDirection).
 *
 * @throws UsageError (exit 2) when fewer than 2 distinct versions are named; InputError (exit 2) for an
 *   unknown version.
 */
export function compareRegistryVersions(
  entries: readonly RegistryEntry[],
  input: {
    name: string;
    versions: readonly string[];
    directions?: ReadonlyMap<string, MetricDirection>;
  },
): RegistryComparison {
  const versions = [...new Set(input.versions)];
  if (versions.length < 2) {
    throw new UsageError(`need at least 2 versions to compare, got ${versions.length}`, {
      field: 'versions',
    });
  }
  const compared = versions.map((version) => entries[findRegistryIndex(entries, input.name, version)]!);
  const metricKeys = [...new Set(compared.flatMap((entry) => Object.keys(entry.metrics)))].sort();
  // Null-prototype objects: a metric named "__proto__" is a key like any other (on a plain object,
  // assigning it would set the prototype instead), and "constructor" or "toString" are not inherited.
  const best: Record<string, string> = Object.create(null);
  const directions: Record<string, MetricDirection> = Object.create(null);
  for (const metric of metricKeys) {
    const direction = metricDirection(metric, input.directions);
    directions[metric] = direction;
    let bestEntry: RegistryEntry | undefined;
    for (const entry of compared) {
      if (!Object.hasOwn(entry.metrics, metric)) continue;
      const value = entry.metrics[metric]!;
      const bestValue = bestEntry?.metrics[metric];
      if (bestValue === undefined || (direction === 'higher' ? value > bestValue : value < bestValue))
        bestEntry = entry;
    }
    if (bestEntry) best[metric] = bestEntry.version;
  }
  return { name: input.name, entries: compared, metric_keys: metricKeys, best, directions };
}

/** One line of the history: an event with the name and version of its entry. */
export interface RegistryHistoryRecord {
  time: string;
  action: RegistryAction;
  name: string;
  version: string;
  from_stage: RegistryStage | null;
  to_stage: RegistryStage;
  actor: string;
  reason: string;
  /** The alias, for alias-set and alias-remove; null otherwise. */
  alias: string | null;
}

/** Every recorded event in the order it was written (see orderedEvents), optionally for one model or one version. */
export function registryHistory(
  entries: readonly RegistryEntry[],
  filter: { name?: string; version?: string } = {},
): RegistryHistoryRecord[] {
  const chosen = entries.filter(
    (entry) =>
      (filter.name === undefined || entry.name === filter.name) &&
      (filter.version === undefined || entry.version === filter.version),
  );
  return orderedEvents(chosen).map(({ entry, event }) => ({
    time: event.time,
    action: event.action,
    name: entry.name,
    version: entry.version,
    from_stage: event.from_stage,
    to_stage: event.to_stage,
    actor: event.actor,
    reason: event.reason,
    alias: event.alias ?? null,
  }));
}
