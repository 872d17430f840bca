import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddressImport,
  HouseholdDetail,
  ImportPreview,
  PersonDetail,
  personSearchResultSchema,
} from '../../../shared/registry.schemas.ts';
import { api } from '../../api.ts';

export type PersonSearchResult = z.infer<typeof personSearchResultSchema>;

export interface NeighbourhoodRow {
  id: string;
  code: string;
  name: string;
  isFocus: boolean;
  outline: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
  /** Present once the API counts households per neighbourhood. */
  householdCount?: number;
  households?: number;
}

export const registryKeys = {
  search: (q: string, neighbourhoodId: string) => ['persons', 'search', q, neighbourhoodId] as const,
  person: (id: string, purpose: string) => ['persons', id, purpose] as const,
  personAll: (id: string) => ['persons', id] as const,
  household: (id: string, purpose: string) => ['households', id, purpose] as const,
  neighbourhoods: ['neighbourhoods'] as const,
  addressImport: (id: string) => ['address-imports', id] as const,
};

export function useNeighbourhoods(enabled = true) {
  return useQuery({
    queryKey: registryKeys.neighbourhoods,
    queryFn: () => api<NeighbourhoodRow[]>('/api/neighbourhoods'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** How many residents a search shows at most. */
export const SEARCH_LIMIT = 50;

export function searchPersons(q: string, neighbourhoodId: string, signal?: AbortSignal) {
  return api<PersonSearchResult[]>('/api/persons', {
    query: { q: q || undefined, neighbourhoodId: neighbourhoodId || undefined, limit: SEARCH_LIMIT },
    signal,
  });
}

export function fetchPerson(id: string, purpose: string, signal?: AbortSignal) {
  return api<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`, { query: { purpose }, signal });
}

export function fetchHousehold(id: string, purpose: string, signal?: AbortSignal) {
  return api<HouseholdDetail>(`/api/households/${encodeURIComponent(id)}`, { query: { purpose }, signal });
}

export function previewImport(file: ArrayBuffer) {
  return api<ImportPreview>('/api/address-imports/preview', {
    method: 'POST',
    raw: { body: file, contentType: 'text/csv' },
  });
}

export function startImport(file: ArrayBuffer, fileName: string) {
  return api<AddressImport>('/api/address-imports', {
    method: 'POST',
    query: { fileName },
    raw: { body: file, contentType: 'text/csv' },
  });
}

export function fetchImport(id: string) {
  return api<AddressImport>(`/api/address-imports/${encodeURIComponent(id)}`);
}
