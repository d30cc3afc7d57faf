import type { DriftFeatureReport, DriftReport } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { childrenNamed, parseXml } from '../../../../tests/helpers/xml.js';
import { formatDriftJunit } from './junit.js';

const HOSTILE = "age\"/><x a='1'>&amp;]]>\n::error::pwned\u001b[2J\u202e\u0000";
/** HOSTILE as a CI system reads it back: escapeText's visible escapes, nothing else changed. */
const SHOWN = "age\"/><x a='1'>&amp;]]>\\n::error::pwned\\x1b[2J\\u202e\\x00";

const numeric = (feature: string, drifted: boolean): DriftFeatureReport => ({
  feature,
  data_type: 'numeric',
  ref_count: 100,
  cur_count: 90,
  ref_mean: 1,
  cur_mean: drifted ? 2 : 1,
  ks_statistic: drifted ? 0.5 : 0.05,
  ks_pvalue: drifted ? 1e-9 : 0.8,
  psi: drifted ? 0.6 : 0.01,
  drift_score: drifted ? 0.6 : 0.01,
  is_drifted: drifted,
  psi_interpretation: drifted ? 'significant_shift' : 'stable',
  ...(drifted
    ? { recommendation: 'Investigate distribution shift; consider retraining if model performance degrades.' }
    : {}),
  method: 'psi',
  score_kind: 'distance',
  threshold: 0.2,
  ref_missing: 0,
  cur_missing: 10,
  scored: true,
});

const report = (features: DriftFeatureReport[], alert: boolean): DriftReport => ({
  total_features: features.length,
  drifted_features: features.filter((feature) => feature.is_drifted).length,
  drift_rate:
    Math.round((features.filter((feature) => feature.is_drifted).length / features.length) * 1000) / 10,
  threshold: 0.2,
  alert,
  alert_message: alert ? '2/3 features drifted (>0.3 threshold). Consider model retraining.' : '',
  features,
  method: 'psi',
  correction: 'none',
  drift_share: 0.3,
  reference: `ref${HOSTILE}.csv`,
  current: `cur${HOSTILE}.csv`,
  unscored_features: features.filter((feature) => !feature.scored).length,
});

const unscored: DriftFeatureReport = {
  feature: `c${HOSTILE}`,
  data_type: 'categorical',
  ref_count: 10,
  cur_count: 0,
  drift_score: null,
  is_drifted: true,
  method: 'psi',
  score_kind: 'distance',
  threshold: 0.2,
  ref_missing: 0,
  cur_missing: 5,
  scored: false,
  reason: `all values missing in current ${HOSTILE}`,
};

describe('formatDriftJunit', () => {
  it('one case per column and one for the alert: drifted a failure, not scored an error', () => {
    const text = formatDriftJunit(
      report([unscored, numeric(HOSTILE, true), numeric('tenure', false)], true),
    ).join('\n');
    const root = parseXml(text);
    expect(root.attributes).toEqual({
      name: 'drift-detector',
      tests: '4',
      failures: '2',
      errors: '1',
      skipped: '0',
      time: '0',
    });
    const [suite] = childrenNamed(root, 'testsuite');
    expect(suite!.attributes.name).toBe(`ref${SHOWN}.csv vs cur${SHOWN}.csv`);
    const cases = childrenNamed(suite!, 'testcase');
    expect(cases.map((testCase) => [testCase.attributes.classname, testCase.attributes.name])).toEqual([
      [`cur${SHOWN}.csv`, `column c${SHOWN}`],
      [`cur${SHOWN}.csv`, `column ${SHOWN}`],
      [`cur${SHOWN}.csv`, 'column tenure'],
      [`cur${SHOWN}.csv`, 'drift share at most 0.3'],
    ]);
    const [error] = childrenNamed(cases[0]!, 'error');
    expect(error!.attributes).toEqual({
      message: `c${SHOWN} could not be scored: all values missing in current ${SHOWN}`,
      type: 'not-scored',
    });
    expect(error!.text).toBe(
      'method psi, threshold 0.2; a column that cannot be scored counts as drifted\n' +
        'categorical column; reference 10 values (0 missing), current 0 (5 missing)',
    );
    const [failure] = childrenNamed(cases[1]!, 'failure');
    expect(failure!.attributes).toEqual({
      message: `${SHOWN} drifted: psi distance 0.6, threshold 0.2`,
      type: 'drift',
    });
    expect(failure!.text).toBe(
      'ks 0.5 (p 1.00e-9); psi 0.6 significant_shift; mean 1 → 2\n' +
        'numeric column; reference 100 values (0 missing), current 90 (10 missing)\n' +
        'Investigate distribution shift; consider retraining if model performance degrades.',
    );
    expect(cases[2]!.children.map((child) => [child.name, child.text])).toEqual([
      [
        'system-out',
        'no drift: psi distance 0.01, threshold 0.2\n' +
          'ks 0.05 (p 0.8); psi 0.01 stable; mean 1 → 1\n' +
          'numeric column; reference 100 values (0 missing), current 90 (10 missing)',
      ],
    ]);
    const [alert] = childrenNamed(cases[3]!, 'failure');
    expect(alert!.attributes).toEqual({
      message: '2/3 features drifted (>0.3 threshold). Consider model retraining.',
      type: 'alert',
    });
    expect(alert!.text).toBe(
      '2 of 3 columns drifted (66.7%); the alert fires when more than 0.3 of the columns drifted (--drift-share)\n' +
        '1 of them could not be scored',
    );
    // Whatever the names hold, no line of the document starts a workflow command or holds a control.
    expect(text).not.toMatch(/^::/m);
    expect(text.includes('\u001b') || text.includes('\u202e') || text.includes('\u0000')).toBe(false);
  });

  it('a date column says so, its means as dates', () => {
    const dates: DriftFeatureReport = {
      ...numeric('signup', false),
      value_type: 'date',
      ref_mean_iso: '2026-01-01',
      cur_mean_iso: '2026-01-02',
    };
    const root = parseXml(formatDriftJunit(report([dates], false)).join('\n'));
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases[0]!.children[0]!.text.split('\n').slice(1)).toEqual([
      'ks 0.05 (p 0.8); psi 0.01 stable; mean 2026-01-01 → 2026-01-02',
      'numeric (date) column; reference 100 values (0 missing), current 90 (10 missing)',
    ]);
  });

  it('no alert: every case passes', () => {
    const root = parseXml(formatDriftJunit(report([numeric('tenure', false)], false)).join('\n'));
    expect([root.attributes.tests, root.attributes.failures, root.attributes.errors]).toEqual([
      '2',
      '0',
      '0',
    ]);
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases[1]!.children.map((child) => [child.name, child.text])).toEqual([
      [
        'system-out',
        '0 of 1 columns drifted (0%); the alert fires when more than 0.3 of the columns drifted (--drift-share)',
      ],
    ]);
  });
});
