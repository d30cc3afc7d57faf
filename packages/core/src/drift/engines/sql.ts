import type { ValueClass } from '../../csv/columns.js';
import type { LegacyBinning } from '../../stats/index.js';

/**
 * The SQL of the legacy check (DuckDB's dialect): how each cell is classified as the built-in readers
 * classify it (csv/columns.ts, table/values.ts), and the aggregates the legacy statistics need. Each
 * query reads the table `drift_cells(side, kind, value, key)`: side 0 reference, 1 current; kind 0
 * missing, 1 finite number, 2 text, 3 a number in non-ASCII digits (refused); value the number (−0
 * as 0); key the text a category is counted under.
 */

/** A SQL string literal. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A SQL identifier, quoted. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A double as an exact SQL expression: the shortest decimal that reads back to it, cast. */
export const sqlDouble = (value: number): string => `CAST(${sqlString(String(value))} AS DOUBLE)`;

/** How a column of an engine type is read: its cells' classification, and its type as the report names it. */
export interface SqlColumnType {
  /** As the built-in reader names it (`int64`, `string`); none for CSV. */
  readonly type?: string;
  readonly valueClass?: ValueClass;
  /** How its cells are classified. */
  readonly read: 'cell' | 'integer' | 'float' | 'decimal' | 'boolean';
  /** The category text of a key the engine returns. */
  keyText(key: unknown): string;
  /** Why the SQL engine does not read it, when it does not. */
  readonly refusal?: string;
}

const INTEGER_TYPES: Record<string, string> = {
  TINYINT: 'int8',
  SMALLINT: 'int16',
  INTEGER: 'int32',
  BIGINT: 'int64',
  UTINYINT: 'uint8',
  USMALLINT: 'uint16',
  UINTEGER: 'uint32',
  UBIGINT: 'uint64',
};

const asText = (key: unknown): string => String(key);
/** A double's category text is JavaScript's shortest (`7` for 7.0), as table/values.ts keeps it. */
const asNumberText = (key: unknown): string => String(Number(key));

/** How a column of this engine type (DESCRIBE's `column_type`) is read. */
export function typedColumn(format: 'csv' | 'parquet', engineType: string): SqlColumnType {
  if (format === 'csv') return { read: 'cell', keyText: asText };
  if (engineType === 'VARCHAR') return { type: 'string', valueClass: 'text', read: 'cell', keyText: asText };
  if (engineType === 'BOOLEAN')
    return { type: 'boolean', valueClass: 'boolean', read: 'boolean', keyText: asText };
  if (engineType in INTEGER_TYPES)
    return { type: INTEGER_TYPES[engineType]!, valueClass: 'number', read: 'integer', keyText: asText };
  if (engineType === 'FLOAT' || engineType === 'DOUBLE')
    return {
      type: engineType === 'FLOAT' ? 'float' : 'double',
      valueClass: 'number',
      read: 'float',
      keyText: asNumberText,
    };
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(engineType);
  if (decimal !== null)
    return {
      type: `decimal(${decimal[1]},${decimal[2]})`,
      valueClass: 'number',
      read: 'decimal',
      keyText: asNumberText,
    };
  return {
    type: engineType.toLowerCase(),
    read: 'cell',
    keyText: asText,
    refusal: `a column of type ${engineType.toLowerCase()} is not read by the SQL engine`,
  };
}

/** One side's column, as a source of cells. */
export interface CellSource {
  readonly side: 0 | 1;
  readonly table: string;
  readonly column: string;
  readonly type: SqlColumnType;
}

/** Python's `str.strip()` white space (csv/python-float.ts), as a SQL expression of those characters. */
const PYTHON_SPACE = [
  9,
  10,
  11,
  12,
  13,
  0x1c,
  0x1d,
  0x1e,
  0x1f,
  32,
  0x85,
  0xa0,
  0x1680,
  ...range(0x2000, 0x200a),
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  0x3000,
];
/** What `float()` ignores around a number: the same but for \x1c–\x1f. */
const FLOAT_SPACE = PYTHON_SPACE.filter((code) => code < 0x1c || code > 0x1f);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const characters = (codes: readonly number[]) => codes.map((code) => `chr(${code})`).join(' || ');
/** Python's `float()` decimal syntax (digits with single underscores), as in csv/python-float.ts. */
const DIGITS = '[0-9](?:_?[0-9])*';
const DECIMAL = String.raw`[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?`;
const SPECIAL = '[+-]?(?:inf|infinity|nan)';

