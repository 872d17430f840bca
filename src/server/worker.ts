// A separate job worker process: `npm run worker`. Needs DATABASE_URL (PGlite is one process only).
import { openDatabase } from './db/client.ts';
import { loadEnv } from './env.ts';
import { createJobRunner, startJobs } from './jobs/jobs.ts';
import { createLogger } from './log.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
if (!env.DATABASE_URL) {
  log.error('a separate worker needs DATABASE_URL; with the embedded database the app runs its jobs itself');
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: env.DATABASE_URL });
await database.migrate();
const stop = startJobs(createJobRunner(database, env, log), database, log);
log.info('worker started');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    await stop();
    await database.close();
    process.exit(0);
  });
}
