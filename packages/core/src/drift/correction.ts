import { benjaminiHochberg, bonferroni } from '../stats/index.js';
import type { DriftCorrection } from './config.js';

/**
 * Adjusts the p-values of the columns scored by p-value methods, for `--correction`: Bonferroni
 * (p · m, capped at 1) or Benjamini–Hochberg (`fdr`). `none` returns them unchanged.
 */
export function adjustPValues(pValues: readonly number[], correction: DriftCorrection): number[] {
  if (correction === 'bonferroni') return bonferroni(pValues);
  if (correction === 'fdr') return benjaminiHochberg(pValues);
  return [...pValues];
}
