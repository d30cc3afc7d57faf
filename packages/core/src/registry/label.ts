import { UsageError } from '../errors.js';
import { escapeText, hasUnsafeCharacters } from '../text/escape.js';

/**
 * Checks a name or version given for a new entry: not blank, and free of control, bidirectional and
 * invisible characters (those escapeText escapes), which would act on a terminal or a CI log instead
 * of being shown, or make two different names look the same.
 *
 * @throws UsageError about `field` (the request key: `name` or `version`), showing the value escaped.
 * @example checkRegistryLabel('fraud', 'name') // => 'fraud'
 */
export function checkRegistryLabel(value: string, field: 'name' | 'version'): string {
  if (value.trim() === '') throw new UsageError('must not be empty', { field });
  if (hasUnsafeCharacters(value)) {
    const shown = escapeText(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    throw new UsageError(`"${shown}" holds a control or invisible character`, {
      field,
      hint: 'names and versions are printed in terminals and CI logs; use printable characters only',
    });
  }
  return value;
}

const ALIAS_PATTERN = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * Checks an alias name: a letter, then letters, digits, `.`, `_` or `-`.
 *
 * @throws UsageError about the field `alias`, showing the value.
 * @example checkRegistryAlias('champion') // => 'champion'
 */
export function checkRegistryAlias(alias: string): string {
  if (!ALIAS_PATTERN.test(alias)) {
    throw new UsageError(
      `invalid alias ${JSON.stringify(alias)} (a letter, then letters, digits, ".", "_" or "-")`,
      { field: 'alias' },
    );
  }
  return alias;
}
