import { Alert, Anchor, Button, Card, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { ErrorAlert, serverFieldErrors } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useMunicipalityTexts } from './tenants.ts';

export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tenant = params.get('tenant') ?? '';
  useMunicipalityTexts(tenant);
  const token = params.get('token') ?? '';
  // A volunteer arriving from the confirmation link goes on to their own page after signing in.
  const volunteer = params.get('welcome') === 'volunteer';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const complete = tenant.length > 0 && token.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string | undefined> = {};
    if (!password) errors.password = 'errors.required';
    else if (password.length < 10) errors.password = 'errors.passwordTooShort';
    if (!confirm) errors.confirm = 'errors.required';
    else if (password && confirm !== password) errors.confirm = 'errors.passwordMismatch';
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await api('/api/auth/set-password', { method: 'POST', body: { tenant, token, password } });
      setDone(true);
    } catch (failure) {
      setError(failure);
      setFieldErrors(serverFieldErrors(failure, ['password']));
    } finally {
      setBusy(false);
    }
  };

  const fe = (field: string) => (fieldErrors[field] ? t(fieldErrors[field] as string) : undefined);

  return (
    <Card withBorder padding="lg" shadow="xs">
      <PageTitle
        title={t('setPassword.title')}
        intro={
          complete && !done
            ? volunteer
              ? t('help.confirm.choosePassword')
              : t('setPassword.intro')
            : undefined
        }
      />
      {!complete ? (
        <>
          <Alert color="orange" variant="light" role="alert" mb="md">
            {t('setPassword.missingLink')}
          </Alert>
          <Anchor component={Link} to="/forgot-password">
            {t('setPassword.requestNew')}
          </Anchor>
        </>
      ) : done ? (
        <>
          <Alert color="green" variant="light" role="status" mb="md">
            {t('setPassword.done')}
          </Alert>
          <Button component={Link} to={volunteer ? '/sign-in?next=%2Fhelp%2Fme' : '/sign-in'}>
            {t('setPassword.goToSignIn')}
          </Button>
        </>
      ) : (
        <>
          <ErrorAlert error={error} />
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <PasswordInput
                visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword') }}
                label={t('setPassword.password')}
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fe('password')}
                required
              />
              <PasswordInput
                visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword') }}
                label={t('setPassword.confirm')}
                autoComplete="new-password"
                value={confirm}
                onChange={(event) => setConfirm(event.currentTarget.value)}
                error={fe('confirm')}
                required
              />
              <Button type="submit" loading={busy}>
                {t('setPassword.submit')}
              </Button>
            </Stack>
          </form>
          {error ? (
            <Anchor component={Link} to="/forgot-password" mt="md" display="inline-block">
              {t('setPassword.requestNew')}
            </Anchor>
          ) : null}
        </>
      )}
    </Card>
  );
}
