// Types of scripts/check-cycles.mjs, for tests/tooling/check-cycles.test.ts (tsc does not read JavaScript here).

/** Relative specifiers a module imports (`from '…'`, `import '…'`, `import('…')`), comments left out. */
export function relativeImports(text: string): string[];
/** Every cycle of the import graph of these `.ts` files, each as the list of its files. */
export function importCycles(files: readonly string[]): string[][];