/** The cells of one source, classified: `side, kind, value, key`. */
function sourceCells(source: CellSource, naValues: readonly string[]): string {
  const column = quoteIdentifier(source.column);
  const from = `FROM ${source.table}`;
  switch (source.type.read) {
    case 'integer':
    case 'float':
    case 'decimal': {
      const number =
        source.type.read === 'decimal'
          ? `CAST(CAST(${column} AS VARCHAR) AS DOUBLE)`
          : `CAST(${column} AS DOUBLE)`;
      return (
        `SELECT ${source.side} AS side, CASE WHEN number IS NULL OR NOT isfinite(number) THEN 0 ELSE 1 END AS kind, ` +
        `CASE WHEN isfinite(number) THEN number + CAST(0 AS DOUBLE) END AS value, ` +
        `CASE WHEN isfinite(number) THEN CAST(${source.type.read === 'integer' ? column : 'number'} AS VARCHAR) END AS key ` +
        `FROM (SELECT ${number} AS number, ${column} ${from})`
      );
    }
    case 'boolean':
      return (
        `SELECT ${source.side} AS side, CASE WHEN ${column} IS NULL THEN 0 ELSE 2 END AS kind, ` +
        `CAST(NULL AS DOUBLE) AS value, CASE WHEN ${column} THEN 'true' WHEN NOT ${column} THEN 'false' END AS key ${from}`
      );
    case 'cell': {
      const markers = naValues.length === 0 ? '' : ` OR stripped IN (${naValues.map(sqlString).join(', ')})`;
      const classified =
        `SELECT cell, number, CASE WHEN stripped = ''${markers} THEN 0 ` +
        `WHEN regexp_full_match(body, ${sqlString(DECIMAL)}) THEN CASE WHEN isfinite(number) THEN 1 ELSE 0 END ` +
        `WHEN regexp_full_match(body, ${sqlString(SPECIAL)}, 'i') THEN 0 ` +
        `WHEN regexp_matches(regexp_replace(body, '[0-9]', '', 'g'), '\\p{Nd}') THEN 3 ` +
        `ELSE 2 END AS kind FROM (` +
        `SELECT cell, stripped, body, TRY_CAST(replace(body, '_', '') AS DOUBLE) AS number FROM (` +
        `SELECT ${column} AS cell, trim(coalesce(${column}, ''), ${characters(PYTHON_SPACE)}) AS stripped, ` +
        `trim(coalesce(${column}, ''), ${characters(FLOAT_SPACE)}) AS body ${from}))`;
      return (
        `SELECT ${source.side} AS side, kind, CASE WHEN kind = 1 THEN number + CAST(0 AS DOUBLE) END AS value, ` +
        `CASE WHEN kind <> 0 THEN cell END AS key FROM (${classified})`
      );
    }
  }
}

/** `drift_cells` of a column: both sources' cells. */
export function cellsSelect(sources: readonly CellSource[], naValues: readonly string[]): string {
  return sources.map((source) => sourceCells(source, naValues)).join(' UNION ALL ');
}

/**
 * Per side and binary exponent e of the nonzero numbers (value = ±M · 2^(e − 52), e ≥ −1022): Σ ±M and
 * the sums of the squares of M's halves (see exact-moments.ts). log2 gives e to within one; the
 * comparisons with powers of two correct it.
 */
export function exponentSumsSql(table: string): string {
  return (
    `WITH magnitudes AS (SELECT side, value, abs(value) AS a, CAST(floor(log2(abs(value))) AS INTEGER) AS e0 ` +
    `FROM ${table} WHERE kind = 1 AND value <> 0), ` +
    `exponents AS (SELECT side, value, a, greatest(e0 - CAST(pow(2.0, e0) > a AS INTEGER) + CAST(pow(2.0, e0 + 1) <= a AS INTEGER), -1022) AS exponent FROM magnitudes), ` +
    `mantissas AS (SELECT side, exponent, CAST(a / pow(2.0, exponent - 52) AS BIGINT) AS m, CASE WHEN value < 0 THEN -1 ELSE 1 END AS s FROM exponents) ` +
    `SELECT side, exponent, sum(s * m) AS mantissa_sum, sum((m >> 26) * (m >> 26)) AS high_squares, ` +
    `sum((m >> 26) * (m & 67108863)) AS cross_products, sum((m & 67108863) * (m & 67108863)) AS low_squares ` +
    `FROM mantissas GROUP BY side, exponent`
  );
}

/** Counts per side and legacy PSI bin: min(⌊(v · scale − low) / step⌋, 9), as legacyPsi bins. */
export function legacyBinCountsSql(table: string, binning: LegacyBinning): string {
  return (
    `SELECT side, CAST(least(floor((value * ${sqlDouble(binning.scale)} - ${sqlDouble(binning.low)}) / ${sqlDouble(binning.step)}), 9) AS INTEGER) AS bin, ` +
    `count(*) AS n FROM ${table} WHERE kind = 1 GROUP BY ALL`
  );
}

/**
 * The KS gaps (ksLargestGaps) over the distinct values: cumulative counts by a window ordered by
 * value; the largest |i·m − j·n| in 128-bit integers, and the largest and smallest i/n − j/m in doubles.
 */
export function ksGapsSql(table: string, referenceCount: number, currentCount: number): string {
  const window = 'OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
  const difference = `CAST(cr AS DOUBLE) / CAST(${referenceCount} AS DOUBLE) - CAST(cc AS DOUBLE) / CAST(${currentCount} AS DOUBLE)`;
  return (
    `WITH grouped AS (SELECT value AS v, count(*) FILTER (WHERE side = 0) AS r, count(*) FILTER (WHERE side = 1) AS c ` +
    `FROM ${table} WHERE kind = 1 GROUP BY value), ` +
    `cumulative AS (SELECT sum(r) ${window} AS cr, sum(c) ${window} AS cc FROM grouped) ` +
    `SELECT max(abs(cr * ${currentCount} - cc * ${referenceCount})) AS gap, max(${difference}) AS above, min(${difference}) AS below FROM cumulative`
  );
}
