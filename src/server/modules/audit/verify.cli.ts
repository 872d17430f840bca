// `npm run audit:verify`: re-computes every tenant's audit chain; exits 1 at the first broken link.
import path from 'node:path';
import { openDatabase } from '../../db/client.ts';
import { loadEnv } from '../../env.ts';
import { listTenants } from '../identity/identity.service.ts';
import { verifyAuditChain } from './audit.service.ts';

const env = loadEnv();
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, 'pglite'),
});
let broken = 0;
try {
  await database.migrate();
  for (const tenant of await listTenants(database)) {
    const report = await verifyAuditChain(database, tenant.id);
    if (report.firstBreak) {
      broken += 1;
      console.log(
        `${tenant.slug}: BROKEN at entry ${report.firstBreak.seq} (${report.firstBreak.reason}); ${report.entries} entries read`,
      );
    } else {
      console.log(`${tenant.slug}: ok, ${report.entries} entries`);
    }
  }
} finally {
  await database.close();
}
process.exit(broken ? 1 : 0);
