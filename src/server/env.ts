import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DEMO: z.enum(['on', 'off']).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().default('Samen <no-reply@samen.local>'),
    PUBLIC_URL: z.string().url().optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JOBS: z.enum(['on', 'off']).default('on'),
  })
  .strict();

export type Env = z.infer<typeof envSchema> & {
  demo: boolean;
  sessionSecret: string;
  publicUrl: string;
};

const KNOWN_KEYS = Object.keys(envSchema.shape);

/** Reads configuration from the environment; throws one readable message listing every bad value. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const picked: Record<string, string> = {};
  for (const key of KNOWN_KEYS) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  // Demo data is on by default for a developer's machine, never by default in production.
  const demo = env.DEMO ? env.DEMO === 'on' : !production;
  if (demo && production && env.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  DEMO: demo data is never created on a production PostgreSQL database',
    );
  }
  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (production) {
      throw new Error('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production');
    }
    sessionSecret = readOrCreateSecret(env.DATA_DIR);
  }
  return {
    ...env,
    demo,
    sessionSecret,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
