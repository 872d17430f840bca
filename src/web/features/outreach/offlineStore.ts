import type { MyRounds, SyncResult, VisitRecord } from '../../../shared/outreach.schemas.ts';
import { ApiError, api, hasCsrfToken } from '../../api.ts';
import { fetchMe } from '../../app/session.tsx';

/**
 * The phone's own storage for the doorstep: the downloaded rounds and an outbox of visits, in
 * IndexedDB, so a visitor can walk a round without a connection and send the records later.
 * Every record carries an id made on the phone: sending it twice creates it once.
 */

export interface OutboxItem {
  record: VisitRecord;
  /** waiting: not sent yet; rejected: the server answered why it cannot take it (kept, never lost). */
  status: 'waiting' | 'rejected';
  message?: string;
  bellName: string;
}

export interface StoredRounds {
  rounds: MyRounds;
  downloadedAt: string;
}

const DB = 'samen-outreach';
const VERSION = 1;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('rounds')) db.createObjectStore('rounds');
      if (!db.objectStoreNames.contains('outbox'))
        db.createObjectStore('outbox', { keyPath: 'record.clientId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Rounds are kept per account, so a shared phone never shows one visitor another's doors. */
export const saveRounds = (userId: string, value: StoredRounds) =>
  run('rounds', 'readwrite', (s) => s.put(value, userId));
export const loadRounds = (userId: string) =>
  run<StoredRounds | undefined>(
    'rounds',
    'readonly',
    (s) => s.get(userId) as IDBRequest<StoredRounds | undefined>,
  );

export const addToOutbox = (item: OutboxItem) => run('outbox', 'readwrite', (s) => s.put(item));
export const listOutbox = () =>
  run<OutboxItem[]>('outbox', 'readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
const removeFromOutbox = (clientId: string) => run('outbox', 'readwrite', (s) => s.delete(clientId));

export interface SyncReport {
  sent: number;
  rejected: number;
  conflicts: number;
  clockSkewMinutes: number | null;
  offline: boolean;
}

let running: Promise<SyncReport> | null = null;

/** Sends what waits in the outbox; one run at a time, however often it is asked for. */
export function syncOutbox(): Promise<SyncReport> {
  running ??= sendWaiting().finally(() => {
    running = null;
  });
  return running;
}

async function sendWaiting(): Promise<SyncReport> {
  const waiting = (await listOutbox()).filter((i) => i.status === 'waiting');
  const report: SyncReport = { sent: 0, rejected: 0, conflicts: 0, clockSkewMinutes: null, offline: false };
  if (waiting.length === 0) return report;
  let answer: SyncResult;
  try {
    // Opened offline: the session is checked (and its CSRF token fetched) before sending.
    if (!hasCsrfToken()) await fetchMe();
    answer = await api<SyncResult>('/api/outreach/sync', {
      method: 'POST',
      body: { records: waiting.map((i) => i.record) },
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NETWORK_ERROR') return { ...report, offline: true };
    throw error;
  }
  const byId = new Map(waiting.map((i) => [i.record.clientId, i]));
  for (const result of answer.results) {
    const item = byId.get(result.clientId);
    if (!item) continue;
    if (result.clockSkewMinutes !== undefined) report.clockSkewMinutes = result.clockSkewMinutes;
    if (result.status === 'rejected') {
      report.rejected += 1;
      await addToOutbox({ ...item, status: 'rejected', message: result.message ?? result.code ?? '' });
    } else {
      if (result.status === 'conflict') report.conflicts += 1;
      report.sent += 1;
      await removeFromOutbox(result.clientId);
    }
  }
  return report;
}
