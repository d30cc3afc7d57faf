import { Chalk, type ChalkInstance } from 'chalk';

/** The parts of a stream that colour detection looks at. */
export interface ColorTarget {
  isTTY?: boolean;
  getColorDepth?: (env?: NodeJS.ProcessEnv) => number;
}

/**
 * The colour level (0 none, 1 basic, 2 256 colours, 3 truecolor) for one output stream.
 *
 * `FORCE_COLOR` wins (`0`/`false` turns colour off, empty or `1`/`true` gives basic colours, `2`/`3` more);
 * otherwise a non-empty `NO_COLOR` turns it off (https://no-color.org); otherwise colour only on a TTY
 * that is not `TERM=dumb`.
 */
export function colorLevel(stream: ColorTarget, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    if (value === '0' || value === 'false') return 0;
    if (value === '2') return 2;
    if (value === '3') return 3;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  const depth = stream.getColorDepth?.(env) ?? 4;
  if (depth >= 24) return 3;
  if (depth >= 8) return 2;
  return depth >= 4 ? 1 : 0;
}

/** A chalk instance for one stream, following {@link colorLevel}. */
export function colorsFor(stream: ColorTarget, env: NodeJS.ProcessEnv): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env) });
}
