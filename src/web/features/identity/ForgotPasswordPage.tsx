import { Alert, Anchor, Button, Card, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { ErrorAlert, serverFieldErrors } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { EMAIL_PATTERN, tenantOptions, useChosenTenant, useTenants } from './tenants.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const tenants = useTenants();
  const [tenant, setTenant] = useChosenTenant();
  const [email, setEmail] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string | undefined> = {};
    if (!tenant) errors.tenant = 'signIn.municipalityNeeded';
    if (!email.trim()) errors.email = 'errors.required';
    else if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'errors.emailInvalid';
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await api('/api/auth/password-reset', { method: 'POST', body: { tenant, email: email.trim() } });
      setSent(true);
    } catch (failure) {
      setError(failure);
      setFieldErrors(serverFieldErrors(failure, ['tenant', 'email']));
    } finally {
      setBusy(false);
    }
  };

  const fe = (field: string) => (fieldErrors[field] ? t(fieldErrors[field] as string) : undefined);

  return (
    <Card withBorder padding="lg" shadow="xs">
      <PageTitle title={t('forgot.title')} intro={t('forgot.intro')} />
      {sent ? (
        <Alert color="green" variant="light" role="status" mb="md">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <>
          <ErrorAlert error={error} />
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <NativeSelect
                label={t('signIn.municipality')}
                value={tenant}
                onChange={(event) => {
                  setTenant(event.currentTarget.value);
                  setFieldErrors((errors) => ({ ...errors, tenant: undefined }));
                }}
                data={tenantOptions(tenants.data, t('signIn.chooseMunicipality'))}
                error={fe('tenant')}
                required
              />
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fe('email')}
                required
              />
              <Button type="submit" loading={busy}>
                {t('forgot.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/sign-in" mt="md" display="inline-block">
        {t('forgot.back')}
      </Anchor>
    </Card>
  );
}
