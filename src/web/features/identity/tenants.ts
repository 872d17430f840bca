import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
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

/**
 * The municipality a public page starts with: the one in the link (`?tenant=genk`, read as the
 * feedback link reads it), else the one last signed in to on this device, else none: the list then
 * says "Kies je gemeente" and the form asks for a choice. Never silently the first of the list, so
 * a resident of Genk does not send a request to another town unnoticed.
 */
export function useChosenTenant(): [string, (slug: string) => void] {
  const [params] = useSearchParams();
  const tenants = useTenants();
  const [tenant, setTenant] = useState('');
  const [settled, setSettled] = useState(false);
  const linked = params.get('tenant');
  useEffect(() => {
    if (settled || !tenants.data) return;
    setSettled(true);
    const known = (slug: string | null) => tenants.data.some((item) => item.slug === slug);
    const start = [linked, lastTenant()].find(known);
    if (start) setTenant(start);
  }, [settled, tenants.data, linked]);
  return [tenant, setTenant];
}

/** The municipalities for a select, after an empty "Kies je gemeente" that cannot be chosen again. */
export function tenantOptions(tenants: Tenant[] | undefined, placeholder: string) {
  return [
    { value: '', label: placeholder, disabled: true },
    ...(tenants ?? []).map((item) => ({ value: item.slug, label: item.name })),
  ];
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
    // Storage unavailable: the list then asks to choose the municipality.
  }
}
