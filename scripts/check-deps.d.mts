// Types of scripts/check-deps.mjs, for tests/tooling/check-deps.test.ts (tsc does not read JavaScript here).

/** A declared dependency that nothing uses. */
export interface UnusedDependency {
  /** The package.json, relative to the repository folder, with forward slashes. */
  manifest: string;
  /** 'dependencies', 'optionalDependencies', 'peerDependencies' or 'devDependencies'. */
  field: string;
  name: string;
  /** A runtime dependency that tests or tooling use, but the package's own code does not. */
  testOnly: boolean;
}

export function stringLiterals(text: string): string[];
export function namesPackage(value: string, name: string): boolean;
export function typedPackage(typesName: string): string;
export function scriptWords(scripts: Record<string, unknown> | undefined): Set<string>;
export function findUnusedDependencies(root: string): UnusedDependency[];
export function formatUnused(unused: UnusedDependency[]): string[];
