import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Action } from '../../shared/permissions.ts';
import type { Me } from '../../shared/schemas.ts';
import { ApiError, api, setCsrfToken } from '../api.ts';

export const meKey = ['me'] as const;

const SIGNED_IN_HINT = 'samen.signedIn';

/**
 * A hint (not a credential) that this browser was signed in, so public pages only ask the
 * server who is signed in when that is likely; the session itself lives in an httpOnly cookie.
 */
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true;
  }
}

export function rememberSignedIn(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage unavailable: public pages then simply ask the server.
  }
}

/** Who is signed in, or null when nobody is. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me', { redirectOnAuthFailure: false });
    setCsrfToken(me.csrfToken);
    rememberSignedIn(true);
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      rememberSignedIn(false);
      return null;
    }
    throw error;
  }
}

/** Who is signed in; with onlyIfLikely, no request is made when this browser was not signed in. */
export function useMeQuery({ onlyIfLikely = false }: { onlyIfLikely?: boolean } = {}) {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: false,
    enabled: !onlyIfLikely || maybeSignedIn(),
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in person; only inside the signed-in part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe used outside the signed-in layout');
  return me;
}

export function useCan(action: Action): boolean {
  return useMe().actions.includes(action);
}
