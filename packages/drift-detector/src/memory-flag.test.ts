import { describe, expect, it } from 'vitest';
import { defaultMemoryBudget, memoryBudgetCeiling } from './memory-budget.js';
import { memoryBudgetHint, parseMemorySize, sizeFlagValue } from './memory-flag.js';

const CEILING = 4_345_298_944; // a 4144 MiB heap limit

describe('parseMemorySize: decimal sizes, at least 10 MB, at most the heap limit', () => {
  it.each([
    ['2GB', 2e9],
    ['512MB', 512e6],
    ['512mb', 512e6],
    ['1.5GB', 1.5e9],
    [' 100 MB ', 100e6],
    ['10000000', 1e7],
    ['20000000B', 2e7],
    ['4000000KB', 4e9],
  ])('%j → %d bytes', (text, bytes) => {
    expect(parseMemorySize(text, CEILING)).toEqual({ bytes });
  });

  const format =
    'expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got';
  it.each([
    ['2GiB', `${format} "2GiB"`],
    ['2G', `${format} "2G"`],
    ['1e9', `${format} "1e9"`],
    ['-1GB', `${format} "-1GB"`],
    ['0x100000', `${format} "0x100000"`],
    ['', `${format} ""`],
    ['lots\u001b[2J', `${format} "lots\\x1b[2J"`],
    ['9MB', 'expected at least 10MB, got "9MB"'],
    ['0', 'expected at least 10MB, got "0"'],
    [
      '5GB',
      "5GB is more than this process can hold (4.3GB, Node.js's heap limit; raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>)",
    ],
  ])('%j is refused', (text, error) => {
    expect(parseMemorySize(text, CEILING)).toEqual({ error });
  });

  it('the default is half the machine, at most the ceiling', () => {
    expect(defaultMemoryBudget()).toBeLessThanOrEqual(memoryBudgetCeiling());
    expect(defaultMemoryBudget()).toBeGreaterThan(0);
  });

  it('hints at twice the budget, or at the heap limit once there', () => {
    expect(sizeFlagValue(2e9)).toBe('2GB');
    expect(sizeFlagValue(CEILING)).toBe('4.3GB');
    expect(memoryBudgetHint(200e6, CEILING)).toBe(
      'raise it with --max-memory, e.g. --max-memory 400MB, at most 4.3GB here; or compare fewer columns with --columns',
    );
    expect(memoryBudgetHint(CEILING, CEILING)).toBe(
      "this is the most Node.js's heap limit allows: raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>, then --max-memory; or compare fewer columns with --columns",
    );
  });
});
