import { describe, expect, it } from 'vitest';
import { pythonFloatRepr } from '../text/python-repr.js';
import { alertMessage, buildDriftReport, type DriftFeatureReport } from './report.js';

describe('pythonFloatRepr writes floats as Python repr() does', () => {
  // Python: repr(x) for each x.
  it.each([
    [0.1, '0.1'],
    [0.2, '0.2'],
    [1, '1.0'],
    [0, '0.0'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [123456789012345.6, '123456789012345.6'],
    [1.5e-7, '1.5e-07'],
    [2.5e21, '2.5e+21'],
  ])('%d → %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });
});

function feature(
  name: string,
  score: number | null,
  drifted: boolean,
  extra: Partial<DriftFeatureReport> = {},
) {
  return {
    feature: name,
    data_type: 'numeric',
    ref_count: 1,
    cur_count: 1,
    drift_score: score,
    is_drifted: drifted,
    method: 'legacy',
    score_kind: 'distance',
    threshold: 0.1,
    ref_missing: 0,
    cur_missing: 0,
    scored: score !== null,
    ...(score === null ? { reason: 'all values missing in current' } : {}),
    ...extra,
  } as DriftFeatureReport;
}

const base = {
  threshold: 0.1,
  driftShare: 0.3,
  method: 'legacy',
  correction: 'none',
  reference: 'r',
  current: 'c',
} as const;

describe('buildDriftReport', () => {
  it('sorts by drift_score descending, stable for ties', () => {
    const report = buildDriftReport({
      ...base,
      features: [feature('a', 0.05, false), feature('c', 0.3, true), feature('d', 0.05, false)],
    });
    expect(report.features.map((f) => f.feature)).toEqual(['c', 'a', 'd']);
    expect(report).toMatchObject({
      total_features: 3,
      drifted_features: 1,
      drift_rate: 33.3,
      alert: true,
      unscored_features: 0,
    });
  });

  it('counts a column not scored as drifted, puts it first, and alerts whatever the share', () => {
    const report = buildDriftReport({
      ...base,
      features: [
        ...Array.from({ length: 8 }, (_, i) => feature(`ok${i}`, 0.01 * i, false)),
        feature('empty', null, true),
        feature('gone', null, false, { reason: 'column missing in current' }),
      ],
    });
    expect(report.features.slice(0, 3).map((f) => f.feature)).toEqual(['empty', 'gone', 'ok7']);
    // 2/10 is below the 0.3 share, but a column not scored always fires the alert.
    expect(report).toMatchObject({
      total_features: 10,
      drifted_features: 2,
      drift_rate: 20,
      alert: true,
      unscored_features: 2,
      alert_message:
        "2/10 features drifted (>0.1 threshold), 2 of them not scored (see each feature's reason). Check the input data; consider model retraining.",
    });
  });

  it('sorts p-values ascending, and mixed methods by how far past the threshold', () => {
    const pValues = buildDriftReport({
      ...base,
      features: [
        feature('a', 0.5, false, { score_kind: 'p_value', threshold: 0.05 }),
        feature('b', 0.001, true, { score_kind: 'p_value', threshold: 0.05 }),
      ],
    });
    expect(pValues.features.map((f) => f.feature)).toEqual(['b', 'a']);
    const mixed = buildDriftReport({
      ...base,
      threshold: null,
      features: [
        feature('distance', 0.3, true, { threshold: 0.1 }), // 3× past
        feature('p', 0.005, true, { score_kind: 'p_value', threshold: 0.05 }), // 10× past
      ],
    });
    expect(mixed.features.map((f) => f.feature)).toEqual(['p', 'distance']);
    expect(mixed.alert_message).toBe(
      '2/2 features drifted (per-column thresholds). Consider model retraining.',
    );
  });

  it('alerts above the drift share only (drifted / total > share), with the legacy sentence', () => {
    const three = (drifted: number) =>
      Array.from({ length: 10 }, (_, i) => feature(String(i), i < drifted ? 1 : 0, i < drifted));
    expect(buildDriftReport({ ...base, features: three(3) }).alert).toBe(false);
    const four = buildDriftReport({ ...base, features: three(4) });
    expect(four).toMatchObject({ alert: true, drift_rate: 40 });
    expect(four.alert_message).toBe('4/10 features drifted (>0.1 threshold). Consider model retraining.');
    expect(alertMessage(1, 3, 1, true)).toBe(
      '1/3 features drifted (>1.0 threshold). Consider model retraining.',
    );
  });

  it('rounds drift_rate half to even on the binary value, as Python round(x, 1)', () => {
    const features = Array.from({ length: 3 }, (_, i) => feature(String(i), i === 0 ? 1 : 0, i === 0));
    expect(buildDriftReport({ ...base, features }).drift_rate).toBe(33.3); // round(1/3*100, 1)
    const eight = Array.from({ length: 8 }, (_, i) => feature(String(i), i === 0 ? 1 : 0, i === 0));
    expect(buildDriftReport({ ...base, features: eight }).drift_rate).toBe(12.5); // round(12.5, 1)
  });
});
