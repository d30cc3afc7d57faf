import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The core writes no command-line flag: an error names the request's field (`field`, `fieldHint`) and
 * each CLI names it by its flag (cli-kit's `fieldLabel`). This scans every non-test source of the core
 * for a flag opening a quoted string or code span: a quote, a double quote or a backtick followed by
 * two dashes.
 */

const source = dirname(fileURLToPath(import.meta.url));

const FLAG = /['"`]--/;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const path = join(folder, item.name);
    if (item.isDirectory()) return sources(path);
    return item.name.endsWith('.ts') && !item.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file:line: text` for every line of these files that quotes a flag. */
function flagLines(files: readonly string[]): string[] {
  return files.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((text, index) =>
        FLAG.test(text) ? [`${relative(source, path)}:${index + 1}: ${text.trim()}`] : [],
      ),
  );
}

describe('no command-line flags in the core', () => {
  const files = sources(source);

  it('finds them where they are (the scan can fail)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(FLAG.test("throw new UsageError('--columns: x')")).toBe(true);
    expect(FLAG.test('`--max-memory`')).toBe(true);
    expect(FLAG.test('"--x"')).toBe(true);
    expect(FLAG.test('partials[--count]')).toBe(false);
  });

  it('no source quotes a flag', () => {
    expect(flagLines(files)).toEqual([]);
  });
});
