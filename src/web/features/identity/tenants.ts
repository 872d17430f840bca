import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { setMunicipality } from '../../i18n/index.ts';

export interface Tenant {
  slug: string;
  name: string;
  defaultLanguage: string;
}

export function useTenants() {
  return useQuery({
    queryKey: ['tenants'],
    queryFn: () => api<Tenant[]>('/api/tenants'),
    staleTime: 10 * 60_000,
  });
}

/**
 * On a public page, the texts speak for the municipality named by its slug (the one chosen, or the
 * one in the link): its name for volunteer help ("{{programme}}"). Call it while rendering.
 */
export function useMunicipalityTexts(slug: string | null) {
  const tenants = useTenants();
  const tenant = tenants.data?.find((item) => item.slug === slug);
  setMunicipality(tenant?.name ?? null);
  return tenant;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TENANT_KEY = 'samen.tenant';

/** The municipality last signed in to on this device, to preselect it. */
export function lastTenant(): string | null {
  try {
    return localStorage.getItem(TENANT_KEY);
  } catch {
    return null;
  }
}

export function rememberTenant(slug: string) {
  try {
    localStorage.setItem(TENANT_KEY, slug);
  } catch {
    // Storage unavailable: the list then starts at its first municipality.
  }
}
