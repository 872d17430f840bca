import { NativeSelect } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/schemas.ts';
import { api } from '../api.ts';
import { meKey } from '../app/session.tsx';
import { changeLanguage, currentLanguage, isLanguage, languages, rememberLanguage } from '../i18n/index.ts';
import { notify } from './notify.ts';

/** Switches the interface language; remembered on this device and, when signed in, in the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  const change = async (value: string) => {
    if (!isLanguage(value)) return;
    if (!(await changeLanguage(value))) {
      notify(t('errors.NETWORK_ERROR'), 'error');
      return;
    }
    // Another language was chosen while this one's words were on their way: that one stands.
    if (currentLanguage() !== value) return;
    rememberLanguage(value);
    const me = queryClient.getQueryData<Me | null>(meKey);
    if (me && me.user.language !== value) {
      try {
        await api('/api/auth/language', { method: 'PUT', body: { language: value } });
        const updated: Me = { ...me, user: { ...me.user, language: value } };
        queryClient.setQueryData(meKey, updated);
      } catch {
        notify(t('language.saveFailed'), 'error');
      }
    }
  };

  return (
    <NativeSelect
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(event) => void change(event.currentTarget.value)}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      w={130}
      size="sm"
    />
  );
}
