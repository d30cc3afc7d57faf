import type { ColumnMetaData, Compressors, DecodedArray, ParquetParsers, SchemaElement } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';
import type { ScratchBytes } from './snappy.js';

/** How hyparquet's page decoders see a column (its type is not exported by name). */
type ColumnDecoder = Parameters<typeof readPage>[2];

/**
 * A flat column chunk's page as decoded: its present values in order, converted (dates as seconds),
 * or, for a dictionary-encoded page, the dictionary (converted) and each present value's index into
 * it; and how many of its rows were null.
 */
export type FlatPage =
  | { readonly values: DecodedArray; readonly indices?: undefined; readonly nulls: number }
  | { readonly indices: Int32Array; readonly dictionary: DecodedArray; readonly nulls: number };

/**
 * The byte range of a column chunk in its file: from its dictionary page when it has one (some
 * writers leave `dictionary_page_offset` out and start the chunk at `data_page_offset` anyway).
 */
export function chunkRange(meta: ColumnMetaData): { start: number; end: number } {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  return { start, end: start + Number(meta.total_compressed_size) };
}

/**
 * Decodes one column chunk of a flat (top-level, not repeated) column page by page, with hyparquet's
 * page decoders (headers, decompression, levels, encodings, dictionaries) but without its record
 * assembly: a flat column needs no Dremel assembly, and hyparquet's builds a boxed JavaScript array
 * of every value, with a synthesized definition level each, for every OPTIONAL column (what DuckDB,
 * Spark and pandas write), which was about half the time of reading such a file. Here a page's
 * values stay the typed array the decoder gives, and its nulls are counted: a flat column's nulls are
 * its rows without a value, and where in the page they sit does not matter to a per-column statistic.
 *
 * The values of a page are valid until the next page is taken: `bytes`, and the pages the
 * compressors decode, may be memory reused from page to page (see ScratchBytes); a dictionary is
 * copied out of it. `aligned` is where values that do not start on an 8-byte boundary are moved to,
 * so that hyparquet reads them in place rather than copying them into new memory.
 *
 * @throws Error for a chunk that ends before `rows` rows, or a page type it cannot hold; the caller
 *   names the file.
 */
export function* flatChunkPages(
  bytes: Uint8Array,
  rows: number,
  column: {
    element: SchemaElement;
    schemaPath: ColumnDecoder['schemaPath'];
    meta: ColumnMetaData;
    parsers: Partial<ParquetParsers>;
    compressors: Compressors;
    aligned?: ScratchBytes;
    indices?: ScratchBytes;
  },
): Generator<FlatPage> {
  const decoder: ColumnDecoder = {
    pathInSchema: column.meta.path_in_schema,
    type: column.meta.type,
    element: column.element,
    schemaPath: column.schemaPath,
    codec: column.meta.codec,
    parsers: { ...DEFAULT_PARSERS, ...column.parsers },
    compressors: column.compressors,
    utf8: false,
  };
  // A flat column is REQUIRED (no levels) or OPTIONAL (a definition level of one bit per row).
  const last = column.schemaPath.at(-1)!;
  const optional = last.element.repetition_type === 'OPTIONAL' && column.schemaPath.length === 2;
  const required: ColumnDecoder = {
    ...decoder,
    schemaPath: [
      ...column.schemaPath.slice(0, -1),
      { ...last, element: { ...last.element, repetition_type: 'REQUIRED' } },
    ],
  };
  // A column with no levels at all (REQUIRED, not nested): its pages are values from their start.
  const levelFree =
    getMaxDefinitionLevel(column.schemaPath) === 0 && getMaxRepetitionLevel(column.schemaPath) === 0;
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const aligned = (values: Uint8Array): Uint8Array => {
    if (values.byteOffset % 8 === 0 || column.aligned === undefined) return values;
    const copy = column.aligned.take(values.length);
    copy.set(values);
    return copy;
  };
  let dictionary: DecodedArray | undefined;
  let seen = 0;
  while (seen < rows) {
    if (reader.offset >= bytes.byteLength)
      throw new Error(`the column chunk ends after ${seen} of its ${rows} rows`);
    const header = parquetHeader(reader);
    const size = header.compressed_page_size;
    if (size < 0 || reader.offset + size > bytes.byteLength)
      throw new Error(`a page of ${size} bytes runs past the end of its column chunk`);
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, header, decoder, undefined, undefined, 0);
      // Kept for the chunk's data pages: copied out of memory the next page reuses.
      if (data !== undefined) {
        const values = convert(data, decoder);
        dictionary = ArrayBuffer.isView(values) ? values.slice() : values;
      }
      continue;
    }
    const compressed = bytes.subarray(reader.offset, reader.offset + size);
    reader.offset += size;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header;
      if (daph === undefined) throw new Error('a data page has no data page header');
      const page = decompressPage(
        compressed,
        header.uncompressed_page_size,
        decoder.codec,
        decoder.compressors,
      );
      // Where the page's values start and how many there are: after the definition levels of an
      // OPTIONAL column (one bit each: present or null; counted here, where hyparquet would expand
      // them into an array of one number per row), from the start of a REQUIRED one's (no levels).
      let start: number | undefined;
      let present = daph.num_values;
      if (optional && daph.definition_level_encoding === 'RLE') {
        const length =
          page.byteLength < 4 ? 0 : new DataView(page.buffer, page.byteOffset).getUint32(0, true);
        if (page.byteLength < 4 || 4 + length > page.byteLength)
          throw new Error('a data page ends inside its definition levels');
        present = countPresent(page, 4, 4 + length, daph.num_values);
        start = 4 + length;
      } else if (levelFree) start = 0;
      seen += daph.num_values;
      if (start !== undefined && dictionary !== undefined && daph.encoding.endsWith('_DICTIONARY')) {
        // Dictionary codes stay codes: the reader takes each dictionary entry once.
        const indices = dictionaryIndices(page.subarray(start), present, dictionary.length, column.indices);
        yield { indices, dictionary, nulls: daph.num_values - present };
        continue;
      }
      const dataPage =
        start === undefined
          ? readDataPage(aligned(page), daph, decoder).dataPage
          : readDataPage(aligned(page.subarray(start)), { ...daph, num_values: present }, required).dataPage;
      const values = convertWithDictionary(dataPage, dictionary, daph.encoding, decoder);
      yield checkedPage(values, daph.num_values);
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph2 = header.data_page_header_v2;
      if (daph2 === undefined) throw new Error('a data page has no data page header');
      const { dataPage } = readDataPageV2(compressed, header, decoder);
      const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, decoder);
      seen += daph2.num_values;
      yield checkedPage(values, daph2.num_values);
    }
    // Index pages, and any page type a later format version adds, carry no values: skipped.
  }
  if (seen !== rows) throw new Error(`the column chunk holds ${seen} values for its ${rows} rows`);
}

