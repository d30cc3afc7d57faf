import { describe, expect, it } from 'vitest';
import { checkPipelineCron } from './cron.js';

describe('checkPipelineCron', () => {
  it.each([
    '0 2 * * 1',
    '*/15 * * * *',
    '0/5 * * * *',
    '0 0 1 1 *',
    '59 23 31 12 7',
    '0 9-17/2 * * MON-FRI',
    '0 0 * JAN,jul *',
    '0,30 * 1-15 * sun',
    '  0 2 * * 1  ',
    '0\t2 * * 1',
    // Vixie cron skips runs of blanks between fields (and leading ones): so do we.
    '0  2 * * 1',
    '0 \t 2\t\t* * 1',
    '\t@daily ',
    '@daily',
    '@midnight',
    '@hourly',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@DAILY',
  ])('accepts %j', (schedule) => {
    expect(checkPipelineCron(schedule)).toBeUndefined();
  });

  it.each([
    ['nightly', { kind: 'shape' }],
    ['', { kind: 'shape' }],
    ['* * * *', { kind: 'shape' }],
    ['0 0 * * * *', { kind: 'shape' }],
    ['0 0 0 * * * 2020', { kind: 'shape' }],
    ['@reboot', { kind: 'shape' }],
    ['@minutely', { kind: 'shape' }],
    ['99 99 * * *', { kind: 'field', reason: 'minute 99 is out of range 0-59' }],
    ['0 24 * * *', { kind: 'field', reason: 'hour 24 is out of range 0-23' }],
    ['0 0 0 * *', { kind: 'field', reason: 'day of month 0 is out of range 1-31' }],
    ['0 0 32 * *', { kind: 'field', reason: 'day of month 32 is out of range 1-31' }],
    ['0 0 * 13 *', { kind: 'field', reason: 'month 13 is out of range 1-12' }],
    ['0 0 * 0 *', { kind: 'field', reason: 'month 0 is out of range 1-12' }],
    ['0 0 * * 8', { kind: 'field', reason: 'day of week 8 is out of range 0-7' }],
    [
      '0 0 * * FUNDAY',
      { kind: 'field', reason: "day of week 'FUNDAY' is not a number 0-7 or a name (sun-sat)" },
    ],
    ['*/0 * * * *', { kind: 'field', reason: 'minute step 0 is out of range 1-60' }],
    ['*/61 * * * *', { kind: 'field', reason: 'minute step 61 is out of range 1-60' }],
    ['5-1 * * * *', { kind: 'field', reason: "minute range '5-1' runs backwards" }],
    ['1,,2 * * * *', { kind: 'field', reason: "minute '1,,2' has an empty list item" }],
    ['0 0 L * *', { kind: 'field', reason: "day of month 'L' is not a number 1-31" }],
    ['0 0 ? * *', { kind: 'field', reason: "day of month '?' is not a number 1-31" }],
    ['0 0 * * 1#2', { kind: 'field', reason: "day of week '1#2' is not a number 0-7 or a name (sun-sat)" }],
    ['H * * * *', { kind: 'field', reason: "minute 'H' is not a number 0-59" }],
    ['1/2/3 * * * *', { kind: 'field', reason: "minute '1/2/3' has more than one '/'" }],
    ['0 0 31 2 *', { kind: 'field', reason: 'invalid explicit day of month definition' }],
  ])('rejects %j', (schedule, problem) => {
    expect(checkPipelineCron(schedule)).toEqual(problem);
  });

  it.each([
    ['0 2\u00a0* * *', 'character 4 is U+00A0 (a no-break space)'],
    ['0 2\n* * *', 'character 4 is U+000A (a line feed)'],
    ['0 2 * * *\n', 'character 10 is U+000A (a line feed)'],
    ['0\r\n2 * * *', 'character 2 is U+000D (a carriage return)'],
    ['0 2\u2003* * *', 'character 4 is U+2003 (a typographic space)'],
    ['0 2\u3000* * *', 'character 4 is U+3000 (an ideographic space)'],
    ['0 2\u202f* * *', 'character 4 is U+202F (a narrow no-break space)'],
    ['@daily\u00a0', 'character 7 is U+00A0 (a no-break space)'],
    ['0 2 * *\u000b*', 'character 8 is U+000B (a vertical tab)'],
  ])('refuses %j as a separator, naming the character', (schedule, where) => {
    expect(checkPipelineCron(schedule)).toEqual({
      kind: 'field',
      reason: `${where}; cron separates fields with spaces and tabs only`,
    });
  });

  it('is linear on long runs of blanks (no backtracking regular expression)', () => {
    const schedule = `0${' '.repeat(200_000)}x${' \t'.repeat(100_000)}2 * * *`;
    const started = performance.now();
    expect(checkPipelineCron(schedule)).toEqual({ kind: 'shape' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
