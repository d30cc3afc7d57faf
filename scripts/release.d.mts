// Types of scripts/release.mjs, for tests/tooling/release.test.ts (tsc does not read JavaScript here).

export class ReleaseError extends Error {
  exitCode: 1 | 2;
}

export interface WorkspacePackage {
  /** The package's folder, relative to the root (`packages/core`). */
  dir: string;
  manifest: { name: string; version: string; [field: string]: unknown };
}

export function compareVersions(a: string, b: string): -1 | 0 | 1;
export function workspacePackages(root?: string): WorkspacePackage[];
export function releaseChangelog(text: string, version: string, date: string): string;
export function releaseEdits(
  root: string,
  version: string,
  date: string,
): { current: string; packages: WorkspacePackage[]; edits: Map<string, string> };
export function release(options: {
  version: string;
  dryRun: boolean;
  offline?: boolean;
  root?: string;
  date?: string;
  log?: (line: string) => void;
}): void;
