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

/**
 * Checks a cron schedule for real: exactly five fields (minute, hour, day of month, month, day of
 * week) with values in range (names allowed for months and weekdays, 7 = Sunday), lists, ranges and
 * steps, or one of {@link PIPELINE_CRON_MACROS}. The fields are checked here, then parsed by
 * cron-parser (which also rejects dates that never occur, like `0 0 31 2 *`); the checks here guard its
 * leniencies: it accepts four or six fields, `?`, `L`, `#`, `H` and steps larger than the range.
 *
 * @returns undefined when the schedule is valid, else what is wrong.
 * @example checkPipelineCron('*\/15 * * * *') // => undefined
 * @example checkPipelineCron('99 * * * *') // => { kind: 'field', reason: 'minute 99 is out of range 0-59' }
 */
export function checkPipelineCron(schedule: string): PipelineCronProblem | undefined {
  const trimmed = schedule.trim();
  const expression = trimmed.startsWith('@') ? PIPELINE_CRON_MACROS[trimmed.toLowerCase()] : trimmed;
  if (expression === undefined) return { kind: 'shape' };
  const fields = expression.split(/\s+/);
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
