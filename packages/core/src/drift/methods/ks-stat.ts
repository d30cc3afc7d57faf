import type { DriftMethod } from '../method.js';

/**
 * The Kolmogorov–Smirnov statistic D as a distance: the largest gap between the two empirical
 * distribution functions (scipy.stats.ks_2samp(ref, cur).statistic). For a criterion such as
 * "KS above 0.15", where the p-value of `ks` would flag any tiny shift of a large sample.
 */
export const ksStatMethod = {
  name: 'ks_stat',
  displayName: 'Kolmogorov–Smirnov statistic',
  featureKinds: ['numeric'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  anyOrder: true,
  definition:
    'the two-sample Kolmogorov–Smirnov statistic D = max |F_ref(x) − F_cur(x)| (scipy.stats.ks_2samp(ref, cur).statistic)',
  compute(feature) {
    return { score: feature.ksGaps().statistic };
  },
} as const satisfies DriftMethod;
