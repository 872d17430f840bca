import { Alert, Anchor, Button, Card, Loader, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useMunicipalityTexts } from '../identity/tenants.ts';

/** The link from the confirmation e-mail: creates the account, then on to choosing a password. */
export function ConfirmSignupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const tenant = params.get('tenant') ?? '';
  useMunicipalityTexts(tenant);
  const token = params.get('token') ?? '';
  const [state, setState] = useState<'working' | 'failed' | 'existing'>('working');
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!tenant || !token) {
      setState('failed');
      return;
    }
    api<{ tenant: string; token: string | null }>('/api/help/public/signups/confirm', {
      method: 'POST',
      body: { tenant, token },
    })
      .then((result) => {
        if (result.token) {
          navigate(
            `/set-password?tenant=${encodeURIComponent(result.tenant)}&token=${encodeURIComponent(result.token)}&welcome=volunteer`,
            { replace: true },
          );
        } else setState('existing');
      })
      .catch(() => setState('failed'));
  }, [tenant, token, navigate]);

  return (
    <Card withBorder padding="lg" shadow="xs">
      <PageTitle title={t('help.confirm.title')} />
      {state === 'working' ? (
        <Stack align="center" role="status" aria-live="polite">
          <Loader aria-hidden="true" />
          {t('help.confirm.working')}
        </Stack>
      ) : state === 'existing' ? (
        <>
          <Alert color="green" variant="light" role="status" mb="md">
            {t('help.confirm.existing')}
          </Alert>
          <Button component={Link} to="/sign-in?next=%2Fhelp%2Fme">
            {t('signIn.submit')}
          </Button>
        </>
      ) : (
        <>
          <Alert color="orange" variant="light" role="alert" mb="md">
            {t('help.confirm.failed')}
          </Alert>
          <Anchor component={Link} to="/help/volunteer">
            {t('help.confirm.again')}
          </Anchor>
        </>
      )}
    </Card>
  );
}
