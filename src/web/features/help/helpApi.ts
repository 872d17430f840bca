import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  Board,
  Figures,
  HelpNeedStatus,
  HelpType,
  MatchingRun,
  NeedDetail,
  NeedPage,
  PostingOrganisation,
  VolunteerHome,
  VolunteerView,
} from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';

export interface Catalogue {
  helpTypes: HelpType[];
  areas: { id: string; name: string }[];
}

export interface Candidates {
  candidates: {
    volunteerId: string;
    displayName: string;
    score: number;
    explanation: string;
    alreadyAsked: boolean;
  }[];
  noCandidate: string | null;
}

/** One row of the figures: counts under `smallNumber` come as null. */
export type FigureRow = Figures['rows'][number];

export const helpKeys = {
  catalogue: ['help', 'catalogue'] as const,
  publicCatalogue: (tenant: string) => ['help', 'public-catalogue', tenant] as const,
  me: ['help', 'me'] as const,
  board: ['help', 'board'] as const,
  needs: ['help', 'needs'] as const,
  need: (id: string) => ['help', 'needs', id] as const,
  candidates: (id: string) => ['help', 'needs', id, 'candidates'] as const,
  volunteers: ['help', 'volunteers'] as const,
  figures: ['help', 'figures'] as const,
  organisations: ['help', 'organisations'] as const,
};

export function useCatalogue() {
  return useQuery({
    queryKey: helpKeys.catalogue,
    queryFn: () => api<Catalogue>('/api/help/types'),
    staleTime: 5 * 60_000,
  });
}

export function usePublicCatalogue(tenant: string) {
  return useQuery({
    queryKey: helpKeys.publicCatalogue(tenant),
    queryFn: () => api<Catalogue>('/api/help/public/catalogue', { query: { tenant } }),
    enabled: tenant.length > 0,
    staleTime: 5 * 60_000,
  });
}

export const useVolunteerHome = () =>
  useQuery({ queryKey: helpKeys.me, queryFn: () => api<VolunteerHome>('/api/help/me') });
export const useBoard = () =>
  useQuery({ queryKey: helpKeys.board, queryFn: () => api<Board>('/api/help/board') });
/** The requests this person may see, all of them or those in one status. */
export const useNeeds = (status: HelpNeedStatus | undefined, q: string, page: number) =>
  useQuery({
    queryKey: [...helpKeys.needs, 'list', status ?? 'all', q, page],
    queryFn: () => {
      const query = new URLSearchParams({ page: String(page) });
      if (status) query.set('status', status);
      // The server looks for two characters or more; one is not a search yet.
      if (q.length >= 2) query.set('q', q);
      return api<NeedPage>(`/api/help/needs?${query}`);
    },
    placeholderData: keepPreviousData,
  });
export const useNeed = (id: string) =>
  useQuery({
    queryKey: helpKeys.need(id),
    queryFn: () => api<NeedDetail>(`/api/help/needs/${encodeURIComponent(id)}`),
  });
export const useCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: helpKeys.candidates(id),
    queryFn: () => api<Candidates>(`/api/help/needs/${encodeURIComponent(id)}/candidates`),
    enabled,
  });
export const useVolunteers = (enabled = true) =>
  useQuery({
    queryKey: helpKeys.volunteers,
    queryFn: () => api<VolunteerView[]>('/api/help/volunteers'),
    enabled,
  });
/** The partner organisations the signed-in partner may post a request for, oldest (the default) first. */
export const usePostingOrganisations = (enabled: boolean) =>
  useQuery({
    queryKey: helpKeys.organisations,
    queryFn: () => api<PostingOrganisation[]>('/api/help/organisations'),
    enabled,
  });
export const useFigures = () =>
  useQuery({ queryKey: helpKeys.figures, queryFn: () => api<Figures>('/api/help/figures') });

export const runMatching = () => api<MatchingRun>('/api/help/matching/run', { method: 'POST', body: {} });
