declare const __MLOPS_VERSION__: string;

/** The toolkit's version, set at build time from the root package.json (all packages share it). */
export const VERSION: string = __MLOPS_VERSION__;

/**
 * Whether a bin's whole command line asks for its version alone (`--version` or `-V`), which the bins
 * answer before loading anything else: `mlops --version` then starts in about the time of Node itself.
 * Any other line, `--version` after a command included, goes through the command tree as usual.
 *
 * @example isVersionRequest(['--version']) // => true
 * @example isVersionRequest(['drift', '--version']) // => false
 */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}
