import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';

/** The server's and the shared schema's words for a refused field, as translation keys. */
export const fieldMessages: Record<string, string> = {
  'the shift must end after it starts': 'outreach.form.errShiftOrder',
  'the end of the visiting time must be after its start': 'outreach.form.errWindowOrder',
  'the last day must not be before the first': 'outreach.form.errPeriodOrder',
  'the last day must not be before today': 'outreach.form.errEndsInPast',
  'choose at least one neighbourhood or street': 'outreach.form.errWhere',
  'a day outside the campaign period': 'outreach.refused.dayOutside',
  'not in any team of the campaign': 'outreach.refused.notInTeam',
  'a neighbourhood outside the campaign': 'outreach.refused.areaOutside',
};

/**
 * Why a change was refused, in plain words: a change that would leave recorded visits behind
 * (the reason and what it concerns), or the fields that are not right. Nothing was saved.
 */
export function RefusedAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  const details = error.details as { reason?: string } & Record<string, string | number>;
  let text: string | null = null;
  if (error.code === 'CONFLICT' && details && typeof details.reason === 'string')
    text = t(`outreach.refused.${details.reason}`, {
      ...details,
      ...(typeof details.day === 'string'
        ? {
            day: new Intl.DateTimeFormat(locales[currentLanguage()], { dateStyle: 'long' }).format(
              new Date(`${details.day}T12:00:00`),
            ),
          }
        : {}),
    });
  else if (error.code === 'VALIDATION_FAILED') {
    const messages = Object.values(error.fields).map((m) =>
      fieldMessages[m] ? t(fieldMessages[m]) : t('errors.fieldInvalid'),
    );
    if (messages.length) text = [...new Set(messages)].join(' ');
  }
  if (!text) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" role="alert" title={t('outreach.refused.title')}>
      {text}
    </Alert>
  );
}
