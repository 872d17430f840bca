import { DrizzleQueryError } from 'drizzle-orm';
import pino from 'pino';

/**
 * How errors are written to the logs and to a failed job's row, without the personal data they can
 * carry: a failed query's error holds the values it was sent (a name, an e-mail address, a phone)
 * in `params` and in its message, and the database's own error repeats them in its message and
 * `detail` ("Key (email)=(...) already exists"). Those keep the query, the SQLSTATE code and what
 * the database names (constraint, table, column), never a value.
 */
interface DatabaseFields {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

const isDatabaseError = (error: Error): boolean => {
  const fields = error as DatabaseFields;
  return typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && 'severity' in error;
};

/** The stack's frames alone: its first lines repeat the message, which may run over several. */
const framesOf = (error: Error) =>
  error.stack
    ?.split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n') ?? '';

export type LoggedError = {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  query?: string;
  stack: string;
  cause?: LoggedError;
};

export function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a value was thrown', stack: '' };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const cause = (error as { cause?: unknown }).cause;
  const nested = cause !== undefined && depth < 3 ? { cause: errorForLog(cause, depth + 1) } : {};
  if (error instanceof DrizzleQueryError) {
    return {
      type: 'DrizzleQueryError',
      message: 'a database query failed',
      query: error.query.slice(0, 500),
      stack: framesOf(error),
      ...nested,
    };
  }
  if (isDatabaseError(error)) {
    const fields = error as DatabaseFields;
    return {
      type: error.name,
      message: `database error ${text(fields.code)}${fields.routine ? ` in ${text(fields.routine)}` : ''}`,
      code: text(fields.code),
      constraint: text(fields.constraint),
      table: text(fields.table),
      column: text(fields.column),
      stack: framesOf(error),
      ...nested,
    };
  }
  return { type: error.name, message: error.message, stack: framesOf(error), ...nested };
}

/** One line for a failed job's row: what the log would say, without the stack. */
export function errorSummary(error: unknown): string {
  const parts: string[] = [];
  for (let at: LoggedError | undefined = errorForLog(error); at; at = at.cause) {
    parts.push(`${at.type}: ${at.message}${at.constraint ? ` (${at.constraint})` : ''}`);
  }
  return parts.join(' ← ').slice(0, 500);
}

/** The logger settings every process of Samen uses: errors always go through errorForLog. */
export const logSerializers = {
  err: (error: unknown) => errorForLog(error),
  error: (error: unknown) => errorForLog(error),
};

export function createLogger(level: string) {
  return pino({ level, serializers: logSerializers });
}
