import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { fetchMe, meKey, useMeQuery } from '../../app/session.tsx';
import { ErrorAlert, serverFieldErrors } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { EMAIL_PATTERN, rememberTenant, tenantOptions, useChosenTenant, useTenants } from './tenants.ts';

interface DemoAccounts {
  demo: boolean;
  password: string | null;
  accounts: { tenant: string; email: string; roles: string[] }[];
}

/** Only same-site paths may be used as the place to return to after signing in. */
function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery({ onlyIfLikely: true });
  const tenants = useTenants();
  const demo = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api<DemoAccounts>('/api/demo/accounts'),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const [tenant, setTenant] = useChosenTenant();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const next = safeNext(params.get('next'));
  if (me.data) return <Navigate to={next} replace />;

  const reason = params.get('reason');
  const notice =
    reason === 'expired'
      ? t('signIn.expired')
      : reason === 'signed-out-everywhere'
        ? t('app.signedOutEverywhere')
        : reason === 'signed-out'
          ? t('signIn.signedOut')
          : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string | undefined> = {};
    if (!tenant) errors.tenant = 'signIn.municipalityNeeded';
    if (!email.trim()) errors.email = 'errors.required';
    else if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'errors.emailInvalid';
    if (!password) errors.password = 'errors.required';
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await api('/api/auth/login', { method: 'POST', body: { tenant, email: email.trim(), password } });
      rememberTenant(tenant);
      const signedIn = await fetchMe();
      queryClient.setQueryData(meKey, signedIn);
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      setFieldErrors(serverFieldErrors(failure, ['tenant', 'email', 'password']));
    } finally {
      setBusy(false);
    }
  };

  const fill = (account: DemoAccounts['accounts'][number]) => {
    setTenant(account.tenant);
    setEmail(account.email);
    setPassword(demo.data?.password ?? '');
    setFieldErrors({});
    setError(null);
  };

  const tenantName = (slug: string) => tenants.data?.find((item) => item.slug === slug)?.name ?? slug;
  const fe = (field: string) => (fieldErrors[field] ? t(fieldErrors[field] as string) : undefined);

  return (
    <Stack gap="xl">
      <Card withBorder padding="lg" shadow="xs">
        <PageTitle title={t('signIn.title')} intro={t('signIn.intro')} />
        {notice ? (
          <Alert color="indigo" variant="light" mb="md" role="status">
            {notice}
          </Alert>
        ) : null}
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
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fe('email')}
              required
            />
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword') }}
              label={t('signIn.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fe('password')}
              required
            />
            <Button type="submit" loading={busy} size="md">
              {t('signIn.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password">
              {t('signIn.forgot')}
            </Anchor>
            <Anchor component={Link} to="/help/ask">
              {t('help.ask.link')}
            </Anchor>
            <Anchor component={Link} to="/help/volunteer">
              {t('help.signup.link')}
            </Anchor>
          </Stack>
        </form>
      </Card>

      {demo.data?.demo && demo.data.accounts.length > 0 ? (
        <Card withBorder padding="md" component="section">
          <Title order={2} size="h4" id="demo-title" mb="xs">
            {t('signIn.demoTitle')}
          </Title>
          <Text mb="sm">
            {t('signIn.demoIntro')} <Code>{demo.data.password}</Code>
          </Text>
          <Table striped verticalSpacing="xs" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('signIn.demoEmail')}</Table.Th>
                <Table.Th scope="col">{t('signIn.demoAction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {demo.data.accounts.map((account) => (
                <Table.Tr key={`${account.tenant}/${account.email}`}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm" fw={600}>
                      {account.email}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {tenantName(account.tenant)} ·{' '}
                      {account.roles.map((role) => t(`roles.${role}`)).join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => fill(account)}
                      aria-label={t('signIn.demoUseFor', { email: account.email })}
                    >
                      {t('signIn.demoUse')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
    </Stack>
  );
}
