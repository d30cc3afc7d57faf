import type { DriftMethod } from '../method.js';
import { zMethod } from './z.js';

/** `ztest`: the name this tool first gave Evidently's `z` test; the same method under its old name. */
export const zTestMethod = {
  ...zMethod,
  name: 'ztest',
  definition: `${zMethod.definition} (the same as z)`,
} as const satisfies DriftMethod;
