import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/** Turns any failure into plain words, using the API's error code. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      // A family that withdrew its consent is a reason of its own, whatever the screen.
      if (
        error.code === 'CONFLICT' &&
        (error.details as { reason?: string } | undefined)?.reason === 'consent'
      )
        return t('errors.consentWithdrawn');
      return t(`errors.${error.code}`);
    }
    return t('errors.INTERNAL');
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert" mb="md">
      {text(error)}
    </Alert>
  );
}

/** Per-field messages from the API's validation details, in plain words. */
export function serverFieldErrors(
  error: unknown,
  fields: readonly string[],
): Record<string, string | undefined> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return {};
  const found = error.fields;
  const out: Record<string, string | undefined> = {};
  for (const field of fields) if (found[field] !== undefined) out[field] = 'errors.fieldInvalid';
  return out;
}
