import { Badge, Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../registry/format.ts';
import { useOwnReferrals } from './coachingApi.ts';

/** A referrer follows their own referrals: the status and what the family was told. */
export function MyReferralsPage() {
  const { t } = useTranslation();
  const referrals = useOwnReferrals();
  return (
    <>
      <PageTitle
        title={t('coaching.mine.title')}
        intro={t('coaching.mine.intro')}
        actions={
          <Button component={Link} to="/coaching/refer">
            {t('coaching.mine.new')}
          </Button>
        }
      />
      <ErrorAlert error={referrals.error} />
      {!referrals.data ? (
        <Loading />
      ) : referrals.data.length === 0 ? (
        <Text>{t('coaching.mine.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
          {referrals.data.map((r) => (
            <Card component="li" withBorder padding="md" key={r.id}>
              <Stack gap={4}>
                <Text fw={600}>{r.familyLabel}</Text>
                <Text size="sm" c="dimmed">
                  {t('coaching.mine.referredOn', { date: formatDate(r.createdAt) })} · {r.programmeName}
                </Text>
                <div>
                  <Badge variant="filled" tt="none" color={r.status === 'accepted' ? 'teal.9' : 'gray.9'}>
                    {r.matched ? t('coaching.status.matched') : t(`coaching.status.${r.status}`)}
                  </Badge>
                </div>
                {r.reasonForFamily ? (
                  <Text size="sm">{t('coaching.mine.told', { reason: r.reasonForFamily })}</Text>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
