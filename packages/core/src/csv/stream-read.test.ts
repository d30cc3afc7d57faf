import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBudgetError, ReadMemory } from './memory.js';
import { isNamedPipe, ReadAbandoned, readPipeBytes } from './stream-read.js';
import { inProcessTableReader } from './table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function fifo(): string {
  const path = join(dir, `pipe-${count++}`);
  spawnSync('mkfifo', [path]);
  return path;
}
/** A writer that opens the pipe, waits, then writes `text` (a shell, so this thread stays free). */
function writeLater(path: string, text: string, seconds = 0.2) {
  const source = join(dir, `text-${count++}`);
  writeFileSync(source, text);
  return spawn('sh', ['-c', `sleep ${seconds}; cat '${source}' > '${path}'`], { stdio: 'ignore' });
}

describe('named pipes are read through the event loop', () => {
  it('tells a pipe from a file without opening it', () => {
    expect(isNamedPipe(fifo())).toBe(true);
    expect(isNamedPipe(dir)).toBe(false);
    expect(isNamedPipe(join(dir, 'none'))).toBe(false);
  });

  it('waits for the writer, then reads everything it writes', async () => {
    const path = fifo();
    writeLater(path, 'a,b\n1,2\n');
    const memory = new ReadMemory('p');
    expect((await readPipeBytes(path, 'p', memory)).toString()).toBe('a,b\n1,2\n');
    expect(memory.bytesRead).toBe(8);
  });

  it('can be abandoned while no writer has come: nothing stays blocked', async () => {
    const lifetime = new AbortController();
    const read = readPipeBytes(fifo(), 'p', new ReadMemory('p'), lifetime.signal);
    setTimeout(() => lifetime.abort(), 50);
    await expect(read).rejects.toBeInstanceOf(ReadAbandoned);
  });

  it('stops at the memory limit', async () => {
    const path = fifo();
    const writer = spawn('sh', ['-c', `yes 1,2 > '${path}'`], { stdio: 'ignore' });
    const read = readPipeBytes(path, 'p', new ReadMemory('p', 1e6));
    await expect(read).rejects.toBeInstanceOf(MemoryBudgetError);
    writer.kill();
  });

  it('the in-process reader reads a pipe as a table, and close() abandons one with no writer', async () => {
    const reader = inProcessTableReader();
    const path = fifo();
    writeLater(path, 'a;b\n1;x\n2;y\n');
    const table = await reader.read(path, { file: 'p.csv', sortNumbers: true });
    expect(table).toMatchObject({ header: ['a', 'b'], rowCount: 2, delimiter: ';' });
    const waiting = reader.read(fifo(), { file: 'never.csv' });
    setTimeout(() => void reader.close(), 50);
    await expect(waiting).rejects.toBeInstanceOf(ReadAbandoned);
  });
});
