import {
  type CliContext,
  displayWidth,
  layoutTable,
  padDisplay,
  tableColumns,
  wrapToWidth,
} from '@mlops/cli-kit';
import {
  escapeText,
  pythonFloatRepr,
  type RegistryComparison,
  type RegistryEntry,
  type RegistryHistoryRecord,
} from '@mlops/core';

/**
 * Text formatters. Layouts follow the legacy tool (fixed-width columns, left-aligned, padded with
 * spaces) so that people and scripts used to its output find the same thing.
 *
 * Every string from the registry file or the command line (names, versions, stages, timestamps,
 * metric and parameter names and values, tags, descriptions, actors, reasons, aliases) goes through
 * escapeText before it is printed or padded: a registry entry holding a line break, a terminal escape
 * or a `::` workflow command prints as escapes on its own row, and column widths count the escapes.
 */

/** A value from input, escaped for the terminal (see escapeText). */
const shown = escapeText;

/** `text` left-aligned in `width` display columns (Python's `f"{text:<width}"`: never cut). */
const pad = padDisplay;

/**
 * Column widths for a table: each column's legacy width, or its longest cell's display width when a
 * cell is longer (the legacy tool let such a cell push the rest of its row out of line).
 */
function columnWidths(legacy: readonly number[], rows: readonly (readonly string[])[]): number[] {
  return legacy.map((width, index) =>
    rows.reduce((widest, row) => Math.max(widest, displayWidth(row[index] ?? '')), width),
  );
}

/**
 * A number as the legacy (Python) tool printed it: shortest round-trip digits; exponent form below 1e-4
 * and from 1e16 (`1e-05`, `1.5e+16`), as Python's `repr(float)`.
 *
 * @example pythonNumber(0.00001) // => '1e-05'
 */
export function pythonNumber(value: number): string {
  // Integers as Python prints a JSON int (no `.0`); JSON holds no NaN or infinity, printed as JavaScript does.
  if ((Number.isInteger(value) && Math.abs(value) < 1e16) || !Number.isFinite(value)) return String(value);
  return pythonFloatRepr(value);
}

/** A parameter value, escaped: strings as they are, anything else as JSON. */
function parameterText(value: unknown): string {
  if (typeof value === 'string') return shown(value);
  if (typeof value === 'number') return pythonNumber(value);
  return shown(JSON.stringify(value) ?? String(value));
}

/**
 * A timestamp for text output, escaped: new (UTC) ones to the second, `2026-11-27T05:12:25Z`; legacy
 * ones as they are.
 */
export function displayTime(timestamp: string): string {
  return shown(timestamp.replace(/\.\d+Z$/, 'Z'));
}

/** `ndcg=0.41, rmse=0.93` (the legacy metrics column), names escaped. */
export function metricsText(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([metric, value]) => `${shown(metric)}=${pythonNumber(value)}`)
    .join(', ');
}

/** `name version`, escaped, as the one-line messages of the write commands show a version. */
export function versionText(entry: { name: string; version: string }): string {
  return `${shown(entry.name)} ${shown(entry.version)}`;
}

/**
 * The legacy list table: Name, Version, Stage, Updated, Metrics, each fixed column as wide as the
 * legacy one or its longest cell; on a terminal (`columns`), narrower fixed columns where the legacy
 * ones leave the metrics too little room, and the metrics cut to fit its width, or each entry stacked
 * on lines of its own where even that does not fit (see layoutTable).
 */
export function formatList(entries: readonly RegistryEntry[], columns?: number): string[] {
  const cells = entries.map((entry) => [
    shown(entry.name),
    shown(entry.version),
    shown(entry.stage),
    displayTime(entry.updated_at),
    metricsText(entry.metrics),
  ]);
  const table = layoutTable([['Name', 'Version', 'Stage', 'Updated', 'Metrics'], ...cells], {
    minWidths: [25, 10, 14, 20],
    columns,
    header: true,
  });
  if (table.stacked) return table.rows;
  const [head, ...rows] = table.rows;
  // The legacy rule is 90 wide under 73 columns of fixed fields; it grows and shrinks with them.
  return [head!, rule(90 + table.fixedWidth - 73, columns), ...rows];
}

