import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'samen-env-'));

describe('loadEnv', () => {
  it('uses the documented defaults', () => {
    const env = loadEnv({ DATA_DIR: dataDir() });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.demo).toBe(true);
    expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the generated session secret across restarts', () => {
    const dir = dataDir();
    expect(loadEnv({ DATA_DIR: dir }).sessionSecret).toBe(loadEnv({ DATA_DIR: dir }).sessionSecret);
  });

  it('names every bad value in one message', () => {
    expect(() => loadEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DATA_DIR: dataDir() })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must start with postgres/,
    );
  });

  it('requires a session secret in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(
      /SESSION_SECRET: required/,
    );
  });

  it('never turns demo data on for production PostgreSQL', () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://localhost/samen',
      SESSION_SECRET: 'x'.repeat(40),
    });
    expect(env.demo).toBe(false);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        DEMO: 'on',
        DATABASE_URL: 'postgres://localhost/samen',
        SESSION_SECRET: 'x'.repeat(40),
      }),
    ).toThrow(/never created/);
  });
});
