// `npm run import:addresses -- file.csv --tenant genk`: imports an address register export, printing progress.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.ts';
import { loadEnv } from '../../env.ts';
import { findTenantBySlug } from '../identity/identity.service.ts';
import { startAddressImport } from './address-import.service.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' } },
});
const file = positionals[0];
if (!file || !values.tenant) {
  console.error('usage: npm run import:addresses -- <file.csv> --tenant <slug>');
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, 'pglite'),
});
let exitCode = 0;
try {
  await database.migrate();
  const tenant = await findTenantBySlug(database, values.tenant);
  if (!tenant) throw new Error(`no municipality with slug "${values.tenant}"`);
  const started = performance.now();
  let lastPrinted = 0;
  const { record, finished } = await startAddressImport(
    database,
    { tenantId: tenant.id, userId: null, label: 'address import (command line)' },
    readFileSync(file),
    path.basename(file),
    (p) => {
      const now = performance.now();
      if (now - lastPrinted > 1000 || p.processed === p.total) {
        lastPrinted = now;
        console.log(`${p.processed}/${p.total} rows (${p.inserted} new, ${p.existing} already known)`);
      }
    },
  );
  console.log(`import ${record.id}: ${record.totalRows} rows checked, writing`);
  const result = await finished;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 'done') {
    console.log(`done in ${seconds} s: ${result.insertedRows} new, ${result.existingRows} already known`);
  } else {
    console.error(`failed after ${seconds} s: ${result.error}; nothing was saved`);
    exitCode = 1;
  }
} catch (error) {
  const details = (error as { details?: { row: number; field: string; reason: string }[] }).details;
  console.error((error as Error).message);
  if (Array.isArray(details)) {
    for (const d of details.slice(0, 50)) console.error(`  line ${d.row}, ${d.field}: ${d.reason}`);
    if (details.length > 50) console.error(`  ... and ${details.length - 50} more`);
  }
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
