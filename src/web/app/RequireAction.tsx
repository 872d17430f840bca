import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../shared/permissions.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { useCan } from './session.tsx';

/** Shows the page only to holders of the action; others get a plain explanation. */
export function RequireAction({ action, children }: { action: Action; children: ReactNode }) {
  const allowed = useCan(action);
  if (allowed) return <>{children}</>;
  return <ForbiddenPage />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <PageTitle title={t('forbidden.title')} intro={t('forbidden.body')} />;
}
