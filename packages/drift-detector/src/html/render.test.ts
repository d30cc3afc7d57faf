import { createHash } from 'node:crypto';
import {
  categoricalDriftChart,
  type DriftFeatureReport,
  type DriftReport,
  numericDriftChart,
  sortAscending,
} from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { REPORT_CSS, REPORT_SCRIPT } from './assets.js';
import { escapeHtml, shortLabel } from './escape.js';
import { REPORT_CSP, renderDriftHtml } from './render.js';

const HOSTILE_HEADER = '<img src=x onerror=alert(1)>';
const HOSTILE_CATEGORY = '</script><script>window.__pwned=1</script>';
const HOSTILE_FILE = '"><svg onload=alert(3)>.csv';

describe('escapeHtml', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['</script><script>x</script>', '&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;'],
    [`a "quoted" 'value'`, 'a &quot;quoted&quot; &#39;value&#39;'],
    ['&amp; stays text', '&amp;amp; stays text'],
    ['plain ünïcode 🙂', 'plain ünïcode 🙂'],
    ['', ''],
  ])('escapeHtml(%j)', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it('shortLabel cuts by code points and keeps short text', () => {
    expect(shortLabel('monthly_spend_in_euros', 10)).toBe('monthly_s…');
    expect(shortLabel('🙂🙂🙂', 3)).toBe('🙂🙂🙂');
    expect(shortLabel('🙂🙂🙂🙂', 3)).toBe('🙂🙂…');
  });
});

function feature(overrides: Partial<DriftFeatureReport>): DriftFeatureReport {
  return {
    feature: 'x',
    data_type: 'numeric',
    ref_count: 3,
    cur_count: 3,
    drift_score: 0.5,
    is_drifted: true,
    method: 'legacy',
    score_kind: 'distance',
    threshold: 0.1,
    ref_missing: 0,
    cur_missing: 1,
    scored: true,
    ...overrides,
  };
}

function hostileInput() {
  const features = [
    feature({ feature: HOSTILE_HEADER, ref_mean: 2, cur_mean: 3, ks_statistic: 0.5, ks_pvalue: 0.01 }),
    feature({
      feature: 'category',
      data_type: 'categorical',
      drift_score: 0.01,
      is_drifted: false,
      chi_square: 0.01,
      chi_square_pvalue: 0.9,
      new_categories: [HOSTILE_CATEGORY],
    }),
  ];
  const report: DriftReport = {
    total_features: 2,
    drifted_features: 1,
    drift_rate: 50,
    threshold: 0.1,
    alert: true,
    alert_message: '1/2 features drifted (>0.1 threshold). Consider model retraining.',
    features,
    method: 'legacy',
    correction: 'none',
    drift_share: 0.3,
    reference: HOSTILE_FILE,
    current: 'current.csv',
    unscored_features: 0,
  };
  const charts = [
    numericDriftChart(
      HOSTILE_HEADER,
      sortAscending(Float64Array.of(1, 2, 3)),
      sortAscending(Float64Array.of(2, 3, 4)),
    ),
    categoricalDriftChart('category', {
      categories: ['plain', HOSTILE_CATEGORY],
      reference: Float64Array.of(3, 0),
      current: Float64Array.of(1, 2),
    }),
  ];
  return {
    report,
    charts,
    reference: { name: HOSTILE_FILE, rows: 3, columns: 2 },
    current: { name: 'current.csv', rows: 4, columns: 2 },
    generatedAt: new Date('2026-01-02T03:04:05Z'),
    tool: 'drift-detector',
    version: '9.9.9',
  };
}

