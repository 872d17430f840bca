import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pino from 'pino';
import { openDatabase } from './db/client.ts';
import { seedDemo } from './db/seed/demo.ts';
import { loadEnv } from './env.ts';
import { buildApp } from './http/app.ts';
import { createJobRunner, startJobs } from './jobs/jobs.ts';
import { createLogger } from './log.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(root, 'dist', 'web');

/** The newest modification time of these files and of any file below these folders. */
function newestChange(dirs: string[], files: string[] = []): number {
  let newest = Math.max(0, ...files.map((file) => statSync(file).mtimeMs));
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile())
        newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds the web bundle when it is missing or older than its sources, so `npm start` is all a new
 * user needs, and a pulled change is never served from a stale bundle.
 */
export async function ensureWebBuilt(log: pino.Logger): Promise<void> {
  const index = path.join(webDir, 'index.html');
  const sources = [path.join(root, 'src', 'web'), path.join(root, 'src', 'shared')];
  // The build's own settings count too: they decide, say, whether compressed copies are written.
  const config = path.join(root, 'vite.config.ts');
  if (existsSync(index) && statSync(index).mtimeMs >= newestChange(sources, [config])) return;
  log.info('building the web app');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const started = performance.now();
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, 'pglite'),
  });
  const migration = await database.migrate();
  log.info({ database: database.kind, migration }, 'database ready');
  if (env.demo) {
    const { created } = await seedDemo(database);
    if (created.length) log.info({ created }, 'demo municipalities created');
  }
  await ensureWebBuilt(log);
  const app = await buildApp({ env, database, migration, webDir });
  const stopJobs =
    env.JOBS === 'on' ? startJobs(createJobRunner(database, env, log), database, log) : async () => {};
  await app.listen({ port: env.PORT, host: env.HOST });
  log.info({ ms: Math.round(performance.now() - started) }, `Samen is ready on http://localhost:${env.PORT}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // Stop taking requests, let running ones and the current job finish, then close the database.
    await app.close();
    await stopJobs();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
