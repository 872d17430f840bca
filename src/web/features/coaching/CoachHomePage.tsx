import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, languageName } from '../registry/format.ts';
import { CoachProfileForm } from './CoachProfileForm.tsx';
import { useCoachHome } from './coachingApi.ts';

/** The coach's own page: their families, and what is still missing before a first match. */
export function CoachHomePage() {
  const { t } = useTranslation();
  const home = useCoachHome();
  if (home.error) return <ErrorAlert error={home.error} />;
  if (!home.data) return <Loading />;
  return (
    <>
      <PageTitle title={t('coaching.me.title')} intro={t('coaching.me.intro')} />
      {!home.data.trained ? (
        <Alert variant="light" color="yellow" mb="md">
          {t('coaching.me.notTrained', {
            missing: home.data.missingSessions.map((m) => t(`coaching.topics.${m}`)).join(', '),
          })}
        </Alert>
      ) : null}
      {home.data.families.length === 0 ? (
        <Text>{t('coaching.me.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
          {home.data.families.map((f) => (
            <Card component="li" withBorder padding="md" key={f.id}>
              <Stack gap={4}>
                <Text fw={600} size="lg">
                  {f.familyLabel}
                </Text>
                <Text size="sm">
                  {t('coaching.me.child', { count: f.childAge })} · {f.languages.map(languageName).join(', ')}
                </Text>
                <Text size="sm" c="dimmed">
                  {f.lastMeetingOn
                    ? t('coaching.me.lastMeeting', { date: formatDate(f.lastMeetingOn) })
                    : t('coaching.me.noMeetingYet')}
                </Text>
                <div>
                  <Button
                    component={Link}
                    to={`/coaching/families/${f.id}`}
                    mt="xs"
                    aria-label={t('coaching.me.openFamily', { name: f.familyLabel })}
                  >
                    {t('coaching.me.open')}
                  </Button>
                </div>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {home.data.profile ? <CoachProfileForm profile={home.data.profile} areas={home.data.areas} /> : null}
    </>
  );
}
