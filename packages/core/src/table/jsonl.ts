import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ReadMemory } from '../csv/memory.js';
import { readError } from '../csv/read.js';
import { InputError } from '../errors.js';
import { escapeText } from '../text/escape.js';
import type { PartColumn, TablePart, ValueClass } from './part.js';
import type { TypedColumnSink } from './values.js';

/**
 * JSON Lines part files (`.jsonl`, `.ndjson`, gzipped or not): one JSON object per line, blank lines
 * skipped. Each key is a column, in the order keys first appear in the file; a row without a key has
 * a missing value there. Values (see values.ts for what each becomes): `null` is missing; a number is
 * that number (JSON.parse reads the digits to the nearest double, ties to even, as Python's `float()`
 * reads the same digits, so an integer beyond 2^53 is rounded the same way); a string is a CSV cell
 * (`"1.5"` is a number, `""` and `"NA"` are missing); `true` and `false` are categories; an object or
 * an array makes the column of a type not compared (not read; the read goes on).
 *
 * A column's type comes from the values it holds in the file: `number`, `string`, `boolean`, `object`
 * or `array` when all its values are of that JSON type, `null` when it has none, and `mixed(…)` naming
 * the JSON types when it holds several. A mixed column of numbers, strings and booleans is read value
 * by value as above, so numbers and number text in one column give what the same cells give in CSV;
 * its value class is `text` (classified cell by cell, as a CSV column is).
 *
 * The file is read twice, streamed line by line both times (gunzipped as it is read): once at open for
 * the keys, their types and the row count (a part's columns must be known before its values), once for
 * the values of the columns asked for. Reading twice costs time, but memory stays one line plus the
 * columns' values; holding the parsed rows between the passes would cost several times the file.
 */

/**
 * The longest line read, in bytes: 64 MiB, the bound a CSV cell has (see csv/limits.ts). A line
 * becomes one JavaScript string, which V8 caps at about 512 MiB; a longer line is no table row.
 */
export const MAX_JSON_LINE_BYTES = 64 * 1024 * 1024;

/** A JSON Lines part reports its progress every this many lines. */
const PROGRESS_ROWS = 65_536;

/** What a line's parse holds beyond its bytes, per byte: its string (2 bytes a unit) and its values. */
const PARSED_BYTES_PER_BYTE = 4;

/** The JSON types a column holds. */
type JsonKind = 'number' | 'string' | 'boolean' | 'object' | 'array';

function jsonKind(value: unknown): JsonKind | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonKind;
}

/** A column's type and value class from the JSON types it holds. */
function columnType(kinds: ReadonlySet<JsonKind>): Pick<PartColumn, 'type' | 'valueClass'> {
  if (kinds.size === 0) return { type: 'null', valueClass: 'text' };
  const nested = kinds.has('object') || kinds.has('array');
  if (kinds.size === 1) {
    const [kind] = kinds as Set<JsonKind>;
    const valueClass: ValueClass = nested
      ? 'unsupported'
      : kind === 'number'
        ? 'number'
        : kind === 'boolean'
          ? 'boolean'
          : 'text';
    return { type: kind!, valueClass };
  }
  const order: JsonKind[] = ['number', 'string', 'boolean', 'object', 'array'];
  return {
    type: `mixed(${order.filter((kind) => kinds.has(kind)).join(',')})`,
    valueClass: nested ? 'unsupported' : 'text',
  };
}

/** Whether a key is an array index, which JavaScript lists before the other keys of an object. */
function isIndexKey(key: string): boolean {
  return /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/**
 * The keys of a valid JSON object's text, in the order they are written (JavaScript's own order puts
 * array-index keys such as `"7"` first), each once.
 */
function keysInTextOrder(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1) {
        let after = end + 1;
        while (/\s/.test(text[after] ?? '')) after += 1;
        if (text[after] === ':') {
          const key = JSON.parse(text.slice(index, end + 1)) as string;
          if (!keys.includes(key)) keys.push(key);
        }
      }
      index = end + 1;
      continue;
    }
    if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
    index += 1;
  }
  return keys;
}

/** Where the parser stopped, from its message (`… at position 12`), as a 1-based column. */
function errorColumn(error: unknown): number | undefined {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) + 1 : undefined;
}

const LINE_HINT = 'each line must hold one JSON object, e.g. {"age": 31, "city": "Oslo"}';

/** The JSON object on a line, or an InputError naming the line. */
function parseLine(text: string, name: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Unexpected/, 'unexpected') : '';
    throw new InputError(`line is not valid JSON: ${escapeText(detail)}`, {
      file: name,
      line,
      column: errorColumn(error),
      hint: LINE_HINT,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(
      `line holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not a JSON object`,
      { file: name, line, hint: LINE_HINT },
    );
  return value as Record<string, unknown>;
}

/** The bytes of a file, gunzipped when they start with the gzip magic number, as a stream. */
function openBytes(path: string, name: string): Readable {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(error, name);
  }
  const magic = new Uint8Array(2);
  let got: number;
  try {
    got = readSync(fd, magic, 0, 2, 0);
  } catch (error) {
    closeSync(fd);
    throw readError(error, name);
  }
  const source = createReadStream('', { fd, start: 0, highWaterMark: 1 << 20 });
  if (got < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) return source;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  source.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => source.destroy());
  return source.pipe(gunzip);
}

/**
 * Calls `onLine` with each non-blank line's text and 1-based number, streaming the file: holds one
 * read chunk and the line being gathered, charged to `memory`.
 *
 * @throws InputError for a line longer than `maxLineBytes`, not UTF-8, or a file that cannot be read
 *   or gunzipped; MemoryBudgetError past the read's memory.
 */
