import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = path.resolve(import.meta.dirname, 'dist/web');

/**
 * Writes a .br and a .gz copy beside each script, style and text file of the build, at the
 * strongest settings (once per build, not per request). The server's static handler sends the copy
 * the browser accepts (@fastify/static `preCompressed`). index.html is left alone: the server fills
 * in a nonce per request, and it is small.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'samen-precompress',
    apply: 'build',
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true }))
        .filter((name) => /\.(js|css|svg|json|webmanifest)$/.test(name))
        .map((name) => path.join(outDir, name));
      for (const file of files) {
        if ((await stat(file)).size < 1024) continue;
        const raw = await readFile(file);
        const br = await brotli(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gz = await gzipped(raw, { level: constants.Z_BEST_COMPRESSION });
        // A copy that saves nothing is not written; the original is then sent as it is.
        if (br.length < raw.length) await writeFile(`${file}.br`, br);
        if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
      }
    },
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
