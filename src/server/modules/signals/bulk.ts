import { pipeline } from 'node:stream/promises';
import { type Column, type SQL, sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { postgresClientOf, type Tx } from '../../db/client.ts';

/**
 * Bulk writes. On PostgreSQL rows travel by COPY into a temporary table (which has no row-level
 * security: it lives and dies in this transaction) and move on with one INSERT … SELECT, so the
 * target table's policies, constraints and indexes still apply to every row. Array parameters
 * (`unnest`) cost the server more to parse than the rows cost to insert; COPY text is the cheapest
 * way in. PGlite has no COPY FROM STDIN: there `unnest` of one array per column is used.
 */
export type BulkColumn = [name: string, pgType: string, values: unknown[]];

export function unnest(columns: BulkColumn[]): SQL {
  return sql`select * from unnest(${sql.join(
    columns.map(([, type, values]) => sql`${sql.param(values)}::${sql.raw(type)}[]`),
    sql`, `,
  )})`;
}

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

export async function bulkInsert(tx: Tx, table: string, columns: BulkColumn[], suffix: SQL = sql``) {
  const count = columns[0]?.[2].length ?? 0;
  if (count === 0) return;
  for (const [name] of columns) if (!SAFE_NAME.test(name)) throw new Error(`bad column name ${name}`);
  if (!SAFE_NAME.test(table)) throw new Error(`bad table name ${table}`);
  const names = columns.map(([name]) => name).join(', ');
  const client = postgresClientOf(tx);
  if (!client) {
    await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) ${unnest(columns)} ${suffix}`);
    return;
  }
  const staging = `bulk_${table}`;
  await client.query(
    `create temporary table if not exists ${staging} (like ${table} including defaults) on commit drop`,
  );
  await pipeline(copyLines(columns, count), client.query(copyFrom(`copy ${staging} (${names}) from stdin`)));
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from ${sql.raw(staging)} ${suffix}`,
  );
  await client.query(`truncate ${staging}`);
}

/** COPY's text format: tab-separated, \N for null, backslash escapes; in chunks of 1,000 rows. */
function* copyLines(columns: BulkColumn[], count: number): Generator<string> {
  const values = columns.map(([, , list]) => list);
  let chunk = '';
  for (let row = 0; row < count; row++) {
    let line = '';
    for (let c = 0; c < values.length; c++) {
      if (c > 0) line += '\t';
      line += copyValue(values[c]![row]);
    }
    chunk += `${line}\n`;
    if (row % 1000 === 999) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : text;
}

/** `column = any($1::type[])`: one parameter however many values. */
export function anyOf(column: Column | SQL, values: unknown[], pgType: string): SQL {
  return sql`${column} = any(${sql.param(values)}::${sql.raw(pgType)}[])`;
}
