import { UsageError } from '../errors.js';
import type {
  DriftColumnConfig,
  DriftConfig,
  DriftCorrection,
  PlannedTest,
  TestCombination,
} from './config.js';
import type { FeatureKind } from './feature.js';
import type { DriftMethod } from './method.js';
import { DRIFT_METHODS, type DriftMethodChoice } from './method-registry.js';

/**
 * The first step of a drift check: what to compare and how, from the request (the command line) over
 * the config file, resolved once. {@link resolveDriftSettings} needs no file; {@link planColumns}
 * then needs the reference's header. Both are pure.
 */

/** The method of a column that neither the request nor the config sets. */
export const DEFAULT_DRIFT_METHOD = 'legacy' satisfies DriftMethodChoice;

/** The alert fires when more than this share of the columns drifted, unless set otherwise. */
export const DEFAULT_DRIFT_SHARE = 0.3;

/** The settings of a drift check given by the caller, each of which the config file may also give. */
export interface DriftSettingsRequest {
  /**
   * Several tests for every column (each with its threshold), instead of one method; not with
   * `method` or `threshold`. The report then lists each test's score and verdict per column.
   */
  tests?: readonly PlannedTest[];
  /** How a column's tests combine; default `any`. */
  combine?: TestCombination;
  /** Columns to compare, in this order; default every reference column. */
  columns?: readonly string[];
  /** Threshold for every column (default: the method's own). */
  threshold?: number;
  /** Method for every column; default {@link DEFAULT_DRIFT_METHOD}. */
  method?: DriftMethodChoice;
  correction?: DriftCorrection;
  /** The alert fires when more than this share of the columns drifted; default {@link DEFAULT_DRIFT_SHARE}. */
  driftShare?: number;
  /** Columns forced to one kind, overriding the inference and the config. */
  categorical?: readonly string[];
  numeric?: readonly string[];
  config?: DriftConfig;
}

/** A check's settings, resolved: the request's where given, else the config's, else the defaults. */
export interface DriftSettings {
  /** The method for every column without its own: the first of `tests` when several are given. */
  readonly method: DriftMethodChoice;
  /** The tests for every column without its own; one (method, threshold) unless several are given. */
  readonly tests: readonly PlannedTest[];
  readonly combine: TestCombination;
  /** Whether the report lists each column's tests (when several were asked for anywhere). */
  readonly listTests: boolean;
  /** The threshold for every column without its own, when one is given. */
  readonly threshold?: number;
  readonly correction: DriftCorrection;
  readonly driftShare: number;
  /** The threshold the report states for every column, or null when columns may differ. */
  readonly reportThreshold: number | null;
  /** The columns asked for, in order; undefined for every reference column. */
  readonly columns?: readonly string[];
  readonly categorical: readonly string[];
  readonly numeric: readonly string[];
  /** Columns the config leaves out (its `ignore` list and columns with `ignore: true`). */
  readonly ignored: ReadonlySet<string>;
  /** Each column's own settings from the config, by name (names are data: a Map). */
  readonly perColumn: ReadonlyMap<string, DriftColumnConfig>;
  /** Columns compared as categories whatever they hold, whose text the read must keep. */
  readonly keepText: ReadonlySet<string>;
  /** Names checked against the reference's header, with the field that gave them (for errors). */
  readonly named: readonly { field: string; names: readonly string[] }[];
}

/**
 * Resolves the settings once: the request wins over the config's top level, a column's own config
 * over both (see {@link planColumns}).
 *
 * @example resolveDriftSettings({}).driftShare // => 0.3
 */
export function resolveDriftSettings(request: DriftSettingsRequest): DriftSettings {
  const config = request.config ?? {};
  const perColumn: ReadonlyMap<string, DriftColumnConfig> = config.columns ?? new Map();
  if (request.tests !== undefined && (request.method !== undefined || request.threshold !== undefined))
    throw new UsageError(
      'several tests for every column and one method or threshold for every column exclude each other',
      {
        field: 'tests',
        hint: 'give each test its threshold as name:threshold',
      },
    );
  if (request.threshold !== undefined && request.method === undefined && config.tests !== undefined)
    throw new UsageError("one threshold for every column does not fit the config's several tests", {
      field: 'threshold',
      hint: 'give each test of the config its threshold',
    });
  // The request's tests, or its method or threshold, win over whatever the config's top level sets.
  const fromRequest =
    request.tests !== undefined || request.method !== undefined || request.threshold !== undefined;
  const configTests = fromRequest ? undefined : config.tests;
  const method =
    request.tests?.[0]?.method ??
    request.method ??
    configTests?.[0]?.method ??
    config.method ??
    DEFAULT_DRIFT_METHOD;
  const threshold =
    request.tests !== undefined || configTests !== undefined
      ? undefined
      : (request.threshold ?? config.threshold);
  const tests = request.tests ??
    configTests ?? [{ method, ...(threshold === undefined ? {} : { threshold }) }];
  const listTests =
    request.tests !== undefined ||
    config.tests !== undefined ||
    [...perColumn.values()].some((column) => column.tests !== undefined);
  const ownSettings =
    tests.length > 1 ||
    [...perColumn.values()].some(
      (column) => column.method !== undefined || column.threshold !== undefined || column.tests !== undefined,
    );
  const single = ownSettings ? undefined : tests[0]!;
  const reportThreshold =
    single === undefined
      ? null
      : (single.threshold ??
        (single.method === 'auto' ? null : DRIFT_METHODS[single.method].defaultThreshold));
  const ignored = new Set(config.ignore ?? []);
  for (const [name, settings] of perColumn) if (settings.ignore) ignored.add(name);
  const categorical = request.categorical ?? [];
  const keepText = new Set(categorical);
  for (const [name, settings] of perColumn) if (settings.kind === 'categorical') keepText.add(name);
  return {
    method,
    tests,
    combine: request.combine ?? config.combine ?? 'any',
    listTests,
    ...(threshold === undefined ? {} : { threshold }),
    correction: request.correction ?? config.correction ?? 'none',
    driftShare: request.driftShare ?? config.drift_share ?? DEFAULT_DRIFT_SHARE,
    reportThreshold,
    ...(request.columns === undefined ? {} : { columns: request.columns }),
    categorical,
    numeric: request.numeric ?? [],
    ignored,
    perColumn,
    keepText,
    named: [
      { field: 'columns', names: request.columns ?? [] },
      { field: 'categorical', names: categorical },
      { field: 'numeric', names: request.numeric ?? [] },
      { field: 'config.ignore', names: config.ignore ?? [] },
      { field: 'config.columns', names: [...perColumn.keys()] },
    ],
  };
}

