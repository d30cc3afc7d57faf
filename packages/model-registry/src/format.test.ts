import { BufferStream, createContext } from '@mlops/cli-kit';
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

  it('list: one row per entry, the values escaped, the columns sized on the escapes', () => {
    const lines = formatList([entry, { ...entry, name: 'short', version: '2' }]);
    safe(lines);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(
      `m${escaped} 1${escaped} production     2026-11-27T05:12:25${escaped} auc${escaped}=0.5`,
    );
    expect(lines[3]!.startsWith(`short${' '.repeat(21)}2${' '.repeat(10)}production`)).toBe(true);
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
