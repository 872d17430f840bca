import { useQuery } from '@tanstack/react-query';
import { brusselsNow } from '../../../shared/brussels.ts';
import type {
  CoachHome,
  CoachingAlert,
  CoachView,
  Dashboard,
  OwnReferral,
  Programme,
  Referral,
  Trajectory,
  TrajectorySummary,
  Worry,
} from '../../../shared/coaching.schemas.ts';
import { coachingMessages } from '../../../shared/coaching.schemas.ts';
import { ApiError, api } from '../../api.ts';

export const coachingKeys = {
  all: ['coaching'] as const,
  programmes: ['coaching', 'programmes'] as const,
  referrals: ['coaching', 'referrals'] as const,
  referral: (id: string) => ['coaching', 'referrals', id] as const,
  mine: ['coaching', 'refer', 'mine'] as const,
  options: ['coaching', 'refer', 'options'] as const,
  coaches: ['coaching', 'coaches'] as const,
  training: ['coaching', 'training'] as const,
  trajectories: ['coaching', 'trajectories'] as const,
  trajectory: (id: string) => ['coaching', 'trajectories', id] as const,
  alerts: ['coaching', 'alerts'] as const,
  worries: ['coaching', 'worries'] as const,
  me: ['coaching', 'me'] as const,
  dashboard: ['coaching', 'dashboard'] as const,
};

export interface ReferOptions {
  programmes: { id: string; name: string; targetGroup: string }[];
  areas: { id: string; name: string }[];
}

export interface TrainingSession {
  id: string;
  topic: string;
  title: string;
  heldOn: string;
  coachIds: string[];
}

export const usePrograms = () =>
  useQuery({
    queryKey: coachingKeys.programmes,
    queryFn: () => api<Programme[]>('/api/coaching/programmes'),
  });
export const useReferrals = () =>
  useQuery({ queryKey: coachingKeys.referrals, queryFn: () => api<Referral[]>('/api/coaching/referrals') });
export const useReferral = (id: string) =>
  useQuery({
    queryKey: coachingKeys.referral(id),
    queryFn: () => api<Referral>(`/api/coaching/referrals/${encodeURIComponent(id)}`),
  });
export const useOwnReferrals = () =>
  useQuery({ queryKey: coachingKeys.mine, queryFn: () => api<OwnReferral[]>('/api/coaching/refer/mine') });
export const useReferOptions = () =>
  useQuery({
    queryKey: coachingKeys.options,
    queryFn: () => api<ReferOptions>('/api/coaching/refer/options'),
  });
export const useCoaches = () =>
  useQuery({
    queryKey: coachingKeys.coaches,
    queryFn: () =>
      api<{
        coaches: CoachView[];
        candidates: { userId: string; displayName: string; languages: string[]; areaName: string | null }[];
      }>('/api/coaching/coaches'),
  });
export const useTraining = () =>
  useQuery({
    queryKey: coachingKeys.training,
    queryFn: () => api<TrainingSession[]>('/api/coaching/training'),
  });
export const useTrajectories = () =>
  useQuery({
    queryKey: coachingKeys.trajectories,
    queryFn: () => api<TrajectorySummary[]>('/api/coaching/trajectories'),
  });
export const useTrajectory = (id: string) =>
  useQuery({
    queryKey: coachingKeys.trajectory(id),
    queryFn: () => api<Trajectory>(`/api/coaching/trajectories/${encodeURIComponent(id)}`),
  });
export const useAlerts = () =>
  useQuery({ queryKey: coachingKeys.alerts, queryFn: () => api<CoachingAlert[]>('/api/coaching/alerts') });
export const useWorries = () =>
  useQuery({ queryKey: coachingKeys.worries, queryFn: () => api<Worry[]>('/api/coaching/worries') });
export const useCoachHome = () =>
  useQuery({ queryKey: coachingKeys.me, queryFn: () => api<CoachHome>('/api/coaching/me') });
export const useDashboard = () =>
  useQuery({ queryKey: coachingKeys.dashboard, queryFn: () => api<Dashboard>('/api/coaching/dashboard') });

const messageKeys: Record<string, string> = {
  [coachingMessages.consentRequired]: 'coaching.fieldErrors.consent',
  [coachingMessages.inFuture]: 'coaching.fieldErrors.inFuture',
  [coachingMessages.beforeStart]: 'coaching.fieldErrors.beforeStart',
  [coachingMessages.capacity]: 'coaching.fieldErrors.capacity',
  [coachingMessages.hasCoach]: 'coaching.fieldErrors.hasCoach',
  [coachingMessages.notScreened]: 'coaching.fieldErrors.notScreened',
  [coachingMessages.reasonRequired]: 'coaching.fieldErrors.reasonRequired',
  [coachingMessages.cohortRequired]: 'coaching.fieldErrors.cohortRequired',
  [coachingMessages.safetySituation]: 'coaching.fieldErrors.safetySituation',
  [coachingMessages.notAChild]: 'coaching.fieldErrors.notAChild',
  [coachingMessages.consentTooOld]: 'coaching.fieldErrors.consentTooOld',
  [coachingMessages.beforeReferral]: 'coaching.fieldErrors.beforeReferral',
  [coachingMessages.notBelgian]: 'coaching.fieldErrors.notBelgian',
};

/** The API's per-field reasons as translation keys; an unknown reason gets the general one. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const item of error.details as { field?: string; message?: string }[]) {
    if (!item?.field || out[item.field]) continue;
    const message = item.message ?? '';
    out[item.field] = message.startsWith(coachingMessages.notTrained)
      ? 'coaching.fieldErrors.notTrained'
      : (messageKeys[message] ?? 'errors.fieldInvalid');
  }
  return out;
}

/** Today in Genk (Europe/Brussels), yyyy-mm-dd: the day the server checks dates against, whatever the browser's time zone. */
export const localToday = () => brusselsNow().date;
