import { describe, expect, it } from 'vitest';
import { childrenNamed, parseXml } from '../../../../tests/helpers/xml.js';
import { hasUnsafeCharacters } from './escape.js';
import { junitXml } from './junit.js';

const HOSTILE = 'x"/><testcase name="fake\'&amp;]]>\u0000\u001b[31m\n::error::pwned\u202e\uffff';

describe('junitXml', () => {
  it('writes the document CI systems read, the counts taken from the cases', () => {
    const lines = junitXml('tool', [
      {
        name: 'suite one',
        cases: [
          { classname: 'c', name: 'passes' },
          {
            classname: 'c',
            name: 'fails',
            file: 'a.json',
            problem: { kind: 'failure', message: 'it failed', type: 'error', details: ['line 1', 'line 2'] },
          },
          {
            classname: 'c',
            name: 'breaks',
            problem: { kind: 'error', message: 'no score', type: 'not-scored' },
          },
          { classname: 'c', name: 'warns', output: ['a warning'] },
        ],
      },
      { name: 'empty', cases: [] },
    ]);
    expect(lines).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="tool" tests="4" failures="1" errors="1" skipped="0" time="0">',
      '  <testsuite name="suite one" tests="4" failures="1" errors="1" skipped="0" time="0">',
      '    <testcase classname="c" name="passes" time="0"/>',
      '    <testcase classname="c" name="fails" file="a.json" time="0">',
      '      <failure message="it failed" type="error">line 1&#10;line 2</failure>',
      '    </testcase>',
      '    <testcase classname="c" name="breaks" time="0">',
      '      <error message="no score" type="not-scored"></error>',
      '    </testcase>',
      '    <testcase classname="c" name="warns" time="0">',
      '      <system-out>a warning</system-out>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="empty" tests="0" failures="0" errors="0" skipped="0" time="0">',
      '  </testsuite>',
      '</testsuites>',
    ]);
    const root = parseXml(`${lines.join('\n')}\n`);
    expect(root.name).toBe('testsuites');
    const [suite] = childrenNamed(root, 'testsuite');
    expect(childrenNamed(suite!, 'testcase').map((testCase) => testCase.attributes.name)).toEqual([
      'passes',
      'fails',
      'breaks',
      'warns',
    ]);
    expect(childrenNamed(suite!.children[1]!, 'failure')[0]!.text).toBe('line 1\nline 2');
  });

  it('keeps hostile names, messages and details inside their attribute or element, on one visible line each', () => {
    const lines = junitXml(HOSTILE, [
      {
        name: HOSTILE,
        cases: [
          {
            classname: HOSTILE,
            name: HOSTILE,
            file: HOSTILE,
            problem: { kind: 'failure', message: HOSTILE, type: HOSTILE, details: [HOSTILE, HOSTILE] },
            output: [HOSTILE],
          },
        ],
      },
    ]);
    // One value, as a parser reads it back: visible escapes for what may not stay, nothing else changed.
    const shown = 'x"/><testcase name="fake\'&amp;]]>\\x00\\x1b[31m\\n::error::pwned\\u202e\\uffff';
    const root = parseXml(lines.join('\n'));
    expect(root.attributes.name).toBe(shown);
    const suite = childrenNamed(root, 'testsuite')[0]!;
    expect(suite.attributes.name).toBe(shown);
    expect(suite.children).toHaveLength(1);
    const testCase = suite.children[0]!;
    expect(testCase.attributes).toEqual({ classname: shown, name: shown, file: shown, time: '0' });
    const [failure, output] = testCase.children;
    expect(failure!.attributes).toEqual({ message: shown, type: shown });
    expect(failure!.text).toBe(`${shown}\n${shown}`);
    expect(output).toMatchObject({ name: 'system-out', text: shown });
    // No line of the document holds anything of the value but its escapes.
    expect(lines.join('\n')).not.toMatch(/^::/m);
    expect(hasUnsafeCharacters(lines.join(''))).toBe(false);
    expect(lines.join('').includes('\uffff')).toBe(false);
  });
});