/** A rule of dashes `width` wide, or the terminal's width when that is less. */
function rule(width: number, columns: number | undefined): string {
  return '-'.repeat(Math.min(width, columns ?? Number.POSITIVE_INFINITY));
}

/**
 * The compare table, in the legacy layout, with two fixes: the `*` sits right after the best value of
 * each metric (lowest or highest as the metric's direction says, ties all marked), and metric columns
 * line up with the version columns. The best value is also shown in green on a colour terminal.
 */
export function formatComparison(comparison: RegistryComparison, context: CliContext): string[] {
  const green = context.color.stdout.green;
  const columns = comparison.entries;
  const parameterKeys = [...new Set(columns.flatMap((entry) => Object.keys(entry.parameters)))].sort();
  // Every cell first, so that each version's column is as wide as its widest cell (at least the
  // legacy 18), and the names as wide as the longest metric or parameter name (at least 18).
  const metricCells = comparison.metric_keys.map((metric) => {
    const bestVersion = comparison.best[metric];
    const bestValue = columns.find((entry) => entry.version === bestVersion)?.metrics[metric];
    return columns.map((entry) => {
      if (!Object.hasOwn(entry.metrics, metric)) return { text: '-', best: false };
      const value = entry.metrics[metric]!;
      const best = value === bestValue;
      return { text: best ? `${pythonNumber(value)} *` : pythonNumber(value), best };
    });
  });
  const parameterCells = parameterKeys.map((key) =>
    columns.map((entry) =>
      Object.hasOwn(entry.parameters, key) ? parameterText(entry.parameters[key]) : '-',
    ),
  );
  const versions = columns.map((entry) => shown(entry.version));
  const stages = columns.map((entry) => shown(entry.stage));
  const times = columns.map((entry) => displayTime(entry.updated_at));
  const widths = columnWidths(
    columns.map(() => 18),
    [versions, stages, times, ...metricCells.map((row) => row.map((cell) => cell.text)), ...parameterCells],
  );
  const nameWidth = Math.max(
    18,
    ...[...comparison.metric_keys, ...parameterKeys].map((name) => displayWidth(shown(name))),
  );
  const lower = comparison.metric_keys.filter((metric) => comparison.directions[metric] === 'lower');
  const higher = comparison.metric_keys.filter((metric) => comparison.directions[metric] === 'higher');
  const directions = [
    higher.length > 0 ? `higher is better: ${higher.map(shown).join(', ')}` : '',
    lower.length > 0 ? `lower is better: ${lower.map(shown).join(', ')}` : '',
  ].filter((part) => part !== '');
  const legend = directions.length > 0 ? `  * = best (${directions.join('; ')})` : '  * = best';
  const terminal = tableColumns(context.stdout);
  const lines = [`Model Comparison: ${shown(comparison.name)}`, '='.repeat(60)];
  // On a terminal too narrow for every version, the versions in blocks that fit, one under the other.
  const blocks = versionBlocks(widths, nameWidth + 2, terminal);
  blocks.forEach((block, number) => {
    const pick = <T>(cells: readonly T[]) => block.map((index) => cells[index]!);
    const cellsText = (cells: readonly string[]) =>
      cells.map((cell, index) => pad(cell, widths[block[index]!]!)).join(' ');
    const row = (label: string, cells: readonly string[]) =>
      `${pad(label, nameWidth + 2)} ${cellsText(cells)}`;
    const header = row('Attribute', pick(versions));
    if (number > 0) lines.push('');
    lines.push(
      header,
      '-'.repeat(displayWidth(header)),
      row('stage', pick(stages)),
      row('updated_at', pick(times)),
    );
    lines.push('', 'Metrics:');
    comparison.metric_keys.forEach((metric, index) => {
      const cells = pick(metricCells[index]!).map(({ text, best }, column) => {
        const padded = pad(text, widths[block[column]!]!);
        return best ? green(padded) : padded;
      });
      lines.push(`  ${pad(shown(metric), nameWidth)} ${cells.join(' ')}`);
    });
    if (number === blocks.length - 1) lines.push(...wrapToWidth(legend, terminal, 4));
    lines.push('', parameterKeys.length > 0 ? 'Parameters:' : 'Parameters: (none)');
    parameterKeys.forEach((key, index) => {
      lines.push(`  ${pad(shown(key), nameWidth)} ${cellsText(pick(parameterCells[index]!))}`);
    });
  });
  return lines;
}

