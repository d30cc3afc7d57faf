import { UsageError } from '@mlops/core';
import { Option } from 'commander';

/**
 * `--format <format>` with its choices, as every tool declares it (an unknown value is commander's
 * usage error, listing the choices). `--json` stays beside it as the legacy spelling of
 * `--format json`: see {@link chosenFormat}.
 *
 * @example command.addOption(formatOption(['text', 'json']))
 */
export function formatOption(
  choices: readonly string[],
  description = `output format: ${choices.join(', ')} (default: ${choices[0]})`,
): Option {
  return new Option('--format <format>', description).choices([...choices]);
}

/**
 * The format a command prints in: `json` under `--json`, else `--format`, else `fallback`. `--json`
 * with another `--format` is refused rather than one of them silently winning.
 *
 * @throws UsageError (exit 2) for `--json` with `--format` other than json.
 * @example chosenFormat({ json: true }, 'text') // => 'json'
 * @example chosenFormat({ format: 'markdown' }, 'text') // => 'markdown'
 */
export function chosenFormat<Format extends string>(
  options: { json?: boolean; format?: Format },
  fallback: Format,
): Format | 'json' {
  if (options.json === true) {
    if (options.format !== undefined && options.format !== 'json')
      throw new UsageError(`--json contradicts --format ${options.format}: give one of them`);
    return 'json';
  }
  return options.format ?? fallback;
}