/**
 * Whether a test of the check may need a numeric column's values sorted: then the reader sorts them,
 * in its threads, as it reads. When every method that scores numbers says `anyOrder` (the default,
 * legacy, does), the values stay in file order and nothing is sorted: the KS gaps and the legacy PSI
 * come from linear passes (DriftFeature.ksGaps). `auto` may choose any method, so it sorts.
 */
export function needsSortedNumbers(settings: DriftSettings): boolean {
  const methods: DriftMethodChoice[] = [settings.method, ...settings.tests.map((test) => test.method)];
  for (const column of settings.perColumn.values()) {
    if (column.method !== undefined) methods.push(column.method);
    for (const test of column.tests ?? []) methods.push(test.method);
  }
  return methods.some((name) => {
    if (name === 'auto') return true;
    const method: DriftMethod = DRIFT_METHODS[name];
    return method.featureKinds.includes('numeric') && method.anyOrder !== true;
  });
}

/** One column to compare: its name, its kind when forced, and its tests (one, usually). */
export interface ColumnPlan {
  readonly name: string;
  /** Set by a flag or the config; otherwise inferred from the reference's data when read. */
  readonly kind?: FeatureKind;
  /** At least one; the first gives the report's legacy fields (`drift_score`, `method`, `threshold`). */
  readonly tests: readonly PlannedTest[];
  readonly combine: TestCombination;
  /**
   * True when the tests are the check's several tests for every column: those whose method does not
   * fit the column's kind (ks_stat on a categorical column) are then left out for it. A column's own
   * tests, and one method for every column, must fit.
   */
  readonly fittingOnly?: boolean;
}

/**
 * A column's tests: its own list; else its own method and threshold (each falling back to the
 * check's); else the check's tests.
 *
 * @throws UsageError for a column threshold alone when the check has several tests.
 */
function columnTests(name: string, own: DriftColumnConfig, settings: DriftSettings): readonly PlannedTest[] {
  if (own.tests !== undefined) return own.tests;
  if (own.method === undefined && own.threshold === undefined) return settings.tests;
  if (own.method === undefined && settings.tests.length > 1)
    throw new UsageError(`column "${name}" has a threshold but no method, and several tests apply to it`, {
      field: 'config.columns',
      hint: 'give the column its method, or its own tests',
    });
  const threshold = own.threshold ?? settings.threshold;
  return [{ method: own.method ?? settings.method, ...(threshold === undefined ? {} : { threshold }) }];
}

/**
 * The columns to compare, each with its settings, from the reference's header. Every name the
 * settings give must be a column of the reference.
 *
 * @throws UsageError, with the field at fault, for a name the header lacks, a column asked for twice,
 *   a column forced to both kinds, or no column left to compare.
 */
export function planColumns(
  settings: DriftSettings,
  header: readonly string[],
  referenceName: string,
): ColumnPlan[] {
  const inHeader = new Set(header);
  for (const { field, names } of settings.named) {
    const missing = names.find((name) => !inHeader.has(name));
    if (missing !== undefined) {
      // `a,b` where a and b are columns: the list was written comma-separated where names go apart.
      const parts = missing.split(',');
      const apart =
        field === 'columns' && parts.length > 1 && parts.every((part) => inHeader.has(part))
          ? { fieldHint: ['give the names apart, space-separated: ', { field }, ` ${parts.join(' ')}`] }
          : {};
      throw new UsageError(`no column "${missing}" in ${referenceName}`, {
        field,
        hint: `its columns are ${header.map((column) => `"${column}"`).join(', ')}`,
        ...apart,
      });
    }
    if (field === 'columns') {
      const repeated = names.find((name, index) => names.indexOf(name) !== index);
      if (repeated !== undefined) throw new UsageError(`"${repeated}" is given twice`, { field });
    }
  }
  const numeric = new Set(settings.numeric);
  const both = settings.categorical.find((name) => numeric.has(name));
  if (both !== undefined)
    throw new UsageError(`column "${both}" is also given as categorical`, { field: 'numeric' });
  const categorical = new Set(settings.categorical);
  const names = (settings.columns ?? header).filter((name) => !settings.ignored.has(name));
  if (names.length === 0)
    throw new UsageError('no columns left to compare', {
      hint: 'check the columns asked for and the ignore list',
    });
  return names.map((name) => {
    const own = settings.perColumn.get(name) ?? {};
    const kind: FeatureKind | undefined = categorical.has(name)
      ? 'categorical'
      : numeric.has(name)
        ? 'numeric'
        : own.kind;
    const tests = columnTests(name, own, settings);
    return {
      name,
      ...(kind === undefined ? {} : { kind }),
      tests,
      combine: own.combine ?? settings.combine,
      ...(tests === settings.tests && tests.length > 1 ? { fittingOnly: true } : {}),
    };
  });
}
