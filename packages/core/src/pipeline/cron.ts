import { CronExpressionParser } from 'cron-parser';

/** The cron macros accepted (Vixie cron's, minus @reboot, which is not a schedule). */
export const PIPELINE_CRON_MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of the first name (1 for months, 0 for weekdays). */
  nameBase?: number;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES, nameBase: 0 },
];

/** Why a schedule is not valid: `shape` when it is not five fields or a macro at all. */
export type PipelineCronProblem = { kind: 'shape' } | { kind: 'field'; reason: string };

function fieldValue(token: string, field: CronField): number | string {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < field.min || value > field.max)
      return `${field.name} ${token} is out of range ${field.min}-${field.max}`;
    return value;
  }
  const position = field.names?.indexOf(token.toLowerCase()) ?? -1;
  if (position >= 0) return position + field.nameBase!;
  return field.names
    ? `${field.name} '${token}' is not a number ${field.min}-${field.max} or a name (${field.names[0]}-${field.names[field.names.length - 1]})`
    : `${field.name} '${token}' is not a number ${field.min}-${field.max}`;
}

/** Checks one field: a list of `*`, `n`, `n-m`, each optionally `/step`. Returns a reason or undefined. */
function checkField(text: string, field: CronField): string | undefined {
  for (const item of text.split(',')) {
    if (item === '') return `${field.name} '${text}' has an empty list item`;
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return `${field.name} '${item}' has more than one '/'`;
    const span = field.max - field.min + 1;
    if (step !== undefined) {
      if (!/^\d+$/.test(step)) return `${field.name} step '${step}' is not a whole number`;
      const stepValue = Number(step);
      if (stepValue < 1 || stepValue > span) return `${field.name} step ${step} is out of range 1-${span}`;
    }
    if (range === '*') continue;
    const bounds = range!.split('-');
    if (bounds.length > 2 || bounds.some((bound) => bound === ''))
      return `${field.name} '${item}' is not a value, a range or *`;
    const values = bounds.map((bound) => fieldValue(bound, field));
    const problem = values.find((value) => typeof value === 'string');
    if (problem !== undefined) return problem as string;
    if (values.length === 2 && (values[0] as number) > (values[1] as number))
      return `${field.name} range '${range}' runs backwards`;
  }
  return undefined;
}

/** Names of the white-space characters cron does not take as a separator, for messages. */
const SPACE_NAMES = new Map<number, string>([
  [0x0a, 'a line feed'],
  [0x0b, 'a vertical tab'],
  [0x0c, 'a form feed'],
  [0x0d, 'a carriage return'],
  [0xa0, 'a no-break space'],
  [0x1680, 'an Ogham space mark'],
  [0x2028, 'a line separator'],
  [0x2029, 'a paragraph separator'],
  [0x202f, 'a narrow no-break space'],
  [0x205f, 'a medium mathematical space'],
  [0x3000, 'an ideographic space'],
  [0xfeff, 'a zero-width no-break space (byte order mark)'],
]);

/** The text without leading and trailing spaces and tabs (a loop: a regular expression can be quadratic here). */
function trimBlanks(text: string): string {
  const isBlank = (code: number) => code === 0x20 || code === 0x09;
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** `U+00A0 (a no-break space)`. */
function describeSpace(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    SPACE_NAMES.get(code) ?? (code >= 0x2000 && code <= 0x200a ? 'a typographic space' : undefined);
  return name === undefined ? hex : `${hex} (${name})`;
}

/**
 * Checks a cron schedule for real: exactly five fields (minute, hour, day of month, month, day of
 * week) with values in range (names allowed for months and weekdays, 7 = Sunday), lists, ranges and
 * steps, or one of {@link PIPELINE_CRON_MACROS}. The fields are checked here, then parsed by
 * cron-parser (which also rejects dates that never occur, like `0 0 31 2 *`); the checks here guard its
 * leniencies: it accepts four or six fields, `?`, `L`, `#`, `H` and steps larger than the range.
 *
 * Fields are separated as cron separates them: by spaces and tabs, one or more (Vixie cron skips runs
 * of blanks between fields, and leading ones). Any other white space (a line feed, a no-break space,
 * another Unicode space) is refused, naming the character: cron would read it as part of a field or
 * as the end of the line.
 *
 * @returns undefined when the schedule is valid, else what is wrong.
 * @example checkPipelineCron('*\/15 * * * *') // => undefined
 * @example checkPipelineCron('99 * * * *') // => { kind: 'field', reason: 'minute 99 is out of range 0-59' }
 * @example checkPipelineCron('0 2\u00a0* * *') // => { kind: 'field', reason: 'character 4 is U+00A0 (a no-break space); cron separates fields with spaces and tabs only' }
 */
export function checkPipelineCron(schedule: string): PipelineCronProblem | undefined {
  const other = /[^\S \t]/.exec(schedule);
  if (other)
    return {
      kind: 'field',
      reason: `character ${other.index + 1} is ${describeSpace(other[0].charCodeAt(0))}; cron separates fields with spaces and tabs only`,
    };
  const trimmed = trimBlanks(schedule);
  const macro = trimmed.toLowerCase();
  const expression = trimmed.startsWith('@')
    ? Object.hasOwn(PIPELINE_CRON_MACROS, macro)
      ? PIPELINE_CRON_MACROS[macro]
      : undefined
    : trimmed;
  if (expression === undefined) return { kind: 'shape' };
  const fields = expression.split(/[ \t]+/);
  if (fields.length !== 5) return { kind: 'shape' };
  for (let index = 0; index < 5; index++) {
    const reason = checkField(fields[index]!, FIELDS[index]!);
    if (reason !== undefined) return { kind: 'field', reason };
  }
  try {
    CronExpressionParser.parse(expression, { strict: false });
  } catch (error) {
    return { kind: 'field', reason: (error as Error).message.replace(/\.$/, '').toLowerCase() };
  }
  return undefined;
}
