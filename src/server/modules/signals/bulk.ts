import { type Column, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/**
 * Bulk statements with one array parameter per column. Drizzle builds a multi-row insert with one
 * parameter per value, which costs more CPU than the database spends on the rows (about 0.4 ms a
 * row for 15 columns); `unnest` of arrays keeps a 2,000-row batch to a handful of parameters.
 */
export type BulkColumn = [name: string, pgType: string, values: unknown[]];

export function unnest(columns: BulkColumn[]): SQL {
  return sql`select * from unnest(${sql.join(
    columns.map(([, type, values]) => sql`${sql.param(values)}::${sql.raw(type)}[]`),
    sql`, `,
  )})`;
}

export async function bulkInsert(tx: Tx, table: string, columns: BulkColumn[], suffix: SQL = sql``) {
  if ((columns[0]?.[2].length ?? 0) === 0) return;
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([name]) => name).join(', '))}) ${unnest(columns)} ${suffix}`,
  );
}

/** `column = any($1::type[])`: one parameter however many values. */
export function anyOf(column: Column | SQL, values: unknown[], pgType: string): SQL {
  return sql`${column} = any(${sql.param(values)}::${sql.raw(pgType)}[])`;
}
