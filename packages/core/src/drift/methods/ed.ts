import { energyDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Evidently's `ed`: the energy distance between the two samples, unnormalised; the score is the distance. */
export const energyDistanceMethod = {
  name: 'ed',
  displayName: 'Energy distance',
  featureKinds: ['numeric'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: false,
  definition:
    'scipy.stats.energy_distance(ref, cur), in the unit of the values (not normalised), as Evidently',
  compute(feature) {
    return { score: energyDistance(feature.sortedReference(), feature.sortedCurrent()) };
  },
} as const satisfies DriftMethod;
