import { useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';
import { type Role, readPurposesFor } from '../../../shared/permissions.ts';
import type { readPurposeSchema } from '../../../shared/registry.schemas.ts';
import { useMe } from '../../app/session.tsx';

export type ReadPurpose = z.infer<typeof readPurposeSchema>;

const KEY = 'samen.readPurpose';

/**
 * The purpose chosen in this browser tab, if the viewer may still give it (readPurposesFor: a
 * purpose remembered under other roles counts as not chosen); forgotten when the tab closes.
 */
export function storedPurpose(allowed: readonly ReadPurpose[]): ReadPurpose | null {
  try {
    const value = sessionStorage.getItem(KEY);
    return allowed.find((purpose) => purpose === value) ?? null;
  } catch {
    return null;
  }
}

/**
 * Why the viewer opens residents' records, and the reasons their roles may give. Every opening is
 * written to the audit trail with this purpose, so we ask once and remember it for the session; it
 * can be changed at any time.
 */
export function useReadPurpose() {
  const { roles } = useMe();
  const allowed = useMemo(() => readPurposesFor(roles as Role[]), [roles]);
  const [chosen, setPurposeState] = useState<ReadPurpose | null>(() => storedPurpose(allowed));
  const setPurpose = useCallback((next: ReadPurpose | null) => {
    try {
      if (next) sessionStorage.setItem(KEY, next);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage unavailable: the choice lasts while this page is open.
    }
    setPurposeState(next);
  }, []);
  // Roles can change while the tab is open: a purpose they no longer allow is asked again.
  const purpose = chosen && allowed.includes(chosen) ? chosen : null;
  return { purpose, allowed, setPurpose };
}
