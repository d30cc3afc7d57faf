import { describe, expect, it } from 'vitest';
import { displayWidth, fitRow, padDisplay } from './width.js';

describe('displayWidth', () => {
  it.each([
    ['model', 5],
    ['', 0],
    ['推荐模型', 8],
    ['🙂', 2],
    ['👩‍💻', 2],
    ['e\u0301', 1],
    ['\\x1b[2J', 7],
    ['ｆｕｌｌ', 8],
  ])('%j is %d columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('padDisplay', () => {
  it('pads by display columns, never cuts', () => {
    expect(padDisplay('推荐', 6)).toBe('推荐  ');
    expect(padDisplay('abc', 5)).toBe('abc  ');
    expect(padDisplay('abcdef', 3)).toBe('abcdef');
  });
});

describe('fitRow', () => {
  it('cuts only the free text after the fixed columns, with an ellipsis', () => {
    expect(fitRow('name  1.0  auc=0.91, loss=0.2', 20, 11)).toBe('name  1.0  auc=0.91…');
    expect(displayWidth(fitRow('name  1.0  auc=0.91, loss=0.2', 20, 11))).toBe(20);
  });

  it('keeps a row that fits, and one whose fixed part alone does not', () => {
    expect(fitRow('short', 80, 2)).toBe('short');
    expect(fitRow('a very long fixed part', 10, 20)).toBe('a very long fixed part');
  });

  it('never splits a wide character or a cluster', () => {
    expect(fitRow('id 推荐模型推荐', 10, 3)).toBe('id 推荐模…');
    expect(fitRow('id 👩‍💻👩‍💻👩‍💻', 8, 3)).toBe('id 👩‍💻👩‍💻…');
  });
});