async function forEachLine(
  path: string,
  name: string,
  memory: ReadMemory,
  maxLineBytes: number,
  onLine: (text: string, line: number) => void,
): Promise<void> {
  const stream = openBytes(path, name);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  let first = true;
  const tooLong = () =>
    new InputError(`line longer than ${maxLineBytes / 1024 / 1024} MiB, the most a line may hold`, {
      file: name,
      line,
      hint: 'each line must hold one JSON object; check the file is JSON Lines',
    });
  const finishLine = (bytes: Buffer) => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end -= 1;
    let start = 0;
    if (first && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    first = false;
    const content = bytes.subarray(start, end);
    if (!isUtf8(content))
      throw new InputError('line is not valid UTF-8', {
        file: name,
        line,
        hint: 'JSON Lines files must be UTF-8; re-encode the file',
      });
    const held = content.length * PARSED_BYTES_PER_BYTE;
    memory.charge(held);
    const text = content.toString('utf8');
    if (text.trim() !== '') onLine(text, line);
    memory.release(held);
    line += 1;
  };
  let chunkHeld = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      memory.charge(chunk.length);
      chunkHeld = chunk.length;
      memory.bytesRead += chunk.length;
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, start);
        const end = newline === -1 ? chunk.length : newline;
        if (pendingBytes + end - start > maxLineBytes) throw tooLong();
        if (newline === -1) {
          if (end > start) {
            const piece = Buffer.from(chunk.subarray(start));
            memory.charge(piece.length);
            pending.push(piece);
            pendingBytes += piece.length;
          }
          break;
        }
        if (pendingBytes === 0) finishLine(chunk.subarray(start, end));
        else {
          memory.charge(pendingBytes + end - start);
          const joined = Buffer.concat([...pending, chunk.subarray(start, end)]);
          memory.release(pendingBytes);
          pending.length = 0;
          pendingBytes = 0;
          finishLine(joined);
          memory.release(joined.length);
        }
        start = newline + 1;
      }
      memory.release(chunkHeld);
      chunkHeld = 0;
    }
    if (pendingBytes > 0) {
      const joined = Buffer.concat(pending);
      pending.length = 0;
      finishLine(joined);
      memory.release(pendingBytes);
      pendingBytes = 0;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new InputError(`cannot gunzip: ${escapeText((error as Error).message)}`, {
        file: name,
        hint: 'check the file is complete',
      });
    throw readError(error, name);
  } finally {
    memory.release(chunkHeld + pendingBytes);
    stream.destroy();
  }
}

/** What the first pass learns of a column. */
interface KeyStats {
  readonly kinds: Set<JsonKind>;
}

/**
 * Opens a JSON Lines file (gzipped or not): reads it through once for its keys, their types and its
 * row count (see the module's comment).
 *
 * @throws InputError for a file that cannot be read, a line that is not a JSON object or not UTF-8,
 *   a line too long; MemoryBudgetError when a line would pass the read's memory.
 */
export async function openJsonLinesPart(
  path: string,
  name: string,
  maxLineBytes = MAX_JSON_LINE_BYTES,
): Promise<TablePart> {
  const keys = new Map<string, KeyStats>();
  let rowCount = 0;
  // The first pass holds one line at a time (at most maxLineBytes), counted but not charged to the
  // read's memory, which the driver gives to feed only.
  await forEachLine(path, name, new ReadMemory(name), maxLineBytes, (text, line) => {
    const row = parseLine(text, name, line);
    let fresh: string[] | undefined;
    for (const key of Object.keys(row)) {
      let stats = keys.get(key);
      if (stats === undefined) {
        stats = { kinds: new Set() };
        keys.set(key, stats);
        fresh ??= [];
        fresh.push(key);
      }
      const kind = jsonKind(row[key]);
      if (kind !== undefined) stats.kinds.add(kind);
    }
    // Keys first seen on this line (the last ones of the map), in the order the line writes them.
    if (fresh?.some(isIndexKey)) {
      const stats = new Map(fresh.map((key) => [key, keys.get(key)!]));
      for (const key of fresh) keys.delete(key);
      for (const key of keysInTextOrder(text)) if (stats.has(key)) keys.set(key, stats.get(key)!);
    }
    rowCount += 1;
  });
  const columns: PartColumn[] = [...keys].map(([key, stats]) => ({ name: key, ...columnType(stats.kinds) }));
  const readable = new Set(
    columns.filter((column) => column.valueClass !== 'unsupported').map((c) => c.name),
  );
  return {
    columns,
    rowCount,
    async feed(
      sinks: ReadonlyMap<string, TypedColumnSink>,
      memory: ReadMemory,
      progress?: (share: number) => void,
    ) {
      const wanted = [...sinks].filter(([key]) => readable.has(key));
      if (wanted.length === 0) return;
      let rows = 0;
      await forEachLine(path, name, memory, maxLineBytes, (text, line) => {
        const row = parseLine(text, name, line);
        for (const [key, sink] of wanted) {
          // Own keys only: `__proto__` is a key like any other (JSON.parse makes it an own property).
          const value = Object.hasOwn(row, key) ? row[key] : undefined;
          if (sink.addValue(value) === undefined)
            throw new InputError('changed while it was read', { file: name, line });
        }
        rows += 1;
        if (progress !== undefined && rows % PROGRESS_ROWS === 0) progress(Math.min(1, rows / rowCount));
      });
      if (rows !== rowCount) throw new InputError('changed while it was read', { file: name });
    },
    close() {},
  };
}
