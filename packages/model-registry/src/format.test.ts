import { BufferStream, createContext, displayWidth } from '@mlops/cli-kit';
import { hasUnsafeCharacters, type RegistryEntry, registryHistory } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import {
  displayTime,
  formatComparison,
  formatEntry,
  formatHistory,
  formatList,
  metricsText,
  pythonNumber,
} from './format.js';

describe('pythonNumber', () => {
  // Expected values: Python 3 `repr(float(v))` (integers as `repr(int(v))`, as json.loads gives ints).
  it.each([
    [0.9, '0.9'],
    [80, '80'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e16, '1.5e+16'],
    [123456789012345.6, '123456789012345.6'],
    [1e-7, '1e-07'],
    [-0.00012, '-0.00012'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e22, '1e+22'],
    [-3e-5, '-3e-05'],
    [2.5, '2.5'],
  ])('%s → %s', (value, text) => {
    expect(pythonNumber(value)).toBe(text);
  });
});

describe('displayTime and metricsText', () => {
  it('shows new timestamps to the second and legacy ones as they are', () => {
    expect(displayTime('2026-11-27T05:48:28.530Z')).toBe('2026-11-27T05:48:28Z');
    expect(displayTime('2026-11-27T05:12:26')).toBe('2026-11-27T05:12:26');
  });

  it('joins metrics as the legacy list did', () => {
    expect(metricsText({ ndcg: 0.41, rmse: 0.93, p95_latency_ms: 80 })).toBe(
      'ndcg=0.41, rmse=0.93, p95_latency_ms=80',
    );
    expect(metricsText({})).toBe('');
  });
});

describe('hostile values from the registry file', () => {
  const hostile = 'x\n::error::pwned\u001b]0;t\u0007\u202e';
  const escaped = 'x\\n::error::pwned\\x1b]0;t\\x07\\u202e';
  const entry: RegistryEntry = {
    name: `m${hostile}`,
    version: `1${hostile}`,
    stage: 'production',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: `2026-11-27T05:12:25${hostile}`,
    metrics: { [`auc${hostile}`]: 0.5 },
    parameters: { [`p${hostile}`]: `v${hostile}`, nested: { [hostile]: [hostile] } },
    tags: [`t${hostile}`],
    description: `d${hostile}`,
    artifact_path: `a${hostile}`,
    aliases: [`c${hostile}`],
    history: [
      {
        time: '2026-11-27T05:12:25Z',
        action: 'register',
        from_stage: null,
        to_stage: 'development',
        actor: `ci${hostile}`,
        reason: `r${hostile}`,
      },
    ],
  };
  const context = createContext({ stdout: new BufferStream(), env: {} });
  const safe = (lines: readonly string[]) => {
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(hasUnsafeCharacters(line)).toBe(false);
    }
  };

  it('list: one row per entry, the values escaped, the columns as wide as the escapes', () => {
    const lines = formatList([entry, { ...entry, name: 'short', version: '2' }]);
    safe(lines);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(
      `m${escaped} 1${escaped} production     2026-11-27T05:12:25${escaped} auc${escaped}=0.5`,
    );
    // The long (escaped) cells widen their columns, so the next row lines up under them.
    expect(
      lines[3]!.startsWith(
        `${'short'.padEnd(`m${escaped}`.length)} ${'2'.padEnd(`1${escaped}`.length)} production`,
      ),
    ).toBe(true);
  });

  it('show, history and compare escape every value', () => {
    const shown = formatEntry(entry);
    safe(shown);
    expect(shown).toContain(`Name:         m${escaped}`);
    // An object parameter as JSON (which escapes \n and ESC its own way), then escaped.
    const json = 'x\\n::error::pwned\\u001b]0;t\\u0007\\u202e';
    expect(shown).toContain(`Parameters:   p${escaped}=v${escaped}, nested={"${json}":["${json}"]}`);
    expect(shown).toContain(`Aliases:      c${escaped}`);
    expect(shown.some((line) => line.includes(`ci${escaped}`) && line.endsWith(`r${escaped}`))).toBe(true);
    const history = formatHistory(registryHistory([entry]));
    safe(history);
    expect(history[2]).toContain(`m${escaped} 1${escaped}`);
    const comparison = formatComparison(
      {
        name: entry.name,
        entries: [entry, { ...entry, version: '2', metrics: { [`auc${hostile}`]: 0.7 } }],
        metric_keys: [`auc${hostile}`],
        best: { [`auc${hostile}`]: '2' },
        directions: { [`auc${hostile}`]: 'higher' },
      },
      context,
    );
    safe(comparison);
    expect(comparison[0]).toBe(`Model Comparison: m${escaped}`);
    expect(comparison).toContain(`  * = best (higher is better: auc${escaped})`);
  });
});

