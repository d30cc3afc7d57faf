import { type CsvColumn, CsvColumnBuilder, type CsvColumnTable } from '../csv/columns.js';
import type { ReadMemory } from '../csv/memory.js';
import { readMemoryFor } from '../csv/read.js';
import type { CsvTableRequest } from '../csv/table-request.js';
import { InputError } from '../errors.js';
import { escapeText } from '../text/escape.js';
import { type Dataset, type DatasetPart, fileBytes } from './dataset.js';
import type { InputFormat } from './format.js';
import type { PartColumn, PartOpener, TablePart } from './part.js';
import { TypedColumnSink } from './values.js';

/**
 * Reading a dataset in a typed format (Parquet, Arrow, JSON Lines) into the per-column storage every
 * reader produces (see csv/columns.ts): its part files one after the other, into one column builder
 * per column kept, so a dataset of many parts takes the memory of its columns, not of its files.
 * Each format only opens a part and feeds its values (see part.ts); what a value is, is decided in
 * values.ts, the same for every format.
 */

/** The type of a Hive partition column (its values are folder names: text, classified as CSV cells). */
const PARTITION_COLUMN_TYPE: Pick<PartColumn, 'type' | 'valueClass'> = {
  type: 'partition',
  valueClass: 'text',
};

/** A part's columns, and the partition keys as columns after them when asked for. */
function columnsWithPartitions(part: TablePart, source: DatasetPart, hive: boolean): PartColumn[] {
  const columns = [...part.columns];
  if (hive)
    for (const [key] of source.partitions)
      if (!columns.some((column) => column.name === key))
        columns.push({ name: key, ...PARTITION_COLUMN_TYPE });
  return columns;
}

/** Refuses a part whose column names repeat (Arrow allows it; a table cannot have them). */
function checkDistinct(columns: readonly PartColumn[], name: string): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name))
      throw new InputError(`duplicate column name "${escapeText(column.name)}"`, {
        file: name,
        hint: 'give every column a distinct name',
      });
    seen.add(column.name);
  }
}

/**
 * Refuses a part whose columns differ from the first part's, by name or by type. A column of type
 * `null` (no value at all: an all-null column, whose writer could not know its type) matches any
 * type; `resolved` (the types so far, by column) takes the first part's real type for such a column.
 */
function checkSameSchema(
  first: readonly PartColumn[],
  firstName: string,
  columns: readonly PartColumn[],
  name: string,
  resolved: Map<string, PartColumn & { readonly part: string }>,
): void {
  const types = new Map(columns.map((column) => [column.name, column.type]));
  for (const column of first) {
    const type = types.get(column.name);
    if (type === undefined)
      throw new InputError(`has no column "${escapeText(column.name)}", which ${escapeText(firstName)} has`, {
        file: name,
        hint: 'every part of a dataset must have the same columns',
      });
    const known = resolved.get(column.name)!;
    if (type === 'null') continue;
    if (known.type === 'null') {
      resolved.set(column.name, { ...columns.find((part) => part.name === column.name)!, part: name });
      continue;
    }
    if (type !== known.type)
      throw new InputError(
        `column "${escapeText(column.name)}" is ${escapeText(type)} here but ${escapeText(known.type)} in ${escapeText(known.part)}`,
        { file: name, hint: 'every part of a dataset must give a column the same type' },
      );
  }
  if (columns.length !== first.length) {
    const known = new Set(first.map((column) => column.name));
    const extra = columns.find((column) => !known.has(column.name))!;
    throw new InputError(`has a column "${escapeText(extra.name)}", which ${escapeText(firstName)} lacks`, {
      file: name,
      hint: 'every part of a dataset must have the same columns',
    });
  }
}

/** The readers of the typed formats, by format. */
export type PartOpeners = Readonly<Partial<Record<Exclude<InputFormat, 'csv'>, PartOpener>>>;

/**
 * Reads a dataset of a typed format as one table: the header and the column types from its first
 * part, which every other part must match (the same names and types, in any order); the values of
 * the columns in `request.only` (all by default) from every part, in part order. Hive partition keys
 * become columns after the file's own when `request.hivePartitioning` is set (text, classified as
 * CSV cells are). `progress` hears the bytes of the parts read so far and of all the parts, as the
 * read goes on (see TablePart's feed).
 *
 * @throws InputError for a part that cannot be read, differs from the first, or a dataset without rows;
 *   MemoryBudgetError when the read would hold more than `request.maxMemoryBytes`.
 */
export async function readTypedTable(
  dataset: Dataset,
  request: CsvTableRequest,
  open: PartOpener,
  memory: ReadMemory = readMemoryFor(request.file ?? dataset.parts[0]!.name, request),
  progress?: (bytesRead: number, totalBytes: number) => void,
): Promise<CsvColumnTable> {
  const file = request.file ?? dataset.parts[0]!.name;
  // Progress in the parts' bytes: the parts done, and the share the part being read reports.
  const sizes = progress === undefined ? [] : dataset.parts.map((part) => fileBytes(part.path));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  let partsBytes = 0;
  const naValues = request.naValues === undefined ? undefined : new Set(request.naValues);
  const hive = request.hivePartitioning === true;
  let header: PartColumn[] | undefined;
  let firstName = '';
  const resolved = new Map<string, PartColumn & { readonly part: string }>();
  let builders: Map<string, CsvColumnBuilder> = new Map();
  let rowCount = 0;
  for (const [index, source] of dataset.parts.entries()) {
    const part = await open(source.path, source.name);
    const partBytes = sizes[index] ?? 0;
    try {
      const columns = columnsWithPartitions(part, source, hive);
      checkDistinct(columns, source.name);
      if (header === undefined) {
        header = columns;
        firstName = source.name;
        for (const column of columns) resolved.set(column.name, { ...column, part: source.name });
        builders = new Map(
          columns
            .filter((column) => request.only === undefined || request.only.has(column.name))
            .map((column) => [
              column.name,
              new CsvColumnBuilder(
                column.name,
                request.keepText?.has(column.name) ?? false,
                naValues,
                memory,
              ),
            ]),
        );
      } else checkSameSchema(header, firstName, columns, source.name, resolved);
      const own = new Set(part.columns.map((column) => column.name));
      const sinks = new Map(
        [...builders]
          .filter(([name]) => own.has(name))
          .map(([name, builder]) => [name, new TypedColumnSink(builder)]),
      );
      await part.feed(
        sinks,
        memory,
        progress && ((share) => progress(partsBytes + Math.round(share * partBytes), totalBytes)),
      );
      if (hive)
        for (const [key, value] of source.partitions) {
          const builder = own.has(key) ? undefined : builders.get(key);
          if (builder !== undefined) for (let row = 0; row < part.rowCount; row += 1) builder.addCell(value);
        }
      rowCount += part.rowCount;
      memory.rows = rowCount;
      partsBytes += partBytes;
      progress?.(partsBytes, totalBytes);
    } finally {
      part.close();
    }
  }
  if (rowCount === 0)
    throw new InputError(dataset.isSet ? 'has no data rows in any part' : 'has no data rows', {
      file,
      hint: 'check the file is complete',
    });
  return {
    file,
    header: header!.map((column) => column.name),
    rowCount,
    columns: header!.map((column): CsvColumn => {
      const built = builders.get(column.name)?.finish() ?? new CsvColumnBuilder(column.name, false).finish();
      const { type, valueClass } = resolved.get(column.name)!;
      return { ...built, type, valueClass };
    }),
    delimiter: ',',
    delimiterDetected: false,
  };
}
