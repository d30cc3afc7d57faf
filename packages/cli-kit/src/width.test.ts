import { describe, expect, it } from 'vitest';
import { cutToWidth, displayWidth, layoutTable, padDisplay, wrapToWidth } from './width.js';

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

describe('cutToWidth', () => {
  it('keeps a text that fits, and cuts one that does not with an ellipsis, by display columns', () => {
    expect(cutToWidth('auc=0.91', 8)).toBe('auc=0.91');
    expect(cutToWidth('auc=0.91, loss=0.2', 9)).toBe('auc=0.91…');
    expect(displayWidth(cutToWidth('auc=0.91, loss=0.2', 9))).toBe(9);
    expect(cutToWidth('auc', 1)).toBe('…');
    expect(cutToWidth('auc', 0)).toBe('');
    expect(cutToWidth('', 0)).toBe('');
  });

  it('never splits a wide character or a cluster', () => {
    expect(cutToWidth('推荐模型推荐', 7)).toBe('推荐模…');
    expect(cutToWidth('推荐模型推荐', 8)).toBe('推荐模…');
    expect(cutToWidth('👩‍💻👩‍💻👩‍💻', 5)).toBe('👩‍💻👩‍💻…');
    expect(cutToWidth('e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301e\u0301');
    expect(cutToWidth('e\u0301e\u0301e\u0301e', 3)).toBe('e\u0301e\u0301…');
  });
});

describe('layoutTable', () => {
  const rows = [
    ['Name', 'Stage', 'Metrics'],
    ['推荐模型', 'production', 'auc=0.91, false_positive_rate=0.012'],
    ['ranker', 'staging', 'auc=0.88'],
  ];

  it('without a terminal: the least widths kept, longer cells widen their column, every row whole', () => {
    const table = layoutTable(rows, { minWidths: [10, 12] });
    expect(table.rows).toEqual([
      'Name       Stage        Metrics',
      '推荐模型   production   auc=0.91, false_positive_rate=0.012',
      'ranker     staging      auc=0.88',
    ]);
    expect(table.fixedWidth).toBe(24);
  });

  it('on a wide terminal: the least widths kept, the free column cut to fit', () => {
    const table = layoutTable(rows, { minWidths: [10, 12], columns: 40 });
    expect(table.rows[1]).toBe('推荐模型   production   auc=0.91, false…');
    for (const row of table.rows) expect(displayWidth(row)).toBeLessThanOrEqual(40);
  });

  it('on a narrow terminal: the fixed columns shrink to their widest cells first', () => {
    const table = layoutTable(rows, { minWidths: [10, 12], columns: 32 });
    expect(table.fixedWidth).toBe(20);
    expect(table.rows).toEqual([
      'Name     Stage      Metrics',
      '推荐模型 production auc=0.91, f…',
      'ranker   staging    auc=0.88',
    ]);
  });

  it('never cuts a fixed column: rows whose fixed part does not fit are stacked, the header left out', () => {
    const table = layoutTable(
      [
        ['Name', 'Stage', 'Metrics'],
        ['a-very-long-model-name', 'production', 'auc=0.91, false_positive_rate=0.012'],
      ],
      { columns: 30, header: true },
    );
    expect(table.stacked).toBe(true);
    expect(table.rows).toEqual([
      'a-very-long-model-name\n  production\n  auc=0.91,\n  false_positive_rate=0.012',
    ]);
    for (const line of table.rows[0]!.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    // Without a terminal, the same rows in columns.
    expect(layoutTable([['a-very-long-model-name', 'production', 'auc=0.91']]).rows).toEqual([
      'a-very-long-model-name production auc=0.91',
    ]);
  });

  it('takes another gap, and a one-column table is its free text', () => {
    expect(layoutTable([['a', 'b']], { gap: '  ' }).rows).toEqual(['a  b']);
    expect(layoutTable([['only one']], { columns: 6 }).rows).toEqual(['only …']);
  });
});

describe('wrapToWidth', () => {
  it('wraps at spaces with a hanging indent, by display columns', () => {
    expect(wrapToWidth('update encoding and retrain', 16, 2)).toEqual(['update encoding', '  and retrain']);
    expect(wrapToWidth('推荐 模型 推荐 模型', 10, 0)).toEqual(['推荐 模型', '推荐 模型']);
    for (const line of wrapToWidth('a b c d e f g h i j k l m n o p', 7, 2))
      expect(displayWidth(line)).toBeLessThanOrEqual(7);
  });

  it('keeps the text whole without a width, and a word longer than a line on a line of its own', () => {
    expect(wrapToWidth('update encoding and retrain', undefined)).toEqual(['update encoding and retrain']);
    expect(wrapToWidth('see averyveryverylongword now', 8, 2)).toEqual([
      'see',
      '  averyveryverylongword',
      '  now',
    ]);
  });
});
