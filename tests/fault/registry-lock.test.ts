import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { LONG_RUN } from '../fuzz/harness.js';
import { BINS, cleanEnv } from '../helpers/bins.js';
import {
  type Entry,
  entries,
  historyCount,
  probe,
  register,
  run,
  start,
  testFolder,
  UNSHARE,
} from './registry-lock-helpers.js';

/**
 * The registry's lock where CI actually runs: writers in different PID namespaces sharing one folder
 * (containers with host networking, pods sharing a volume), writers whose clocks disagree, history
 * written by skewed clocks, a registry owned by another user, a registry path that is a dangling
 * symbolic link. (A holder killed in another namespace, and one stopped with SIGSTOP, whose lock is
 * taken over after the stale period: registry-lock-takeover.test.ts.)
 *
 * The namespace cases need `unshare --pid` (root, or unprivileged user namespaces); the clock cases
 * need `faketime` (Debian package `faketime`, installed by .ci/run); each is skipped, saying why,
 * where that is missing. Every case has its own folder and they run at once.
 */

/** Writers per group in the races below: 20 in a long run (`npm run fuzz`), 8 in `npm test`. */
const GROUP = LONG_RUN ? 20 : 8;

/** faketime works when a process under `+11 minutes` sees a clock about 660 s ahead. */
const FAKETIME = (() => {
  try {
    const result = spawnSync(
      'faketime',
      ['+11 minutes', process.execPath, '-e', 'process.stdout.write(String(Date.now()))'],
      { encoding: 'utf8', timeout: 10_000 },
    );
    return result.status === 0 && Math.abs(Number(result.stdout) - Date.now() - 660_000) < 60_000;
  } catch {
    return false;
  }
})();
const ROOT_USER = process.getuid?.() === 0;
if (!UNSHARE)
  console.warn(
    'registry-lock: PID-namespace cases skipped: `unshare --pid --fork --mount-proc` is not permitted here',
  );
if (!FAKETIME)
  console.warn('registry-lock: clock-skew cases skipped: `faketime` is missing (apt-get install faketime)');

describe.skipIf(!UNSHARE).concurrent('writers in two PID namespaces sharing the folder', () => {
  it(`two groups of ${GROUP} concurrent registers, each in its own PID namespace, leave ${2 * GROUP} entries and ${2 * GROUP} history records`, async ({
    expect,
    onTestFinished,
  }) => {
    const folder = testFolder(onTestFinished);
    const { dir, registry } = folder;
    // Each group is one `unshare --pid`: a shell (PID 1 there) starts GROUP writers at once and waits for
    // them; each writer leaves its exit code and stderr in files. In each namespace the other group's
    // PIDs either do not exist or are other processes: a PID proves nothing across them.
    const script = `for i in $(seq 1 ${GROUP}); do ("$5" "$1" --registry "$2" register --name model --version "$3-$i" >/dev/null 2>"$4/err.$3-$i"; echo $? >"$4/code.$3-$i") & done; wait`;
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const group = (name: string) =>
      new Promise<number | null>((resolve) =>
        spawn(
          'unshare',
          [
            '--pid',
            '--fork',
            '--mount-proc',
            'sh',
            '-c',
            script,
            'sh',
            BINS['model-registry'],
            registry,
            name,
            logs,
            process.execPath,
          ],
          { env: cleanEnv({ MLOPS_ACTOR: 'lock-test' }), stdio: 'ignore' },
        ).on('close', resolve),
      );
    expect(await Promise.all([group('a'), group('b')])).toEqual([0, 0]);
    const versions = ['a', 'b'].flatMap((name) =>
      Array.from({ length: GROUP }, (_, index) => `${name}-${index + 1}`),
    );
    for (const version of versions) {
      expect(readFileSync(join(logs, `code.${version}`), 'utf8').trim(), version).toBe('0');
      expect(readFileSync(join(logs, `err.${version}`), 'utf8'), version).toBe('');
    }
    expect(
      entries(registry)
        .map((entry) => entry.version)
        .sort(),
    ).toEqual([...versions].sort());
    expect(historyCount(registry)).toBe(2 * GROUP);
    expect(readdirSync(dir).sort()).toEqual(['logs', 'model_registry.json']); // no lock, no temporary file
  }, 120_000);
});

