import { openArrowPart } from './arrow.js';
import { openJsonLinesPart } from './jsonl.js';
import { openParquetPart } from './parquet.js';
import type { PartOpeners } from './read.js';

/** The reader of each typed format (see part.ts). */
export const PART_OPENERS: PartOpeners = {
  parquet: openParquetPart,
  arrow: openArrowPart,
  jsonl: openJsonLinesPart,
};
