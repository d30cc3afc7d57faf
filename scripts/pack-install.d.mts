// Types of scripts/pack-install.mjs, for tests/e2e/pack-install.test.ts (tsc does not read JavaScript here).

/** One packed workspace package. */
export interface Tarball {
  name: string;
  version: string;
  /** The tarball's absolute path. */
  file: string;
  /** Bytes of the tarball. */
  size: number;
  /** Bytes of its files, unpacked. */
  unpackedSize: number;
  /** The paths it holds, sorted. */
  paths: string[];
}

export function npmEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function packWorkspaces(destination: string): Tarball[];
export function installTarballs(folder: string, tarballs: readonly Tarball[]): void;
export function folderBytes(folder: string): number;
export function packAndInstall(folder: string): {
  tarballs: Tarball[];
  project: string;
  packSeconds: number;
  installSeconds: number;
};
