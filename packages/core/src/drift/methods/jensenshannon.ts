import { jensenShannonDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Jensen–Shannon distance (natural log) over Evidently 0.7.21's bins (`jensenshannon.py`). */
export const jensenShannonMethod = {
  name: 'jensenshannon',
  displayName: 'Jensen–Shannon distance',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: true,
  definition:
    "scipy.spatial.distance.jensenshannon(ref, cur), natural log, over Evidently's bins (as for psi), empty bins left empty",
  unsuitable(feature) {
    const refusal = feature.binningRefusal();
    return refusal === undefined ? undefined : `jensenshannon cannot bin "${feature.name}": ${refusal}`;
  },
  compute(feature) {
    const { reference, current } = feature.binShares();
    return { score: jensenShannonDistance(reference, current) };
  },
} as const satisfies DriftMethod;
