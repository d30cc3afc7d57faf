import { studentTTest } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Student's t-test (Evidently 0.7.21 `t_test`, legacy/calculations/stattests); the score is its p-value. */
export const studentTMethod = {
  name: 't_test',
  displayName: "Student's t-test",
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    "two-sided p-value of Student's two-sample t-test with pooled variance (scipy.stats.ttest_ind, equal_var=True)",
  unsuitable(feature) {
    const reference = feature.sortedReference();
    const current = feature.sortedCurrent();
    if (Math.min(reference.length, current.length) < 2)
      return `t_test needs at least 2 numbers in each file for "${feature.name}"`;
    const constant =
      reference[0] === reference[reference.length - 1] && current[0] === current[current.length - 1];
    return constant && reference[0] === current[0]
      ? `t_test cannot score "${feature.name}": both files hold the one value ${reference[0]}`
      : undefined;
  },
  compute(feature) {
    return { score: studentTTest(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
