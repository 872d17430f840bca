// `npm run db:migrate` and `npm run db:seed [-- --scale small|full]`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../env.ts';
import { openDatabase } from './client.ts';
import { type DemoScale, demoScales, seedDemo } from './seed/demo.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { scale: { type: 'string', default: 'small' } },
});
const command = positionals[0];
const scale = values.scale as DemoScale;
if (!(scale in demoScales)) {
  console.error(`--scale must be one of: ${Object.keys(demoScales).join(', ')}`);
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, 'pglite'),
});
try {
  const migration = await database.migrate();
  console.log(`migrated (${database.kind}) to ${migration}`);
  if (command === 'seed') {
    if (!env.demo) throw new Error('demo data is off (DEMO=off or production); nothing seeded');
    const started = performance.now();
    const { created, households } = await seedDemo(database, {
      scale,
      onProgress: (line) => console.log(line),
    });
    console.log(
      created.length
        ? `created demo municipalities: ${created.join(', ')}`
        : 'demo municipalities already present',
    );
    console.log(
      households
        ? `created ${households} demo households (${scale}) in ${((performance.now() - started) / 1000).toFixed(1)} s`
        : `demo households already present (${scale})`,
    );
  }
} finally {
  await database.close();
}
