import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect } from 'react';
import type { Action } from '../../shared/permissions.ts';
import type { Me } from '../../shared/schemas.ts';
import { ApiError, api, setCsrfToken } from '../api.ts';

export const meKey = ['me'] as const;

const SIGNED_IN_HINT = 'samen.signedIn';
/** Who was signed in, for a visitor who opens the app without a connection (no token kept). */
const OFFLINE_ME = 'samen.offlineMe';

/**
 * Only a visitor's account is kept, the one that walks rounds offline: the doorstep app then
 * opens cold without a connection. The session itself stays in its httpOnly cookie; the server
 * checks it again on the first request once there is a connection.
 */
function keepForOffline(me: Me | null) {
  try {
    if (me?.actions.includes('outreach.visit'))
      localStorage.setItem(OFFLINE_ME, JSON.stringify({ ...me, csrfToken: '' }));
    else localStorage.removeItem(OFFLINE_ME);
  } catch {
    // Storage unavailable: the app then needs a connection to open.
  }
}

function offlineMe(): Me | null {
  try {
    const kept = localStorage.getItem(OFFLINE_ME);
    return kept ? (JSON.parse(kept) as Me) : null;
  } catch {
    return null;
  }
}

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
    else {
      localStorage.removeItem(SIGNED_IN_HINT);
      localStorage.removeItem(OFFLINE_ME);
    }
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
    keepForOffline(me);
    return me;
  } catch (error) {
    // No connection: a visitor who was signed in on this phone opens the app with what was kept.
    if (error instanceof ApiError && error.code === 'NETWORK_ERROR') {
      const kept = maybeSignedIn() ? offlineMe() : null;
      if (kept) return kept;
    }
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
  const client = useQueryClient();
  // Back online: ask the server again (the kept account has no CSRF token).
  useEffect(() => {
    const up = () => void client.invalidateQueries({ queryKey: meKey });
    window.addEventListener('online', up);
    return () => window.removeEventListener('online', up);
  }, [client]);
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
