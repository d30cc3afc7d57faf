import { InputError } from '../errors.js';
import { scanToRecord } from './locate.js';

/**
 * Finding the delimiter of a file whose header does not split on the expected one.
 *
 * A semicolon- or tab-separated file read with commas is one column holding whole lines: every
 * statistic on it is nonsense, and the verdict with it. So when no delimiter is given and the header
 * is a single field under the expected one (comma, or tab for `.tsv`), a header that splits on exactly
 * one of `;`, tab or `|` says which delimiter the file uses. A header that splits on more than one of
 * them is refused, with the choices.
 */

/** The delimiters a one-field header is checked for, in the order messages list them. */
export const DELIMITER_CANDIDATES: readonly string[] = [';', '\t', '|'];

/** How a delimiter is written in messages and as a flag value: `';'`, `tab`. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/** Fields of a header line split on `delimiter` with standard quoting (1 for an unclosed quote). */
function fieldCount(line: string, delimiter: string): number {
  return scanToRecord(line, delimiter, 0).record?.fieldStarts.length ?? 1;
}

/** The delimiter chosen for a file, and whether it was found in its header. */
export interface DelimiterChoice {
  readonly delimiter: string;
  readonly detected: boolean;
}

/**
 * The delimiter for a file whose header line is `headerLine` (its first non-empty line, without the
 * line end or a byte-order mark): `expected` when the header splits on it or on none of the
 * candidates (a file of one column), else the one candidate it splits on.
 *
 * O(length of the line).
 *
 * @throws InputError (line 1 of `file`) when the header splits on more than one candidate.
 * @example detectDelimiter('a;b;c', ',', 'f.csv') // => { delimiter: ';', detected: true }
 * @example detectDelimiter('a,b', ',', 'f.csv') // => { delimiter: ',', detected: false }
 */
export function detectDelimiter(headerLine: string, expected: string, file: string): DelimiterChoice {
  const kept = { delimiter: expected, detected: false };
  if (fieldCount(headerLine, expected) > 1) return kept;
  const splitting = DELIMITER_CANDIDATES.filter(
    (candidate) =>
      candidate !== expected && headerLine.includes(candidate) && fieldCount(headerLine, candidate) > 1,
  );
  if (splitting.length === 0) return kept;
  if (splitting.length === 1) return { delimiter: splitting[0]!, detected: true };
  throw new InputError(
    `the header has no ${delimiterName(expected)} but holds ${splitting.map(delimiterName).join(' and ')}: cannot tell which one separates the fields`,
    {
      file,
      line: 1,
      fieldHint: [
        'give it with ',
        ...splitting.flatMap((candidate, index) => [
          ...(index > 0 ? [' or '] : []),
          { field: 'delimiter' },
          ` ${delimiterName(candidate)}`,
        ]),
      ],
    },
  );
}

/**
 * The first non-empty line of CSV bytes (after a byte-order mark), decoded; empty when there is none.
 * Looks no further than `limit` bytes.
 */
export function firstLineOf(bytes: Uint8Array, limit = bytes.length): string {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = Math.min(bytes.length, limit);
  while (start < end && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start += 1;
  let stop = start;
  while (stop < end && bytes[stop] !== 0x0a && bytes[stop] !== 0x0d) stop += 1;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start).toString('utf8');
}

/**
 * The error for two files read with different delimiters when one of them was found in its header:
 * the files must agree.
 */
export function delimiterMismatch(
  reference: { file: string; delimiter: string },
  current: { file: string; delimiter: string },
): InputError {
  return new InputError(
    `the fields are separated by ${delimiterName(current.delimiter)}, but ${reference.file}'s by ${delimiterName(reference.delimiter)}`,
    {
      file: current.file,
      line: 1,
      fieldHint: [
        'save both files with the same delimiter, then name it if needed: ',
        { field: 'delimiter' },
        ` ${delimiterName(reference.delimiter)}`,
      ],
    },
  );
}
