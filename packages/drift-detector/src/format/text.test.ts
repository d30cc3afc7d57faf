import type { DriftFeatureReport } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { featureDetails } from './text.js';

const numeric: DriftFeatureReport = {
  feature: 'day',
  data_type: 'numeric',
  ref_count: 10,
  cur_count: 10,
  ref_mean: 1793880000,
  cur_mean: 1795608000,
  ks_statistic: 1,
  ks_pvalue: 0.0000108,
  psi: 8.1,
  psi_interpretation: 'significant_shift',
  drift_score: 1,
  is_drifted: true,
  method: 'legacy',
  score_kind: 'distance',
  threshold: 0.1,
  ref_missing: 0,
  cur_missing: 0,
  scored: true,
};

describe('featureDetails', () => {
  it('shows the means as numbers for a number column', () => {
    expect(featureDetails(numeric)).toBe(
      'ks 1 (p 1.08e-5); psi 8.1 significant_shift; mean 1793880000 → 1795608000',
    );
  });

  it('shows the means as dates for a date column', () => {
    const day = {
      ...numeric,
      value_type: 'date' as const,
      ref_mean_iso: '2026-11-05T12:00:00Z',
      cur_mean_iso: '2026-11-25T12:00:00Z',
    };
    expect(featureDetails(day)).toBe(
      'ks 1 (p 1.08e-5); psi 8.1 significant_shift; mean 2026-11-05T12:00:00Z → 2026-11-25T12:00:00Z',
    );
  });
});
