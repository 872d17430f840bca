import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  List,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signupSchema } from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import {
  rememberTenant,
  tenantOptions,
  useChosenTenant,
  useMunicipalityTexts,
  useTenants,
} from '../identity/tenants.ts';
import { check, type FieldErrors, serverErrors } from './validation.ts';

/** Anyone can offer help here, without an account: a link by e-mail confirms the address. */
export function VolunteerSignupPage() {
  const { t } = useTranslation();
  const tenants = useTenants();
  const [tenant, setTenant] = useChosenTenant();
  useMunicipalityTexts(tenant);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [wantsCoaching, setWantsCoaching] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = { tenant, displayName, email, language: currentLanguage(), wantsCoaching };
    const checked = check(signupSchema, body);
    setErrors(checked.errors);
    if (!checked.data) return;
    setBusy(true);
    try {
      await api('/api/help/public/signups', { method: 'POST', body: checked.data });
      rememberTenant(tenant);
      setSentTo(checked.data.email);
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" shadow="xs">
        <PageTitle title={t('help.signup.title')} intro={t('help.signup.intro')} />
        <Title order={2} size="h4" mb="xs">
          {t('help.signup.howTitle')}
        </Title>
        <List type="ordered" spacing={4} mb="lg">
          <List.Item>{t('help.signup.step1')}</List.Item>
          <List.Item>{t('help.signup.step2')}</List.Item>
          <List.Item>{t('help.signup.step3')}</List.Item>
        </List>
        {sentTo ? (
          <Alert color="green" variant="light" role="status">
            <Text fw={700} mb={4}>
              {t('help.signup.sentTitle')}
            </Text>
            {t('help.signup.sent', { email: sentTo })}
          </Alert>
        ) : (
          <>
            <ErrorAlert error={failure} />
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <NativeSelect
                  label={t('signIn.municipality')}
                  value={tenant}
                  onChange={(e) => {
                    setTenant(e.currentTarget.value);
                    setErrors(({ tenant: _chosen, ...rest }) => rest);
                  }}
                  data={tenantOptions(tenants.data, t('signIn.chooseMunicipality'))}
                  error={fe('tenant')}
                  required
                />
                <TextInput
                  label={t('help.signup.name')}
                  description={t('help.signup.nameHint')}
                  autoComplete="name"
                  value={displayName}
                  onChange={(e) => setDisplayName(e.currentTarget.value)}
                  error={fe('displayName')}
                  required
                />
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fe('email')}
                  required
                />
                <Checkbox
                  label={t('help.signup.coach')}
                  description={t('help.signup.coachHint')}
                  checked={wantsCoaching}
                  onChange={(e) => setWantsCoaching(e.currentTarget.checked)}
                />
                <Button type="submit" loading={busy} size="md">
                  {t('help.signup.submit')}
                </Button>
              </Stack>
            </form>
          </>
        )}
      </Card>
      <Text size="sm">
        {t('help.signup.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('signIn.submit')}
        </Anchor>
        {' · '}
        <Anchor component={Link} to="/help/ask">
          {t('help.ask.link')}
        </Anchor>
      </Text>
    </Stack>
  );
}
