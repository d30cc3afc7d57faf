import type { OutputStream } from '@mlops/cli-kit';
import { escapeText } from '@mlops/core';

const MEGABYTE = 1024 * 1024;

/**
 * A one-line progress display on a terminal's stderr, rewritten in place: bytes read per file while
 * the files are read, then the columns analysed. `done()` clears it before the report is printed.
 * File names are escaped (escapeText); the only control codes are its own CR and erase-line.
 */
export function progressLine(stream: OutputStream) {
  const files = new Map<string, { read: number; total: number }>();
  let lastText = '';
  const show = (text: string) => {
    if (text === lastText) return;
    lastText = text;
    stream.write(`\r\u001b[K${text}`);
  };
  return {
    reading(file: string, bytesRead: number, totalBytes: number): void {
      files.set(file, { read: bytesRead, total: totalBytes });
      const parts = [...files].map(
        ([name, { read, total }]) =>
          `${escapeText(name)} ${Math.round(read / MEGABYTE)}/${Math.round(total / MEGABYTE)} MB`,
      );
      show(`reading ${parts.join(', ')}`);
    },
    analysing(done: number, total: number): void {
      show(`analysing columns ${done}/${total}`);
    },
    done(): void {
      if (lastText !== '') stream.write('\r\u001b[K');
      lastText = '';
    },
  };
}
