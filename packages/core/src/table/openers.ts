import { openJsonLinesPart } from './jsonl.js';
import type { PartOpeners } from './read.js';

/**
 * The reader of each typed format (see part.ts). The Parquet and Arrow readers (hyparquet, its
 * compressors and apache-arrow: about 350 kB of the bins' code) load when a file of their format is
 * first opened, so that a command that reads neither, and every bin's start-up, does not pay for them.
 */
export const PART_OPENERS: PartOpeners = {
  parquet: async (path, name) => (await import('./parquet.js')).openParquetPart(path, name),
  arrow: async (path, name) => (await import('./arrow.js')).openArrowPart(path, name),
  jsonl: openJsonLinesPart,
};
