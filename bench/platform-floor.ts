// The floor under `GET /api/neighbourhoods` in the platform bench: a bare node:http server sending the
// same three round trips through the same driver (pg), with nothing else: no framework, no cookie,
// no validation, no security headers. Whatever Samen's endpoint reaches, no Node server using pg on
// this machine reaches much more. Started by bench/run.ts with FLOOR_* in the environment.
import { createServer } from 'node:http';
import pg from 'pg';
import { jsonWithRawField } from '../src/server/http/raw-json.ts';

const { FLOOR_DATABASE_URL, FLOOR_TENANT, FLOOR_TOKEN_HASH, FLOOR_PORT } = process.env;
const pool = new pg.Pool({ connectionString: FLOOR_DATABASE_URL, max: 20, options: '-c role=samen_app' });

createServer(async (_request, response) => {
  const client = await pool.connect();
  try {
    await client.query(`begin; select * from session_lookup('${FLOOR_TENANT}', '${FLOOR_TOKEN_HASH}')`);
    const { rows } = await client.query({
      name: 'neighbourhoods_list',
      text: 'select id, code, name, is_focus as "isFocus", outline::text as "outlineJson" from neighbourhoods where tenant_id = $1 order by name',
      values: [FLOOR_TENANT],
    });
    await client.query('commit');
    response.setHeader('content-type', 'application/json');
    // The same answer as Samen's, written the same way: outlines spliced in as the database's text.
    response.end(
      `[${rows.map(({ outlineJson, ...fields }) => jsonWithRawField(fields, 'outline', outlineJson)).join(',')}]`,
    );
  } finally {
    client.release();
  }
}).listen(Number(FLOOR_PORT), () => process.send?.('ready'));
