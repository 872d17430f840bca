import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A PostgreSQL database with a random name on the server of `baseUrl`, for tests and benchmarks:
 * no run depends on what an earlier one left behind, and drop() removes it again.
 */
export async function createScratchDatabase(baseUrl: string, prefix = 'samen_scratch') {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
