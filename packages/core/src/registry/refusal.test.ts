import { describe, expect, it } from 'vitest';
import { RefusedError } from '../errors.js';
import { promoteVersion } from './operations.js';
import { PromotionRefusedError } from './refusal.js';
import { parseMetricRequirement } from './requirement.js';
import type { RegistryEntry } from './schema.js';

const entry: RegistryEntry = {
  name: 'fraud',
  version: '2.0',
  stage: 'staging',
  registered_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  metrics: { f1: 0.8, latency_ms: 40 },
  parameters: {},
  tags: [],
  description: '',
  artifact_path: '',
};
const context = { time: '2026-12-01T00:00:00.000Z', actor: 'ci' };

describe('a refused promotion carries its unmet conditions as data', () => {
  it('lists every failed condition with the value, null for a missing metric', () => {
    const promote = () =>
      promoteVersion(
        [entry],
        {
          name: 'fraud',
          version: '2.0',
          stage: 'production',
          requirements: ['f1>=0.85', 'latency_ms<50', 'auc>0.9', 'constructor>0'].map(parseMetricRequirement),
        },
        context,
      );
    expect(promote).toThrow(PromotionRefusedError);
    expect(promote).toThrow(RefusedError);
    try {
      promote();
    } catch (error) {
      expect((error as PromotionRefusedError).exitCode).toBe(1);
      expect((error as PromotionRefusedError).refusal).toEqual({
        promoted: false,
        name: 'fraud',
        version: '2.0',
        stage: 'production',
        unmet: [
          { requirement: 'f1>=0.85', metric: 'f1', value: 0.8 },
          { requirement: 'auc>0.9', metric: 'auc', value: null },
          { requirement: 'constructor>0', metric: 'constructor', value: null },
        ],
        reason:
          'promotion of fraud 2.0 to production refused: not met: f1>=0.85 (f1 = 0.8); auc>0.9 (no metric auc); constructor>0 (no metric constructor)',
      });
    }
  });
});