/**
 * The versions of a comparison in blocks whose rows fit `columns` (each row: the name column,
 * `nameColumn` wide, then each version's column and a space); every version in one block when
 * `columns` is undefined or they fit. A version wider than the room still gets a block of its own.
 *
 * @example versionBlocks([18, 18, 18, 18], 20, 80) // => [[0, 1, 2], [3]]
 */
export function versionBlocks(widths: readonly number[], nameColumn: number, columns?: number): number[][] {
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = nameColumn;
  widths.forEach((width, index) => {
    if (columns !== undefined && block.length > 0 && used + width + 1 > columns) {
      blocks.push(block);
      block = [];
      used = nameColumn;
    }
    block.push(index);
    used += width + 1;
  });
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** One entry, field by field, then its history. */
export function formatEntry(entry: RegistryEntry): string[] {
  const parameters = Object.entries(entry.parameters)
    .map(([key, value]) => `${shown(key)}=${parameterText(value)}`)
    .join(', ');
  const lines = [
    `Name:         ${shown(entry.name)}`,
    `Version:      ${shown(entry.version)}`,
    `Stage:        ${shown(entry.stage)}`,
    `Aliases:      ${(entry.aliases ?? []).map(shown).join(', ')}`,
    `Registered:   ${displayTime(entry.registered_at)}`,
    `Updated:      ${displayTime(entry.updated_at)}`,
    `Metrics:      ${metricsText(entry.metrics)}`,
    `Parameters:   ${parameters}`,
    `Tags:         ${entry.tags.map(shown).join(', ')}`,
    `Description:  ${shown(entry.description)}`,
    `Artifact:     ${shown(entry.artifact_path)}`,
    'History:',
  ];
  const history = entry.history ?? [];
  if (history.length === 0) lines.push('  (none recorded)');
  const table = layoutTable(
    history.map((event) => historyCells(event)),
    { minWidths: [20, 12, 26, 12] },
  );
  for (const row of table.rows) lines.push(`  ${row}`);
  return lines.map((line) => line.trimEnd());
}

/** The fields of a history row: an entry's own event, or a record of the registry-wide history. */
interface HistoryLineEvent {
  time: string;
  action: string;
  from_stage: string | null;
  to_stage: string;
  actor: string;
  reason: string;
  alias?: string | null | undefined;
}

/** The cells of a history row; every field of `event` raw from the file, `subject` (the Model column) already escaped. */
function historyCells(event: HistoryLineEvent, subject?: string): string[] {
  const alias = event.alias ?? null;
  const change =
    alias !== null
      ? `alias ${shown(alias)}`
      : `${shown(event.from_stage ?? '-')} -> ${shown(event.to_stage)}`;
  const cells = [displayTime(event.time), shown(event.action)];
  if (subject !== undefined) cells.push(subject);
  cells.push(change, shown(event.actor), shown(event.reason));
  return cells;
}

/**
 * The history table: Time, Action, Model, Change (stages, or the alias), Actor, Reason, in the legacy
 * widths or wider; on a terminal (`columns`), fitted to its width like the list (see layoutTable).
 */
export function formatHistory(records: readonly RegistryHistoryRecord[], columns?: number): string[] {
  if (records.length === 0) return ['No history recorded.'];
  const header = ['Time', 'Action', 'Model', 'Change', 'Actor', 'Reason'];
  const table = layoutTable([header, ...records.map((record) => historyCells(record, versionText(record)))], {
    minWidths: [20, 12, 24, 26, 12],
    columns,
    header: true,
  });
  if (table.stacked) return table.rows;
  const [head, ...rows] = table.rows;
  // The legacy rule is 110 wide under 99 columns of fixed fields.
  return [head!, rule(110 + table.fixedWidth - 99, columns), ...rows];
}