const ALLOWED_TAGS = new Set(
  'html head meta title style body main header h1 h2 div strong span dl dt dd section input label table thead tbody tr th td button a svg line text path rect g figure figcaption footer script'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set(
  'lang charset http-equiv content name class id type placeholder aria-label scope data-i data-v href viewBox role x y x1 x2 y1 y2 width height d text-anchor aria-hidden'.split(
    ' ',
  ),
);

describe('renderDriftHtml', () => {
  const html = renderDriftHtml(hostileInput());

  it('escapes everything from the data: no tag, attribute or script of its own survives', () => {
    expect(html).not.toContain(HOSTILE_HEADER);
    expect(html).not.toContain(HOSTILE_CATEGORY);
    expect(html).not.toContain('<svg onload');
    expect(html).not.toMatch(/<img/i);
    // Every tag is one the renderer writes, with its own attributes: none from the data, no handler.
    const body = html.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '');
    const tags = [...body.matchAll(/<\/?([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)];
    expect(body.split('<').length - 1).toBe(tags.length + 1); // + <!DOCTYPE html>
    const names = new Set(tags.map((tag) => tag[1]!.toLowerCase()));
    const attributes = new Set(
      tags.flatMap((tag) => [...tag[2]!.matchAll(/\s+([\w-]+)(?:="[^"]*")?/g)].map((m) => m[1]!)),
    );
    expect([...names].filter((name) => !ALLOWED_TAGS.has(name))).toEqual([]);
    expect([...attributes].filter((name) => !ALLOWED_ATTRIBUTES.has(name))).toEqual([]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;.csv');
    // exactly one script element and one style element: the page's own
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.match(/<style/gi)).toHaveLength(1);
  });

  it('loads nothing: no URL, and a CSP that allows only its own style and script by hash', () => {
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9]/i);
    expect([...html.matchAll(/ href="([^"]*)"/g)].every((match) => match[1]!.startsWith('#chart-'))).toBe(
      true,
    );
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(REPORT_CSP).toBe(
      `default-src 'none'; style-src ${hash(REPORT_CSS)}; script-src ${hash(REPORT_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(REPORT_CSS + REPORT_SCRIPT).not.toMatch(/url\(|@import|fetch|XMLHttpRequest|innerHTML/);
  });

  it('shows the verdict, the files, one chart and one table row per column', () => {
    expect(html).toContain(
      '<strong>Drift alert</strong><span>1 of 2 columns drifted (50%), more than the 30% allowed</span>',
    );
    expect(html).toContain('<dd>current.csv — 4 rows, 2 columns</dd>');
    expect(html).toContain('<dd>2026-01-02 03:04:05 UTC by drift-detector 9.9.9</dd>');
    expect(html.match(/<figure class="chart/g)).toHaveLength(2);
    expect(html.match(/<tr data-i=/g)).toHaveLength(2);
    expect(html.match(/<tr data-i="0" class="drifted">/g)).toHaveLength(1);
    expect(html).toContain('>NEW</text>');
  });

  it('says "No alert" when there is none', () => {
    const input = hostileInput();
    input.report = { ...input.report, alert: false, alert_message: '', drift_share: 0.5 };
    expect(renderDriftHtml(input)).toContain(
      '<strong>No alert</strong><span>1 of 2 columns drifted (50%), alert above 50%</span>',
    );
  });

  it('lists the columns not scored, with their reasons, as drifted rows', () => {
    const input = hostileInput();
    const unscored = feature({
      feature: HOSTILE_HEADER.replace('img', 'b'),
      drift_score: null,
      is_drifted: true,
      scored: false,
      reason: 'column missing in current',
    });
    input.report = {
      ...input.report,
      features: [unscored, ...input.report.features],
      total_features: 3,
      drifted_features: 2,
      unscored_features: 1,
    };
    const page = renderDriftHtml(input);
    expect(page).toContain(
      '<dt>Not scored</dt><dd>&lt;b src=x onerror=alert(1)&gt;: column missing in current (each counts as drifted)</dd>',
    );
    expect(page).toContain('<tr data-i="0" class="drifted">');
    expect(page).toContain('<td data-v="3"><span class="badge na">NOT SCORED</span></td>');
    expect(page).toContain('<span class="warning">not scored: column missing in current</span>');
    expect(page).not.toContain('<b src');
  });

  it("shows a date column's means as dates and its spread as a span of time", () => {
    const input = hostileInput();
    const day = feature({
      feature: 'day',
      value_type: 'date',
      ref_mean: 1793880000,
      cur_mean: 1795608000,
      ref_mean_iso: '2026-11-05T12:00:00Z',
      cur_mean_iso: '2026-11-25T12:00:00Z',
      ref_std: 261588.9906,
      cur_std: 7200,
    });
    input.report = { ...input.report, features: [day, ...input.report.features] };
    const page = renderDriftHtml(input);
    expect(page).toContain('mean 2026-11-05T12:00:00Z → 2026-11-25T12:00:00Z');
    expect(page).toContain('std 3.03 d → 2 h');
  });
});
