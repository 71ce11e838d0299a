/**
 * Checks of Application Auto Scaling schedule expressions and time zones, so a typo fails before the deployment
 * starts rather than at `PutScheduledAction`, after the endpoint has been created.
 */
import { InvalidArgumentError } from '../errors.js';

const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const RATE = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(([^()]*)\)$/;
// One cron field: numbers, names (MON, JAN), ranges, lists, steps and the special characters * ? L W #.
const CRON_FIELD = /^[0-9A-Za-z*?,/\-#]+$/;

const FORMS =
  'cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 20 ? * MON-FRI *); ' +
  'at(yyyy-mm-ddThh:mm:ss), e.g. at(2025-12-24T18:00:00); or rate(value unit), e.g. rate(6 hours)';

/**
 * Asserts that `expression` is an Application Auto Scaling schedule: `cron(…)` with six fields, one of
 * day-of-month and day-of-week `?` (as in every AWS cron); `at(…)` a real date and time; or `rate(…)`.
 * @throws {@link InvalidArgumentError} naming `argument` otherwise.
 */
export function checkScheduleExpression(argument: string, expression: unknown): string {
  const fail = (why: string) =>
    new InvalidArgumentError(argument, `${argument} is ${JSON.stringify(expression)}: ${why}. Use ${FORMS}.`);
  if (typeof expression !== 'string') throw fail('it must be a string');
  const at = AT.exec(expression);
  if (at !== null) {
    const [, y, mo, d, h, mi, s] = at.map(Number) as [number, number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const real = date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
    if (!real) throw fail('that date and time does not exist');
    return expression;
  }
  if (RATE.test(expression)) return expression;
  const cron = CRON.exec(expression);
  if (cron === null) throw fail('it is not a cron, at or rate expression');
  const fields = (cron[1] ?? '').trim().split(/\s+/);
  if (fields.length !== 6) throw fail(`a cron expression has 6 fields, this one has ${fields.length}`);
  if (!fields.every((field) => CRON_FIELD.test(field))) throw fail('a cron field has a character cron does not use');
  if (fields[2] !== '?' && fields[4] !== '?') {
    throw fail('one of day-of-month (3rd field) and day-of-week (5th field) must be ?');
  }
  return expression;
}

/**
 * `timezone` when it is an IANA time zone name (`Europe/Paris`, `Etc/GMT+9`, `UTC`), `undefined` when it is
 * `undefined`.
 * @throws {@link InvalidArgumentError} naming `argument` otherwise.
 */
export function checkTimezone(argument: string, timezone: unknown): string | undefined {
  if (timezone === undefined) return undefined;
  const fail = () =>
    new InvalidArgumentError(
      argument,
      `${argument} is ${JSON.stringify(timezone)}; it must be an IANA time zone name such as Europe/Paris or UTC.`,
    );
  if (typeof timezone !== 'string' || timezone === '') throw fail();
  try {
    // The runtime's own time zone database: it rejects names that do not exist.
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw fail();
  }
  return timezone;
}
