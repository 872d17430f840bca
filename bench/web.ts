// The weight of a first visit: the scripts and styles a phone downloads before the sign-in page or
// the public "ask for help" page shows, raw and as sent to a browser that accepts br/gzip. Found two
// ways: by following the page's module script, modulepreload and stylesheet links (what the HTML
// names), and by loading the page in Chromium and counting what went over the wire (that also counts
// a page's code fetched on demand), once more on a slow mobile connection for the time to the
// heading. `benchWeb()` returns the table rows for bench/run.ts (`BENCH=web npm run bench`).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

type Row = [string, string, string];
type Start = (port: number, env: Record<string, string>) => { child: ChildProcess; ready: Promise<number> };

const PORT = 4104;
const PAGES = [
  ['sign-in', '/sign-in'],
  ['ask for help', '/help/ask'],
] as const;
/** Scripts and styles of a first visit, as transferred: about 2 s on a 1 Mbit/s mobile connection. */
const TARGET_BYTES = 250 * 1024;
/** A slow mobile connection (Chrome's "Slow 4G"-like): 150 ms, 1.6 Mbit/s down, 750 kbit/s up. */
const SLOW = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The bytes of one answer as they come over the wire (not decompressed), and their encoding. */
function download(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
        else resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'none') });
      });
    }).on('error', reject);
  });
}

/** The scripts and styles a page's HTML names: its module script, modulepreloads and stylesheets. */
function linkedAssets(html: string): string[] {
  const urls = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(urls)];
}

export async function benchWeb(start: Start, stop: (child: ChildProcess) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  const assets = path.resolve(import.meta.dirname, '../dist/web/assets');
  const scripts = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, bytes: statSync(path.join(assets, name)).size }))
    .sort((a, b) => b.bytes - a.bytes);
  const largest = scripts[0]!;
  rows.push([
    'web: script chunks in the build',
    String(scripts.length),
    `largest ${largest.name} ${kb(largest.bytes)} raw`,
  ]);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-bench-web-'));
  const server = start(PORT, { DATA_DIR: dataDir, DATABASE_URL: '', JOBS: 'off' });
  const base = `http://localhost:${PORT}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
  });
  try {
    await server.ready;
    for (const [label, url] of PAGES) {
      // 1. What the HTML names, fetched plainly and as a browser asks for it.
      const html = await (await fetch(base + url)).text();
      const linked = linkedAssets(html);
      let raw = 0;
      let sent = 0;
      const encodings = new Set<string>();
      for (const asset of linked) {
        raw += (await download(base + asset, 'identity')).bytes;
        const compressed = await download(base + asset, 'br, gzip');
        sent += compressed.bytes;
        encodings.add(compressed.encoding);
      }
      rows.push([
        `web: ${label}, files the page names (${linked.length})`,
        `${kb(sent)} sent`,
        `${kb(raw)} raw; ${[...encodings].join('/')}`,
      ]);

      // 2. A real first visit in Chromium: every script and style that came over the wire.
      for (const slow of [false, true]) {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        if (slow) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', SLOW);
        }
        const counted: Promise<number>[] = [];
        let files = 0;
        page.on('requestfinished', (request) => {
          if (!['script', 'stylesheet'].includes(request.resourceType())) return;
          files++;
          counted.push(request.sizes().then((sizes) => sizes.responseBodySize));
        });
        const t0 = performance.now();
        await page.goto(base + url);
        await page.locator('h1').first().waitFor({ state: 'visible', timeout: 60_000 });
        const shown = performance.now() - t0;
        await page.waitForLoadState('networkidle');
        const bytes = (await Promise.all(counted)).reduce((a, b) => a + b, 0);
        if (slow) {
          rows.push([
            `web: ${label}, time to its heading on slow 4G`,
            `${Math.round(shown)} ms`,
            '150 ms, 1.6 Mbit/s; cold cache',
          ]);
        } else {
          rows.push([
            `web: ${label}, first visit in Chromium (${files} files)`,
            `${kb(bytes)} sent`,
            `target < ${kb(TARGET_BYTES)}: ${bytes < TARGET_BYTES ? 'met' : 'MISSED'}`,
          ]);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await stop(server.child);
  }
  return rows;
}
