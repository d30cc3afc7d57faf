import { jensenShannonDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Jensen–Shannon distance (natural log) between the bin shares. */
export const jensenShannonMethod = {
  name: 'jensenshannon',
  displayName: 'Jensen–Shannon distance',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  definition: 'scipy.spatial.distance.jensenshannon(ref, cur) over the bin shares, natural log (a distance)',
  compute(feature) {
    const { reference, current } = feature.binShares();
    return { score: jensenShannonDistance(reference, current) };
  },
} as const satisfies DriftMethod;
