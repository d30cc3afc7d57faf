import { roundHalfEven } from '../../stats/index.js';
import { legacyStatistics } from '../legacy-statistics.js';
import type { DriftMethod } from '../method.js';

/**
 * The legacy detector's score, exactly: numeric columns max(KS D, legacy PSI), both rounded to 4
 * decimals, compared rounded; categorical columns the legacy chi-square divergence, compared unrounded
 * and printed rounded.
 */
export const legacyMethod = {
  name: 'legacy',
  displayName: 'Legacy (max of KS and PSI; chi-square divergence)',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  anyOrder: true,
  definition:
    'numeric: max(ks_statistic, psi) with both rounded to 4 decimals; categorical: Σ (cur − ref)² / ref over the shares of the reference categories',
  compute(feature) {
    const statistics = legacyStatistics(feature);
    if (statistics.kind === 'numeric') return { score: statistics.driftScore };
    return { score: statistics.chiSquare, reportedScore: roundHalfEven(statistics.chiSquare, 4) };
  },
} as const satisfies DriftMethod;
