import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINS, type BinName, hasStackTrace, ROOT, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * The conventions every bin shares. What is read from the command line runs each bin's program in this
 * process (runInProcess, checked against the built bins in in-process.test.ts); colour, which depends
 * on the process's streams, runs the built bins.
 */

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const bins = Object.keys(BINS) as BinName[];

describe.each(bins)('%s follows the shared conventions', (bin) => {
  it('prints its help on --help, exit 0', async () => {
    const result = await runInProcess(bin, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: /);
    expect(result.stderr).toBe('');
  });

  it('prints the package version on --version, exit 0', async () => {
    const result = await runInProcess(bin, ['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('rejects an unknown flag with one line on stderr and exit 2', async () => {
    const result = await runInProcess(bin, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: unknown option '--no-such-flag'.*--help/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('colours errors only when asked to: FORCE_COLOR on, NO_COLOR and pipes off', async () => {
    const [plain, noColor] = await Promise.all([
      spawnBin(bin, ['--no-such-flag']),
      spawnBin(bin, ['--no-such-flag'], { env: { NO_COLOR: '1' } }),
    ]);
    expect(plain.stderr).not.toContain('\u001b[');
    expect(noColor.stderr).not.toContain('\u001b[');
  });
});

describe('mlops mounts the three tools', () => {
  it.each([
    ['registry', 'model-registry'],
    ['drift', 'drift-detector'],
    ['pipeline', 'pipeline-validator'],
  ] as const)('mlops %s --help shows the same options as %s --help', async (sub, bin) => {
    const mounted = await runInProcess('mlops', [sub, '--help']);
    const own = await runInProcess(bin, ['--help']);
    expect(mounted.code).toBe(0);
    const options = (text: string) => text.slice(text.indexOf('Options:')).split('\n\n')[0]?.trimEnd();
    expect(options(mounted.stdout)).toBe(options(own.stdout));
    expect(mounted.stdout).toContain(`Usage: mlops ${sub}`);
  });

  it('an unknown command is a usage error', async () => {
    const result = await runInProcess('mlops', ['bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("error: unknown command 'bogus' (see 'mlops --help')");
  });
});
