import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { type readPurposeSchema, readPurposes } from '../../../shared/registry.schemas.ts';

export type ReadPurpose = z.infer<typeof readPurposeSchema>;

const KEY = 'samen.readPurpose';

function isPurpose(value: unknown): value is ReadPurpose {
  return typeof value === 'string' && (readPurposes as readonly string[]).includes(value);
}

/** The purpose chosen in this browser tab; forgotten when the tab closes. */
export function storedPurpose(): ReadPurpose | null {
  try {
    const value = sessionStorage.getItem(KEY);
    return isPurpose(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Why the viewer opens residents' records. Every opening is written to the audit trail with this
 * purpose, so we ask once and remember it for the session; it can be changed at any time.
 */
export function useReadPurpose() {
  const [purpose, setPurposeState] = useState<ReadPurpose | null>(storedPurpose);
  const setPurpose = useCallback((next: ReadPurpose | null) => {
    try {
      if (next) sessionStorage.setItem(KEY, next);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage unavailable: the choice lasts while this page is open.
    }
    setPurposeState(next);
  }, []);
  return { purpose, setPurpose };
}
