import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { AddressImport, ImportPreview } from '../../../shared/registry.schemas.ts';
import { type Database, rowsOf, type Tx } from '../../db/client.ts';
import { errorSummary } from '../../log.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { type ParsedAddress, type ParsedCsv, parseAddressCsv } from './address-csv.ts';
import { addressSearch } from './address-key.ts';
import { neighbourhoodLocator } from './registry.service.ts';
import { addresses, addressImports } from './registry.tables.ts';

/**
 * Rows per INSERT. Each column travels as one array parameter (`unnest`), so the statement stays
 * small however many rows it carries, and the server parses and plans it once per batch.
 */
const BATCH = 5000;

export interface ImportProgress {
  processed: number;
  total: number;
  inserted: number;
  existing: number;
}

/**
 * Progress of running imports, in memory: the import writes in one transaction (whole file or
 * nothing), so its counts only reach the table when it ends. Polling in the same process sees them live.
 */
const running = new Map<string, AddressImport>();

async function countExisting(tx: Tx, tenantId: string, rows: ParsedAddress[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < rows.length; i += 5000) {
    const keys = rows.slice(i, i + 5000).map((r) => r.key);
    const found = await tx
      .select({ key: addresses.addressKey })
      .from(addresses)
      .where(and(eq(addresses.tenantId, tenantId), inArray(addresses.addressKey, keys)));
    for (const row of found) existing.add(row.key);
  }
  return existing;
}

function previewOf(parsed: ParsedCsv, existing: number): ImportPreview {
  return {
    encoding: parsed.encoding,
    separator: parsed.separator,
    coordinateSystem: parsed.coordinateSystem,
    rows: parsed.total,
    valid: parsed.rows.length,
    existing,
    errors: parsed.errors,
    sample: parsed.rows.slice(0, 10).map((r) => ({
      street: r.street,
      houseNumber: r.houseNumber,
      box: r.box || undefined,
      postcode: r.postcode,
      municipality: r.municipality,
      lat: r.lat ?? undefined,
      lon: r.lon ?? undefined,
    })),
  };
}

/** Parse and check; nothing is saved. */
export async function previewAddressImport(database: Database, actor: Actor, bytes: Uint8Array) {
  const parsed = parseAddressCsv(bytes);
  const existing = parsed.rows.length
    ? await database.inTenant(actor.tenantId, (tx) => countExisting(tx, actor.tenantId, parsed.rows))
    : new Set<string>();
  return previewOf(parsed, existing.size);
}

function toImport(row: typeof addressImports.$inferSelect): AddressImport {
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    insertedRows: row.insertedRows,
    existingRows: row.existingRows,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Inserts the rows in batches inside the caller's transaction; an address already present is left alone. */
export async function insertAddresses(
  tx: Tx,
  tenantId: string,
  rows: ParsedAddress[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportProgress> {
  const locate = await neighbourhoodLocator(tx, tenantId);
  const progress: ImportProgress = { processed: 0, total: rows.length, inserted: 0, existing: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const column = <T>(pick: (r: ParsedAddress) => T) => sql.param(batch.map(pick));
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into addresses (tenant_id, street, house_number, box, postcode, municipality,
          lat, lon, neighbourhood_id, address_key, search)
        select ${tenantId}, * from unnest(${column((r) => r.street)}::text[], ${column((r) => r.houseNumber)}::text[],
          ${column((r) => r.box)}::text[], ${column((r) => r.postcode)}::text[], ${column((r) => r.municipality)}::text[],
          ${column((r) => r.lat)}::float8[], ${column((r) => r.lon)}::float8[],
          ${column((r) => locate(r.lon, r.lat))}::uuid[], ${column((r) => r.key)}::text[],
          ${column((r) => addressSearch(r))}::text[])
        on conflict (tenant_id, address_key) do nothing
        returning id`),
    );
    progress.processed += batch.length;
    progress.inserted += inserted.length;
    progress.existing += batch.length - inserted.length;
    onProgress?.({ ...progress });
  }
  return progress;
}

export interface StartedImport {
  record: AddressImport;
  /** Resolves when the import has ended (done or failed); never rejects. */
  finished: Promise<AddressImport>;
}

/**
 * Checks the whole file first: if any row is wrong, nothing is saved and the row errors are the
 * answer. Otherwise an import record is created and the rows are written in one transaction, in
 * the background; the same file twice adds nothing the second time.
 */
export async function startAddressImport(
  database: Database,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string | null,
  onProgress?: (progress: ImportProgress) => void,
): Promise<StartedImport> {
  const parsed = parseAddressCsv(bytes);
  if (parsed.errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The file has errors; nothing was imported', parsed.errors);
  }
  const [row] = await database.inTenant(actor.tenantId, (tx) =>
    tx
      .insert(addressImports)
      .values({
        tenantId: actor.tenantId,
        status: 'running',
        fileName,
        totalRows: parsed.rows.length,
        startedBy: actor.userId,
      })
      .returning(),
  );
  const record = toImport(row!);
  const key = `${actor.tenantId}:${record.id}`;
  running.set(key, record);
  const finished = (async (): Promise<AddressImport> => {
    try {
      const done = await database.inTenant(actor.tenantId, async (tx) => {
        const result = await insertAddresses(tx, actor.tenantId, parsed.rows, (p) => {
          running.set(key, {
            ...record,
            processedRows: p.processed,
            insertedRows: p.inserted,
            existingRows: p.existing,
          });
          onProgress?.(p);
        });
        const [updated] = await tx
          .update(addressImports)
          .set({
            status: 'done',
            processedRows: result.processed,
            insertedRows: result.inserted,
            existingRows: result.existing,
            finishedAt: new Date(),
          })
          .where(and(eq(addressImports.tenantId, actor.tenantId), eq(addressImports.id, record.id)))
          .returning();
        await recordAudit(tx, actor, {
          action: 'addresses.imported',
          recordType: 'address_import',
          recordId: record.id,
          details: { fileName, rows: result.total, inserted: result.inserted, existing: result.existing },
        });
        return toImport(updated!);
      });
      return done;
    } catch (error) {
      // Without the values a failed query carries (the addresses of the file).
      const message = errorSummary(error);
      const [failed] = await database.inTenant(actor.tenantId, (tx) =>
        tx
          .update(addressImports)
          .set({ status: 'failed', error: message, finishedAt: new Date() })
          .where(and(eq(addressImports.tenantId, actor.tenantId), eq(addressImports.id, record.id)))
          .returning(),
      );
      return toImport(failed!);
    } finally {
      running.delete(key);
    }
  })();
  return { record, finished };
}

export async function getAddressImport(
  database: Database,
  tenantId: string,
  id: string,
): Promise<AddressImport> {
  const live = running.get(`${tenantId}:${id}`);
  if (live) return live;
  const [row] = await database.inTenant(tenantId, (tx) =>
    tx
      .select()
      .from(addressImports)
      .where(and(eq(addressImports.tenantId, tenantId), eq(addressImports.id, id))),
  );
  if (!row) throw notFound('The import');
  return toImport(row);
}