describe('tables on a terminal', () => {
  const plain = (name: string, metrics: Record<string, number>): RegistryEntry => ({
    name,
    version: '1.0.0',
    stage: 'production',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics,
    parameters: {},
    tags: [],
    description: '',
    artifact_path: '',
    history: [
      {
        time: '2026-11-27T05:12:25Z',
        action: 'promote',
        from_stage: 'staging',
        to_stage: 'production',
        actor: 'ci',
        reason: 'a long reason that will not fit in eighty columns once the fixed columns are printed',
      },
    ],
  });
  const many = { auc: 0.91, false_positive_rate: 0.012, latency_p95_ms: 41, throughput_rps: 950 };

  it('list: wide characters line up by display width', () => {
    const lines = formatList([plain('推荐模型', many), plain('ranker', many)]);
    // 推荐模型 is 8 columns wide: padded with 17 spaces to the 25-column Name column.
    expect(lines[2]!.startsWith(`推荐模型${' '.repeat(17)} 1.0.0`)).toBe(true);
    expect(lines[3]!.startsWith(`ranker${' '.repeat(19)} 1.0.0`)).toBe(true);
  });

  it('list fits 120 columns in the legacy widths, cutting the metrics only', () => {
    const lines = formatList([plain('推荐模型', many), plain('ranker', many)], 120);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(lines[1]).toBe('-'.repeat(90));
    expect(lines[2]).toBe(
      '推荐模型                  1.0.0      production     2026-11-27T05:12:25Z auc=0.91, false_positive_rate=0.012, latency_p…',
    );
    expect(displayWidth(lines[2]!)).toBe(120);
    expect(lines[3]).toBe(
      'ranker                    1.0.0      production     2026-11-27T05:12:25Z auc=0.91, false_positive_rate=0.012, latency_p…',
    );
  });

  it('list fits 80 columns: the fixed columns shrink to their cells, then the metrics are cut', () => {
    const lines = formatList([plain('推荐模型', many), plain('ranker', many)], 80);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('Name     Version Stage      Updated              Metrics');
    expect(lines[2]).toBe('推荐模型 1.0.0   production 2026-11-27T05:12:25Z auc=0.91, false_positive_rate=…');
    expect(lines[3]).toBe('ranker   1.0.0   production 2026-11-27T05:12:25Z auc=0.91, false_positive_rate=…');
    expect(displayWidth(lines[2]!)).toBe(80);
  });

  it('compare puts the versions in blocks that fit the terminal, and all in one row elsewhere', () => {
    const versions = ['1.0.0', '1.1.0', '2.0.0-rc.1', '2.0.0'];
    const entries = versions.map((version, index) => ({
      ...plain('ranker', { auc: 0.9 + index / 100, false_positive_rate: 0.02 - index / 1000 }),
      version,
    }));
    const comparison = {
      name: 'ranker',
      entries,
      metric_keys: ['auc', 'false_positive_rate'],
      best: { auc: '2.0.0', false_positive_rate: '2.0.0' },
      directions: { auc: 'higher' as const, false_positive_rate: 'lower' as const },
    };
    const onTerminal = (columns: number) => {
      const stdout = new BufferStream(true);
      stdout.columns = columns;
      return formatComparison(comparison, createContext({ stdout, env: { NO_COLOR: '1' } }));
    };
    // The name column 21 wide and 4 versions of 20: 21 + 4 × 21 = 105 columns.
    const whole = formatComparison(comparison, createContext({ stdout: new BufferStream(false), env: {} }));
    expect(whole.filter((line) => line.startsWith('Attribute'))).toHaveLength(1);
    expect(onTerminal(120)).toEqual(whole);
    const narrow = onTerminal(80);
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    const headers = narrow.filter((line) => line.startsWith('Attribute'));
    expect(headers.map((line) => line.trim().split(/ +/).slice(1))).toEqual([
      ['1.0.0', '1.1.0'],
      ['2.0.0-rc.1', '2.0.0'],
    ]);
    // Every version's values, once each; the legend once, after the last block's metrics.
    expect(
      narrow.filter((line) => line.startsWith('  auc')).map((line) => line.trim().split(/ +/).slice(1)),
    ).toEqual([
      ['0.9', '0.91'],
      ['0.92', '0.93', '*'],
    ]);
    expect(narrow.filter((line) => line.includes('* = best'))).toHaveLength(1);
    expect(
      narrow.indexOf('  * = best (higher is better: auc; lower is better: false_positive_rate)'),
    ).toBeGreaterThan(narrow.lastIndexOf(headers[1]!));
  });

  it('list gives every row whole when not on a terminal', () => {
    const lines = formatList([plain('ranker', many)]);
    expect(lines[2]!.endsWith('throughput_rps=950')).toBe(true);
  });

  it('history fits 120 columns by cutting the reason only, and 80 by stacking each event', () => {
    const records = registryHistory([plain('ranker', many)]);
    const wide = formatHistory(records, 120);
    for (const line of wide) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(wide[2]).toBe(
      '2026-11-27T05:12:25Z promote      ranker 1.0.0             staging -> production      ci           a long reason that w…',
    );
    // At 80 columns the fixed columns, even at their narrowest (68), leave the reason under 12:
    // each event is stacked, its reason wrapped below it.
    const narrow = formatHistory(records, 80);
    expect(narrow).toEqual([
      '2026-11-27T05:12:25Z promote ranker 1.0.0 staging -> production ci\n  a long reason that will not fit in eighty columns once the fixed columns are\n  printed',
    ]);
    // Not on a terminal: every row whole, in the legacy widths.
    expect(formatHistory(records)[2]).toBe(
      '2026-11-27T05:12:25Z promote      ranker 1.0.0             staging -> production      ci           a long reason that will not fit in eighty columns once the fixed columns are printed',
    );
  });
});
