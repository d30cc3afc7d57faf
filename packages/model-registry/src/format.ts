import type { CliContext } from '@mlops/cli-kit';
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

/** `text` left-aligned in `width` columns (Python's `f"{text:<width}"`: never cut). */
function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
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

/** The legacy list table: Name, Version, Stage, Updated, Metrics. */
export function formatList(entries: readonly RegistryEntry[]): string[] {
  const row = (name: string, version: string, stage: string, updated: string, metrics: string) =>
    `${pad(name, 25)} ${pad(version, 10)} ${pad(stage, 14)} ${pad(updated, 20)} ${metrics}`;
  return [
    row('Name', 'Version', 'Stage', 'Updated', 'Metrics'),
    '-'.repeat(90),
    ...entries.map((entry) =>
      row(
        shown(entry.name),
        shown(entry.version),
        shown(entry.stage),
        displayTime(entry.updated_at),
        metricsText(entry.metrics),
      ),
    ),
  ];
}

/**
 * The compare table, in the legacy layout, with two fixes: the `*` sits right after the best value of
 * each metric (lowest or highest as the metric's direction says, ties all marked), and metric columns
 * line up with the version columns. The best value is also shown in green on a colour terminal.
 */
export function formatComparison(comparison: RegistryComparison, context: CliContext): string[] {
  const green = context.color.stdout.green;
  const columns = comparison.entries;
  const row = (label: string, cells: readonly string[]) =>
    `${pad(label, 20)} ${cells.map((cell) => pad(cell, 18)).join(' ')}`;
  const header = row(
    'Attribute',
    columns.map((entry) => shown(entry.version)),
  );
  const lines = [
    `Model Comparison: ${shown(comparison.name)}`,
    '='.repeat(60),
    header,
    '-'.repeat(header.length),
    row(
      'stage',
      columns.map((entry) => shown(entry.stage)),
    ),
    row(
      'updated_at',
      columns.map((entry) => displayTime(entry.updated_at)),
    ),
    '',
    'Metrics:',
  ];
  for (const metric of comparison.metric_keys) {
    const bestVersion = comparison.best[metric];
    const bestValue = columns.find((entry) => entry.version === bestVersion)?.metrics[metric];
    const cells = columns.map((entry) => {
      if (!Object.hasOwn(entry.metrics, metric)) return pad('-', 18);
      const value = entry.metrics[metric]!;
      const text = pythonNumber(value);
      return value === bestValue ? green(pad(`${text} *`, 18)) : pad(text, 18);
    });
    lines.push(`  ${pad(shown(metric), 18)} ${cells.join(' ')}`);
  }
  const lower = comparison.metric_keys.filter((metric) => comparison.directions[metric] === 'lower');
  const higher = comparison.metric_keys.filter((metric) => comparison.directions[metric] === 'higher');
  const directions = [
    higher.length > 0 ? `higher is better: ${higher.map(shown).join(', ')}` : '',
    lower.length > 0 ? `lower is better: ${lower.map(shown).join(', ')}` : '',
  ].filter((part) => part !== '');
  lines.push(directions.length > 0 ? `  * = best (${directions.join('; ')})` : '  * = best');
  const parameterKeys = [...new Set(columns.flatMap((entry) => Object.keys(entry.parameters)))].sort();
  lines.push('', parameterKeys.length > 0 ? 'Parameters:' : 'Parameters: (none)');
  for (const key of parameterKeys) {
    lines.push(
      `  ${pad(shown(key), 18)} ${columns.map((entry) => pad(Object.hasOwn(entry.parameters, key) ? parameterText(entry.parameters[key]) : '-', 18)).join(' ')}`,
    );
  }
  return lines;
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
  for (const event of history) {
    lines.push(`  ${historyLine(event)}`);
  }
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

/** One row of history; every field of `event` raw from the file, `subject` (the Model column) already escaped. */
function historyLine(event: HistoryLineEvent, subject = ''): string {
  const alias = event.alias ?? null;
  const change =
    alias !== null
      ? `alias ${shown(alias)}`
      : `${shown(event.from_stage ?? '-')} -> ${shown(event.to_stage)}`;
  const parts = [pad(displayTime(event.time), 20), pad(shown(event.action), 12)];
  if (subject) parts.push(pad(subject, 24));
  parts.push(pad(change, 26), pad(shown(event.actor), 12), shown(event.reason));
  return parts.join(' ').trimEnd();
}

/** The history table: Time, Action, Model, Change (stages, or the alias), Actor, Reason. */
export function formatHistory(records: readonly RegistryHistoryRecord[]): string[] {
  if (records.length === 0) return ['No history recorded.'];
  const header = [
    pad('Time', 20),
    pad('Action', 12),
    pad('Model', 24),
    pad('Change', 26),
    pad('Actor', 12),
    'Reason',
  ].join(' ');
  return [header, '-'.repeat(110), ...records.map((record) => historyLine(record, versionText(record)))];
}
