import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  testEnv,
} from '../../../tests/integration/harness.ts';
import { type App, buildApp } from './app.ts';

describe('the HTTP shell', () => {
  let t: TestDatabase;
  let app: App;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    app = await createTestApp(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('reports health with the database kind and migration', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: 'pglite', migration: 'test' });
  });

  it('describes every API route in OpenAPI 3', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replaceAll(/\{(\w+)\}/g, ':$1')}`),
    );
    const routes = app.apiRoutes
      .filter((r) => r.method !== 'HEAD' && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(routes.sort());
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBeLessThan(400);
  });

  it('sets security headers, a strict CSP and a request id on every answer', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(response.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(response.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  /** A built web app's folder, with just the page template, as vite writes it. */
  const webFolder = () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'samen-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<meta name="csp-nonce" content="__CSP_NONCE__" />');
    return webDir;
  };
  const serving = (webDir: string) =>
    buildApp({ env: testEnv(), database: t.database, migration: 'test', webDir, logger: false });

  it('gives the web page a fresh style nonce, and only the page', async () => {
    const web = await serving(webFolder());
    try {
      const pages = [await web.inject({ url: '/people' }), await web.inject({ url: '/people' })];
      const nonces = pages.map((page) => /content="([^"]+)"/.exec(page.body)?.[1]);
      expect(nonces[0]).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      expect(nonces[1]).not.toBe(nonces[0]);
      expect(pages[0]!.headers['content-security-policy']).toContain(`style-src 'self' 'nonce-${nonces[0]}'`);
      const api = await web.inject({ url: '/api/health' });
      expect(api.headers['content-security-policy']).toContain("style-src 'self';");
    } finally {
      await web.close();
    }
  });

  it('sends a built file compressed when the browser accepts it, and keeps hashed assets a year', async () => {
    const webDir = webFolder();
    mkdirSync(path.join(webDir, 'assets'));
    const script = `export const words = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `word ${i}`))};`;
    const file = path.join(webDir, 'assets', 'index-Ab12Cd34.js');
    // What the build writes (vite.config.ts): the file, and a brotli and a gzip copy beside it.
    writeFileSync(file, script);
    writeFileSync(`${file}.br`, brotliCompressSync(script));
    writeFileSync(`${file}.gz`, gzipSync(script));
    writeFileSync(path.join(webDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const web = await serving(webDir);
    try {
      const url = '/assets/index-Ab12Cd34.js';
      const br = await web.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

      const gz = await web.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

      const plain = await web.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.body).toBe(script);

      // Files without a hash in their name are not kept for long.
      const icon = await web.inject({ url: '/icon.svg' });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['cache-control']).not.toMatch(/immutable|max-age=[1-9]/);

      // The page: a fresh nonce, under the strict policy, and never kept.
      const page = await web.inject({ url: '/sign-in', headers: { 'accept-encoding': 'br, gzip' } });
      const nonce = /content="([^"]+)"/.exec(page.body)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      expect(page.headers['content-security-policy']).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(page.headers['cache-control']).toBe('no-store');

      // A script that is not there is not found, not the page under its name.
      const gone = await web.inject({ url: '/assets/Gone-Zz99Yy88.js' });
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toMatch(/json/);
      expect((await web.inject({ url: '/favicon.ico' })).statusCode).toBe(404);
      expect((await web.inject({ url: '/help/feedback?tenant=genk&token=a.b' })).statusCode).toBe(200);

      // Asked for by its file name, the page is still the page: never the bare template.
      const byName = await web.inject({ url: '/index.html' });
      expect(byName.statusCode).toBe(200);
      expect(byName.body).not.toContain('__CSP_NONCE__');
      expect(byName.headers['cache-control']).toBe('no-store');
    } finally {
      await web.close();
    }
  });

  it('answers unknown API paths in the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('lists demo accounts only in demo mode', async () => {
    const demo = (await app.inject({ method: 'GET', url: '/api/demo/accounts' })).json();
    expect(demo.demo).toBe(true);
    expect(demo.accounts.length).toBeGreaterThanOrEqual(12);
  });
});

describe('outside demo mode', () => {
  let t: TestDatabase;
  let app: App;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const { testEnv } = await import('../../../tests/integration/harness.ts');
    app = await createTestApp(t.database, testEnv({ DEMO: 'off' }));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists no demo accounts and keeps the outbox closed', async () => {
    const demo = (await app.inject({ method: 'GET', url: '/api/demo/accounts' })).json();
    expect(demo).toEqual({ demo: false, password: null, accounts: [] });
    const { buildTenant, buildUser, signIn } = await import('../../../tests/factories.ts');
    const tenant = await buildTenant(t.database);
    const admin = await signIn(app, tenant.slug, (await buildUser(t.database, tenant.id, ['admin'])).email);
    const outbox = await app.inject({ method: 'GET', url: '/api/admin/outbox', headers: admin.headers });
    expect(outbox.statusCode).toBe(403);
  });
});
