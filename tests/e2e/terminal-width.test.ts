import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayWidth } from '@mlops/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, ROOT, runBin } from '../helpers/bins.js';

/**
 * The text output in a real terminal: each command runs inside tmux, in a window 80 or 120 columns
 * wide, and what the window shows is read back with wrapped lines joined (capture-pane -J), so a line
 * the terminal had to wrap shows as one line wider than the window. Needs tmux (Debian's package,
 * which .ci/run installs); skipped, saying why, without it.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux)
  console.warn('terminal-width.test.ts: tmux is not installed, the real-terminal checks are skipped');

let dir: string;
let socket: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-tty-'));
  socket = join(dir, 'tmux.socket');
  // A session that lasts the whole file, so that the server never runs out of sessions: a server
  // whose last session ends exits, and a command reaching it while it exits fails ("server exited
  // unexpectedly").
  if (hasTmux) tmux(['new-session', '-d', '-s', 'keeper', 'sleep 3600']);
  const registry = ['--registry', join(dir, 'registry.json')];
  const metrics = JSON.stringify({
    auc: 0.91,
    false_positive_rate: 0.012,
    latency_p95_ms: 41,
    throughput_rps: 950,
    brier_score: 0.07,
  });
  for (const [name, version] of [
    ['推荐模型-ranking', '2.10.0-rc.1'],
    ['fraud-detector', '1.4.0'],
    ['fraud-detector', '1.5.0-rc.1'],
    ['fraud-detector', '2.0.0'],
  ]) {
    const registered = runBin('mlops', [
      'registry',
      'register',
      ...registry,
      '--name',
      name!,
      '--version',
      version!,
      '--metrics',
      metrics,
    ]);
    expect(registered.code).toBe(0);
    const promoted = runBin('mlops', [
      'registry',
      'promote',
      ...registry,
      '--name',
      name!,
      '--version',
      version!,
      '--stage',
      'staging',
      '--reason',
      'offline evaluation on the November holdout passed every gate; shadow traffic for a week next',
    ]);
    expect(promoted.code).toBe(0);
  }
});

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-S', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a tmux command on the test's own server (its socket in the test's folder; no config file). */
function tmux(args: readonly string[]): string {
  return execFileSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

/** The line the window's shell prints once the bin has exited. */
const DONE = '__mlops_test_done__';

/**
 * What a tmux window `columns` wide shows after `args` run in it: its lines, wrapped ones joined, up
 * to the bin's exit. The window is read until the shell's DONE line shows (tmux reads the pane's
 * output on its own schedule, so a signal sent after the bin exits could come before its last lines).
 */
async function inTerminal(columns: number, args: readonly string[]): Promise<string[]> {
  const session = `w${columns}-${Math.random().toString(36).slice(2, 8)}`;
  const command = [
    'env -u MLOPS_REGISTRY -u FORCE_COLOR NO_COLOR=1',
    process.execPath,
    BINS.mlops,
    ...args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`),
    `; echo ${DONE}; sleep 60`,
  ].join(' ');
  tmux(['new-session', '-d', '-s', session, '-x', String(columns), '-y', '100', '-c', dir, command]);
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const shown = tmux(['capture-pane', '-p', '-J', '-t', session]).split('\n');
      const done = shown.indexOf(DONE);
      if (done !== -1) return shown.slice(0, done);
      if (Date.now() > deadline) throw new Error(`the window never showed ${DONE}:\n${shown.join('\n')}`);
      await new Promise((wake) => setTimeout(wake, 50));
    }
  } finally {
    spawnSync('tmux', ['-S', socket, 'kill-session', '-t', session]);
  }
}

const commands: [string, string[], RegExp][] = [
  [
    'drift',
    [
      'drift',
      '--reference',
      join(ROOT, 'fixtures', 'drift/reference.csv'),
      '--current',
      join(ROOT, 'fixtures', 'drift/current.csv'),
    ],
    /^monthly_spend +numeric +legacy/,
  ],
  ['registry list', ['registry', 'list', '--registry', 'registry.json'], /^fraud-detector +1\.4\.0 +staging/],
  [
    'registry history',
    ['registry', 'history', '--registry', 'registry.json'],
    /promote +fraud-detector 1\.4\.0 +development -> staging/,
  ],
  [
    'registry compare',
    [
      'registry',
      'compare',
      '--registry',
      'registry.json',
      '--name',
      'fraud-detector',
      '--versions',
      '1.4.0',
      '1.5.0-rc.1',
      '2.0.0',
    ],
    /^ +false_positive_rate +0\.012 /,
  ],
  ['pipeline rules', ['pipeline', 'rules'], /^INVALID_JSON +error +/],
  ['help', ['registry', 'register', '--help'], /^ +--metrics <json> +metrics as a JSON object/],
];

describe.skipIf(!hasTmux).each([80, 120])('in a terminal %i columns wide', (columns) => {
  it.each(commands)('%s: no line is wider than the window, none wrapped', async (_, args, row) => {
    const lines = await inTerminal(columns, args);
    // Past the heading of the drift report, whose file names are never cut (the window wraps them).
    const checked = args[0] === 'drift' ? lines.slice(1) : lines;
    for (const line of checked) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    expect(lines.some((line) => row.test(line))).toBe(true);
  });
});
