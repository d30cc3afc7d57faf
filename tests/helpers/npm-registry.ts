/**
 * A local npm registry serving this repository's packages as they would be published (`npm pack` of
 * every workspace), so that a test can let npm really install `@mlops/cli@<version>` without anything
 * being published: tests/helpers/npm-registry-server.mjs, in a process of its own (the runner
 * emulations block this process in spawnSync while npm runs). npm is pointed at it the way
 * actions/setup-node does with `registry-url` and `scope`: a user config file (NPM_CONFIG_USERCONFIG)
 * saying `@mlops:registry=<url>`. Only @mlops/* comes from here; every other package from the registry
 * npm normally uses, or from npm's cache, which `npm ci` of this repository has filled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packWorkspaces, type Tarball } from '../../scripts/pack-install.mjs';

export interface LocalRegistry {
  /** Where it listens: `http://127.0.0.1:<port>/<token>/`. */
  url: string;
  /** The packages it serves, packed by `npm pack`. */
  tarballs: Tarball[];
  /**
   * The environment that points npm at it: a user config file holding the machine's own user config,
   * then `@mlops:registry=<url>`; `prefer-offline`, so that npm takes the other packages' metadata
   * from its cache when it holds them instead of asking the npm registry again; short waits between
   * retries.
   */
  env: Record<string, string | undefined>;
  /** What npm asked it for, in order: `GET /@mlops/cli 200`, `GET /@mlops/cli/-/cli-0.1.0.tgz 200`. */
  requests(): string[];
  stop(): Promise<void>;
}

/** The user config npm reads when nothing says otherwise (npm_config_userconfig in any case, else ~/.npmrc). */
function machineUserConfig(): string {
  const key = Object.keys(process.env).find((name) => name.toLowerCase() === 'npm_config_userconfig');
  const file = (key && process.env[key]) || join(homedir(), '.npmrc');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The first line the server prints (its URL); rejects when it ends or stays silent first. */
async function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm-registry-server: no URL after ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve(stdout.slice(0, stdout.indexOf('\n')));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm-registry-server ended (exit ${code}) before it listened:\n${stderr}`));
    });
  });
}

/**
 * Packs every workspace package into `folder`/tarballs and starts a registry serving them. Its files
 * (the request log, the user config) go into `folder` too.
 */
export async function startLocalRegistry(folder: string): Promise<LocalRegistry> {
  const tarballs = packWorkspaces(join(folder, 'tarballs'));
  const log = join(folder, 'requests.log');
  writeFileSync(log, '');
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'npm-registry-server.mjs'), log, ...tarballs.map((tarball) => tarball.file)],
    // Its stdin stays open while this process runs: the server ends when it closes.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let url: string;
  try {
    url = await firstLine(child, 10_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  const userconfig = join(folder, 'npmrc');
  const own = machineUserConfig();
  writeFileSync(userconfig, `${own}${own === '' || own.endsWith('\n') ? '' : '\n'}@mlops:registry=${url}\n`);
  // Every spelling of the variable but ours goes: npm reads them all, in no order one can rely on.
  const others = Object.keys(process.env).filter(
    (name) => name.toLowerCase() === 'npm_config_userconfig' && name !== 'npm_config_userconfig',
  );
  return {
    url,
    tarballs,
    env: {
      ...Object.fromEntries(others.map((name) => [name, undefined])),
      npm_config_userconfig: userconfig,
      npm_config_prefer_offline: 'true',
      // npm retries a failed fetch after 10 s, then 60 s: a packument this server got wrong (a tarball
      // not matching its integrity) would end the step at the runners' time limit (60 s) without
      // npm's error. With these waits npm gives up in seconds and says why.
      npm_config_fetch_retry_mintimeout: '500',
      npm_config_fetch_retry_maxtimeout: '1000',
    },
    requests: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}

/**
 * What npm asks a registry serving `tarballs` for when it installs them with none of them in its
 * cache: each packument and each tarball, once, at the paths npm's registry uses; sorted.
 */
export function installRequests(tarballs: readonly Tarball[]): string[] {
  return tarballs
    .flatMap(({ name, version }) => [
      `GET /${name} 200`,
      `GET /${name}/-/${name.replace(/^@[^/]+\//, '')}-${version}.tgz 200`,
    ])
    .sort();
}

/**
 * The registry's environment with a user config that does not name it (the machine's own user
 * config alone, written to `file`): for a test where only a project's `.npmrc` points npm at it.
 */
export function envWithoutScope(registry: LocalRegistry, file: string): Record<string, string | undefined> {
  writeFileSync(file, machineUserConfig());
  return { ...registry.env, npm_config_userconfig: file };
}
