import type { DriftFeature } from './feature.js';
import type { DriftMethod } from './method.js';
import { andersonMethod } from './methods/anderson.js';
import { chiSquareMethod } from './methods/chisquare.js';
import { cramerVonMisesMethod } from './methods/cramer-von-mises.js';
import { energyDistanceMethod } from './methods/ed.js';
import { empiricalMmdMethod } from './methods/empirical-mmd.js';
import { eppsSingletonMethod } from './methods/es.js';
import { fisherExactMethod } from './methods/fisher-exact.js';
import { gTestMethod } from './methods/g-test.js';
import { hellingerMethod } from './methods/hellinger.js';
import { jensenShannonMethod } from './methods/jensenshannon.js';
import { klDivergenceMethod } from './methods/kl-div.js';
import { ksMethod } from './methods/ks.js';
import { ksStatMethod } from './methods/ks-stat.js';
import { legacyMethod } from './methods/legacy.js';
import { mannWhitneyMethod } from './methods/mannw.js';
import { missingShareMethod } from './methods/missing-share.js';
import { newCategoryShareMethod } from './methods/new-category-share.js';
import { psiMethod } from './methods/psi.js';
import { psiDecilesMethod } from './methods/psi-deciles.js';
import { studentTMethod } from './methods/t-test.js';
import { tvdMethod } from './methods/tvd.js';
import { wassersteinMethod } from './methods/wasserstein.js';
import { zMethod } from './methods/z.js';
import { zTestMethod } from './methods/ztest.js';

/** Every drift method, by the name the request and the config use. */
export const DRIFT_METHODS = {
  legacy: legacyMethod,
  ks: ksMethod,
  chisquare: chiSquareMethod,
  ztest: zTestMethod,
  psi: psiMethod,
  psi_deciles: psiDecilesMethod,
  kl_div: klDivergenceMethod,
  jensenshannon: jensenShannonMethod,
  hellinger: hellingerMethod,
  wasserstein: wassersteinMethod,
  anderson: andersonMethod,
  cramer_von_mises: cramerVonMisesMethod,
  es: eppsSingletonMethod,
  mannw: mannWhitneyMethod,
  t_test: studentTMethod,
  fisher_exact: fisherExactMethod,
  g_test: gTestMethod,
  TVD: tvdMethod,
  ed: energyDistanceMethod,
  empirical_mmd: empiricalMmdMethod,
  z: zMethod,
  ks_stat: ksStatMethod,
  missing_share: missingShareMethod,
  new_category_share: newCategoryShareMethod,
} as const satisfies Record<string, DriftMethod>;

export type DriftMethodName = keyof typeof DRIFT_METHODS;

/** What a request or a config may choose: a method, or `auto` to choose one per column. */
export type DriftMethodChoice = DriftMethodName | 'auto';

export const DRIFT_METHOD_NAMES = Object.keys(DRIFT_METHODS) as DriftMethodName[];
export const DRIFT_METHOD_CHOICES = [
  ...DRIFT_METHOD_NAMES,
  'auto',
] as const satisfies readonly DriftMethodChoice[];

/** Rows of reference data up to which `auto` uses tests (p-values) rather than distances. */
export const AUTO_SMALL_SAMPLE = 1000;

/**
 * `auto`: a method per column. Reference with ≤ 1000 non-missing values: numeric with more than 5
 * distinct values → ks, at most 2 distinct → ztest, else chisquare. Larger: numeric with more than 5
 * distinct values → wasserstein, else jensenshannon. Distinct values are counted over both samples.
 */
export function autoMethodName(feature: DriftFeature): DriftMethodName {
  const manyValues = feature.kind === 'numeric' && feature.distinctCountUpTo(5) > 5;
  if (feature.referenceCount <= AUTO_SMALL_SAMPLE) {
    if (manyValues) return 'ks';
    return feature.distinctCountUpTo(2) <= 2 ? 'ztest' : 'chisquare';
  }
  return manyValues ? 'wasserstein' : 'jensenshannon';
}