/**
 * The `count` dictionary indices of a page's values (a bit width in one byte, then the RLE/bit-packed
 * hybrid encoding), into `scratch` when given; each checked to fall inside the dictionary.
 */
export function dictionaryIndices(
  bytes: Uint8Array,
  count: number,
  entries: number,
  scratch: ScratchBytes | undefined,
): Int32Array {
  const indices =
    scratch === undefined ? new Int32Array(count) : new Int32Array(scratch.take(count * 4).buffer, 0, count);
  if (count === 0) return indices;
  if (bytes.length === 0) throw new Error('a data page ends before its dictionary indices');
  const width = bytes[0]!;
  if (width > 32) throw new Error(`a data page gives its dictionary indices a width of ${width} bits`);
  if (width === 0) indices.fill(0);
  else {
    const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 1 };
    readRleBitPackedHybrid(reader, width, indices, bytes.length - 1);
  }
  for (let index = 0; index < count; index++) {
    const value = indices[index]!;
    if (value < 0 || value >= entries)
      throw new Error(`a data page refers to entry ${value} of a dictionary of ${entries}`);
  }
  return indices;
}

/** A page's values and nulls, checked: a page cannot hold more values than its rows. */
function checkedPage(values: DecodedArray, rows: number): FlatPage {
  if (values.length > rows) throw new Error(`a page holds ${values.length} values for its ${rows} rows`);
  return { values, nulls: rows - values.length };
}

/**
 * How many of `count` one-bit definition levels are 1 (a value present), from their RLE/bit-packed
 * hybrid encoding in `bytes[start, end)` (the Parquet format's "RLE" level encoding): a run adds its
 * length when its value is 1, a bit-packed group its set bits (those past `count` in the last group
 * are padding).
 *
 * @example countPresent(Uint8Array.of(0x14, 0x01), 0, 2, 10) // => 10 (a run of ten 1s)
 * @example countPresent(Uint8Array.of(0x03, 0b00000101), 0, 2, 3) // => 2 (one group of 8, 3 counted)
 */
export function countPresent(bytes: Uint8Array, start: number, end: number, count: number): number {
  let offset = start;
  let seen = 0;
  let present = 0;
  while (seen < count) {
    let header = 0;
    let scale = 1;
    let byte: number;
    do {
      if (offset >= end) throw new Error('a data page ends inside its definition levels');
      byte = bytes[offset++]!;
      header += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80 && scale < 2 ** 35);
    const size = Math.floor(header / 2);
    if (header % 2 === 1) {
      // Bit-packed: `size` groups of 8 levels, one byte each at a width of 1.
      if (size === 0 || offset + size > end) throw new Error('a data page ends inside its definition levels');
      const levels = Math.min(size * 8, count - seen);
      for (let index = 0; index * 8 < levels; index += 1) {
        const left = levels - index * 8;
        const bits = left >= 8 ? bytes[offset + index]! : bytes[offset + index]! & ((1 << left) - 1);
        present += ONES[bits]!;
      }
      offset += size;
      seen += levels;
    } else {
      // A run: `size` copies of one level, in one byte at a width of 1.
      if (size === 0 || offset >= end)
        throw new Error('a data page has an empty or cut run of definition levels');
      const levels = Math.min(size, count - seen);
      const level = bytes[offset++]!;
      if (level > 1) throw new Error(`a definition level of ${level} in a column whose levels are 0 or 1`);
      present += level * levels;
      seen += levels;
    }
  }
  return present;
}

/** Set bits of each byte value. */
const ONES = Uint8Array.from({ length: 256 }, (_, value) => {
  let ones = 0;
  for (let bits = value; bits > 0; bits >>= 1) ones += bits & 1;
  return ones;
});
