import { openParquetPart } from './parquet.js';
import type { PartOpeners } from './read.js';

/** The reader of each typed format (see part.ts). */
export const PART_OPENERS: PartOpeners = {
  parquet: openParquetPart,
};
