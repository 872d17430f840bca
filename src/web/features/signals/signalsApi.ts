import type { z } from 'zod';
import type {
  ApiKey,
  apiKeyCreatedSchema,
  CaseDetail,
  CaseSummary,
  IntakeResult,
  Meeting,
  Partner,
  ReviewItem,
  RowError,
  SignalSettings,
  Submission,
  teamSchema,
  UploadPreview,
  uploadSchema,
} from '../../../shared/signals.schemas.ts';
import { ApiError, api } from '../../api.ts';

export type Upload = z.infer<typeof uploadSchema>;
export type CreatedKey = z.infer<typeof apiKeyCreatedSchema>;
export type Team = z.infer<typeof teamSchema>;

export const signalKeys = {
  all: ['signals'] as const,
  uploads: ['signals', 'uploads'] as const,
  submissions: ['signals', 'submissions'] as const,
  keys: ['signals', 'keys'] as const,
  review: ['signals', 'review'] as const,
  cases: (status: string) => ['signals', 'cases', status] as const,
  case: (id: string) => ['signals', 'case', id] as const,
  teams: ['signals', 'teams'] as const,
  partners: ['signals', 'partners'] as const,
  settings: ['signals', 'settings'] as const,
  meetings: ['signals', 'meetings'] as const,
  meeting: (id: string) => ['signals', 'meeting', id] as const,
};

/** The content type a browser gives a spreadsheet, or a neutral one: the server reads the bytes. */
function spreadsheetType(name: string) {
  return name.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : name.toLowerCase().endsWith('.csv')
      ? 'text/csv'
      : 'application/octet-stream';
}

export const previewUpload = (data: ArrayBuffer, name: string) =>
  api<UploadPreview>('/api/signals/uploads/preview', {
    method: 'POST',
    raw: { body: data, contentType: spreadsheetType(name) },
  });
export const importUpload = (data: ArrayBuffer, name: string) =>
  api<IntakeResult>('/api/signals/uploads', {
    method: 'POST',
    query: { fileName: name },
    raw: { body: data, contentType: spreadsheetType(name) },
  });
export const fetchUploads = () => api<Upload[]>('/api/signals/uploads');
export const fetchSubmissions = () =>
  api<{ partnerName: string; submissions: Submission[] }>('/api/signals/submissions');
/** A partner's own keys, or, for an administrator, the keys of the partner named. */
const forPartner = (partnerId?: string) => (partnerId ? { partnerId } : undefined);
export const fetchKeys = (partnerId?: string) =>
  api<ApiKey[]>('/api/signals/keys', { query: forPartner(partnerId) });
export const createKey = (label: string, scope: { partnerId?: string; postcodes?: string[] } = {}) =>
  api<CreatedKey>('/api/signals/keys', {
    method: 'POST',
    body: {
      label,
      ...(scope.partnerId ? { partnerId: scope.partnerId } : {}),
      ...(scope.postcodes && scope.postcodes.length > 0 ? { postcodes: scope.postcodes } : {}),
    },
  });
/** Registers here a key the partner got from another municipality (one key for both). */
export const adoptKey = (label: string, key: string, partnerId?: string) =>
  api<ApiKey>('/api/signals/keys/adopt', {
    method: 'POST',
    body: { label, key, ...(partnerId ? { partnerId } : {}) },
  });
export const rotateKey = (id: string, partnerId?: string) =>
  api<CreatedKey>(`/api/signals/keys/${encodeURIComponent(id)}/rotate`, {
    method: 'POST',
    body: {},
    query: forPartner(partnerId),
  });
export const revokeKey = (id: string, partnerId?: string) =>
  api<{ ok: true }>(`/api/signals/keys/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    query: forPartner(partnerId),
  });
export const fetchPartners = () => api<Partner[]>('/api/signals/partners');
export const createPartner = (body: { name: string; kind: string; memberUserIds: string[] }) =>
  api<{ id: string }>('/api/signals/partners', { method: 'POST', body });
export const setPartnerMembers = (id: string, memberUserIds: string[]) =>
  api<{ id: string }>(`/api/signals/partners/${encodeURIComponent(id)}/members`, {
    method: 'PUT',
    body: { memberUserIds },
  });
export const fetchTeams = () => api<Team[]>('/api/signals/teams');
export const createTeam = (body: { name: string; leadUserId: string | null; memberUserIds: string[] }) =>
  api<{ id: string }>('/api/signals/teams', { method: 'POST', body });
export const fetchSettings = () => api<SignalSettings>('/api/signals/settings');
export const saveSettings = (body: SignalSettings) =>
  api<SignalSettings>('/api/signals/settings', { method: 'PUT', body });
export const fetchReview = () => api<ReviewItem[]>('/api/signals/review');
export const decideReview = (signalId: string, householdId: string | null) =>
  api<{ caseId: string }>(`/api/signals/review/${encodeURIComponent(signalId)}`, {
    method: 'POST',
    body: { householdId },
  });
export const fetchCases = (status: 'open' | 'closed') =>
  api<CaseSummary[]>('/api/signals/cases', { query: { status } });
export const fetchCase = (id: string) => api<CaseDetail>(`/api/signals/cases/${encodeURIComponent(id)}`);
export const caseAction = (id: string, action: string, body: Record<string, unknown>) =>
  api<{ id: string; winterBan?: boolean }>(`/api/signals/cases/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body,
  });
export const fetchMeetings = () =>
  api<{ meetings: { id: string; meetsOn: string; location: string | null }[]; awaiting: number }>(
    '/api/signals/committee/meetings',
  );
export const createMeeting = (meetsOn: string, location: string) =>
  api<{ id: string }>('/api/signals/committee/meetings', {
    method: 'POST',
    body: { meetsOn, location: location || undefined },
  });
export const fetchMeeting = (id: string) =>
  api<Meeting>(`/api/signals/committee/meetings/${encodeURIComponent(id)}`);
export const decideItem = (id: string, body: { decision: string; unanimous: boolean; note?: string }) =>
  api<{ id: string }>(`/api/signals/committee/items/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body,
  });

/** Row errors from a refused upload, if that is what the error carries. */
export function rowErrorsOf(error: unknown): RowError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return null;
  const rows = (error.details as Partial<RowError>[]).filter((d) => typeof d?.row === 'number');
  return rows.length > 0 ? (rows as RowError[]) : null;
}

export function formatEuro(cents: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Whole days from now until the moment (negative when past). */
export function daysUntil(iso: string, now = Date.now()) {
  return Math.ceil((new Date(iso).getTime() - now) / 86_400_000);
}