describe.skipIf(!FAKETIME).concurrent('writers whose clocks disagree', () => {
  it(`${GROUP} writers 11 minutes ahead racing ${GROUP} on time leave ${2 * GROUP} entries and ${2 * GROUP} history records`, async ({
    expect,
    onTestFinished,
  }) => {
    const folder = testFolder(onTestFinished);
    const { dir, registry } = folder;
    const writers = Array.from({ length: 2 * GROUP }, (_, index) =>
      start(folder, register(`v${index}`), index % 2 === 0 ? ['faketime', '+11 minutes'] : []),
    );
    const outcomes = await Promise.all(writers.map((writer) => writer.done));
    for (const [index, outcome] of outcomes.entries())
      expect(outcome, `v${index}`).toMatchObject({ code: 0, stderr: '' });
    expect(entries(registry)).toHaveLength(2 * GROUP);
    expect(historyCount(registry)).toBe(2 * GROUP);
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
  }, 120_000);

  it('rollback follows the order of writes, not the clocks: v4 → v3 → v2 → v3 rolls back to v2', async ({
    expect,
    onTestFinished,
  }) => {
    const folder = testFolder(onTestFinished);
    const { registry } = folder;
    for (const version of ['v2', 'v3', 'v4']) expect((await run(folder, register(version))).code).toBe(0);
    const promote = (version: string, offset: string) =>
      run(
        folder,
        ['promote', '--name', 'model', '--version', version, '--stage', 'production'],
        ['faketime', offset],
      );
    for (const [version, offset] of [
      ['v4', '-1 day'],
      ['v3', '+90 minutes'],
      ['v2', '-2 hours'],
      ['v3', '-1 day'],
    ] as const) {
      expect(await promote(version, offset), `${version} at ${offset}`).toMatchObject({
        code: 0,
        stderr: '',
      });
    }
    const history = JSON.parse((await run(folder, ['history', '--name', 'model', '--json'])).stdout) as {
      action: string;
      version: string;
    }[];
    expect(history.filter((record) => record.action === 'promote').map((record) => record.version)).toEqual([
      'v4',
      'v3',
      'v2',
      'v3',
    ]);
    const rollback = await run(folder, ['rollback', '--name', 'model']);
    expect(rollback).toMatchObject({ code: 0, stderr: '' });
    expect(rollback.stdout).toBe(
      'Rolled back: model production: v3 -> v2\nArchived: model v3: production -> archived\n',
    );
    expect(entries(registry).find((entry) => entry.stage === 'production')?.version).toBe('v2');
  }, 60_000);
});

describe.concurrent('owner, group and mode of the registry', () => {
  it.skipIf(!ROOT_USER)(
    'a write by root keeps a 0640 nobody:nogroup registry 0640 nobody:nogroup',
    async ({ expect, onTestFinished }) => {
      const folder = testFolder(onTestFinished);
      const { registry } = folder;
      writeFileSync(registry, '[]\n');
      chownSync(registry, 65534, 65534);
      chmodSync(registry, 0o640);
      expect(await run(folder, register('1'))).toMatchObject({ code: 0, stderr: '' });
      const stats = statSync(registry);
      expect([stats.uid, stats.gid, (stats.mode & 0o7777).toString(8)]).toEqual([65534, 65534, '640']);
      expect(entries(registry).map((entry) => entry.version)).toEqual(['1']);
    },
  );

  it.skipIf(!ROOT_USER || !probe('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']))(
    'a writer who may not give files away (nobody) becomes the owner; the mode is kept',
    async ({ expect, onTestFinished }) => {
      const folder = testFolder(onTestFinished);
      const { dir, registry } = folder;
      chmodSync(dir, 0o777);
      writeFileSync(registry, '[]\n');
      chmodSync(registry, 0o666);
      const outcome = await run(folder, register('1'), [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
      ]);
      expect(outcome).toMatchObject({ code: 0, stderr: '' });
      const stats = statSync(registry);
      expect([stats.uid, stats.gid, (stats.mode & 0o7777).toString(8)]).toEqual([65534, 65534, '666']);
    },
  );
});

describe.concurrent('a registry path that is a dangling symbolic link', () => {
  it('is written through: the target (in another folder) is created and updated, the link stays a link', async ({
    expect,
    onTestFinished,
  }) => {
    const folder = testFolder(onTestFinished);
    const { dir, registry } = folder;
    mkdirSync(join(dir, 'shared'));
    symlinkSync('shared/registry.json', registry); // nothing there yet
    for (const version of ['1', '2'])
      expect(await run(folder, register(version))).toMatchObject({ code: 0, stderr: '' });
    expect(lstatSync(registry).isSymbolicLink()).toBe(true);
    expect(readlinkSync(registry)).toBe('shared/registry.json');
    const target = JSON.parse(readFileSync(join(dir, 'shared', 'registry.json'), 'utf8')) as Entry[];
    expect(target.map((entry) => entry.version)).toEqual(['1', '2']);
    expect(readdirSync(join(dir, 'shared'))).toEqual(['registry.json']); // its lock and temporary file were there
    expect(readdirSync(dir).sort()).toEqual(['model_registry.json', 'shared']);
  });
});
