/**
 * The data formats a drift check reads, and which one a file is. This module imports nothing heavy:
 * the worker-thread entry and a bin's first lines load it.
 */

/** The formats: CSV (and TSV, gzipped or not), Apache Parquet, Arrow IPC (Feather v2), JSON Lines. */
export const INPUT_FORMATS = ['csv', 'parquet', 'arrow', 'jsonl'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** The file-name endings of each format other than CSV (CSV is the rest). */
export const FORMAT_EXTENSIONS: Readonly<Record<Exclude<InputFormat, 'csv'>, readonly string[]>> = {
  parquet: ['.parquet', '.parq', '.pq'],
  arrow: ['.arrow', '.arrows', '.feather', '.ipc'],
  jsonl: ['.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'],
};

/**
 * The format a file name implies: by its ending, case aside; CSV for any other name (`.csv`, `.tsv`,
 * their `.gz`, and names without an ending, such as a pipe).
 *
 * @example inputFormatForName('day=1/part-0.parquet') // => 'parquet'
 * @example inputFormatForName('events.ndjson.gz') // => 'jsonl'
 * @example inputFormatForName('ref.csv') // => 'csv'
 */
export function inputFormatForName(name: string): InputFormat {
  const lower = name.toLowerCase();
  for (const [format, endings] of Object.entries(FORMAT_EXTENSIONS))
    if (endings.some((ending) => lower.endsWith(ending))) return format as InputFormat;
  return 'csv';
}
