import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignChange,
  CampaignDetail,
  CampaignPatch,
  CampaignSummary,
  Concern,
  OutreachOptions,
  PlanResult,
  Progress,
  ResolveInput,
  ReviewDoor,
  RevisitResult,
  ShiftInput,
  ShiftPatch,
} from '../../../shared/outreach.schemas.ts';
import { api } from '../../api.ts';

export const useCampaigns = () =>
  useQuery({
    queryKey: ['outreach', 'campaigns'],
    queryFn: () => api<CampaignSummary[]>('/api/outreach/campaigns'),
  });

export const useCampaign = (id: string) =>
  useQuery({
    queryKey: ['outreach', 'campaign', id],
    queryFn: () => api<CampaignDetail>(`/api/outreach/campaigns/${id}`),
  });

export const useProgress = (id: string) =>
  useQuery({
    queryKey: ['outreach', 'progress', id],
    queryFn: () => api<Progress>(`/api/outreach/campaigns/${id}/progress`),
  });

export const useOutreachOptions = () =>
  useQuery({
    queryKey: ['outreach', 'options'],
    queryFn: () => api<OutreachOptions>('/api/outreach/options'),
  });

export const useConcerns = () =>
  useQuery({ queryKey: ['outreach', 'concerns'], queryFn: () => api<Concern[]>('/api/outreach/concerns') });

export function usePlan(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<PlanResult>(`/api/outreach/campaigns/${id}/plan`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach'] }),
  });
}

export function usePinDoor(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doorId, shiftId }: { doorId: string; shiftId: string | null }) =>
      api<{ id: string }>(`/api/outreach/doors/${doorId}`, {
        method: 'PATCH',
        body: { pinnedShiftId: shiftId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach', 'campaign', campaignId] }),
  });
}

export function useConcernDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ id: string }>(`/api/outreach/concerns/${id}/done`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach', 'concerns'] }),
  });
}

export const useReviews = (campaignId: string) =>
  useQuery({
    queryKey: ['outreach', 'reviews', campaignId],
    queryFn: () => api<ReviewDoor[]>(`/api/outreach/campaigns/${campaignId}/reviews`),
  });

export function useResolveDoor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doorId, input }: { doorId: string; input: ResolveInput }) =>
      api<{ id: string }>(`/api/outreach/doors/${doorId}/resolve`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach'] }),
  });
}

export function useRevisits(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<RevisitResult>(`/api/outreach/campaigns/${campaignId}/revisits`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach'] }),
  });
}

export function useShiftChanges(campaignId: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['outreach'] });
  return {
    add: useMutation({
      mutationFn: (shift: ShiftInput) =>
        api<{ id: string }>(`/api/outreach/campaigns/${campaignId}/shifts`, {
          method: 'POST',
          body: { shifts: [shift] },
        }),
      onSuccess: done,
    }),
    change: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: ShiftPatch }) =>
        api<{ id: string; replanned: boolean }>(`/api/outreach/shifts/${id}`, {
          method: 'PATCH',
          body: patch,
        }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) =>
        api<{ id: string; replanned: boolean }>(`/api/outreach/shifts/${id}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}

export function useChangeCampaign(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: CampaignPatch) =>
      api<CampaignChange>(`/api/outreach/campaigns/${campaignId}`, { method: 'PATCH', body: patch }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outreach'] }),
  });
}

/** Minutes of the day as 09:05. */
export function clock(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 09:05 as minutes of the day; NaN when not a time. */
export function minutesOf(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}
