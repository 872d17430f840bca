import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, languageName } from '../registry/format.ts';
import { useAlerts, usePrograms, useReferrals } from './coachingApi.ts';

/** The coordinator's cohort board: programmes and cohorts, new referrals, the way to matchmaking. */
export function CoachingPage() {
  const { t } = useTranslation();
  const programmes = usePrograms();
  const referrals = useReferrals();
  const alerts = useAlerts();
  if (programmes.error || referrals.error) return <ErrorAlert error={programmes.error ?? referrals.error} />;
  if (!programmes.data || !referrals.data) return <Loading />;
  const open = referrals.data.filter((r) => r.status === 'referred');
  return (
    <>
      <PageTitle
        title={t('coaching.board.title')}
        intro={t('coaching.board.intro')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/coaching/programmes" variant="light">
              {t('coaching.board.programmes')}
            </Button>
            <Button component={Link} to="/coaching/alerts" variant="light">
              {t('coaching.board.alerts', { n: alerts.data?.length ?? 0 })}
            </Button>
          </Group>
        }
      />
      {programmes.data.map((p) => (
        <Stack key={p.id} gap="sm" mb="xl">
          <Title order={2}>{p.name}</Title>
          <Text size="sm" c="dimmed">
            {t('coaching.board.target', {
              from: p.targetGroup.childAgeFrom,
              to: p.targetGroup.childAgeTo,
              description: p.targetGroup.description,
            })}{' '}
            · {t('coaching.board.period', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) })} ·{' '}
            {t('coaching.board.waitingList', { n: p.waitingList })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {p.cohorts.map((c) => (
              <Card key={c.id} withBorder padding="md">
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    {c.name}
                  </Title>
                  <Text size="sm">
                    {t('coaching.board.cohortCounts', {
                      accepted: c.accepted,
                      count: c.size,
                      matched: c.matched,
                    })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('coaching.board.starts', { date: formatDate(c.startsOn) })}
                  </Text>
                  <Group>
                    <Button
                      component={Link}
                      to={`/coaching/cohorts/${c.id}/matchmaking`}
                      size="sm"
                      aria-label={t('coaching.board.matchmakingFor', { name: c.name })}
                    >
                      {t('coaching.board.matchmaking')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
      <Title order={2} mb="sm">
        {t('coaching.board.referrals', { n: open.length })}
      </Title>
      <Card withBorder padding="md">
        {referrals.data.length === 0 ? (
          <Text>{t('coaching.board.noReferrals')}</Text>
        ) : (
          <ScrollTable label={t('coaching.board.referralsTable')} minWidth={720}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coaching.board.family')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.board.referredBy')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.board.languages')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.board.status')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.board.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {referrals.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Th scope="row">
                      {r.parentFirstNames} {r.familyName}
                      <Text size="xs" c="dimmed">
                        {t('coaching.board.child', { name: r.childFirstName, count: r.childAge })}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{r.referrerOrganisation}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(r.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.languages.map(languageName).join(', ')}</Table.Td>
                    <Table.Td>
                      <Badge variant="filled" tt="none" color={r.status === 'referred' ? 'blue.9' : 'gray.9'}>
                        {r.coachName
                          ? t('coaching.board.withCoach', { name: r.coachName })
                          : t(`coaching.status.${r.status}`)}
                      </Badge>
                      {r.cohortName ? (
                        <Text size="xs" c="dimmed">
                          {r.cohortName}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        component={Link}
                        to={`/coaching/referrals/${r.id}`}
                        size="xs"
                        variant={r.status === 'referred' ? 'filled' : 'light'}
                        aria-label={t('coaching.board.openReferral', {
                          name: `${r.parentFirstNames} ${r.familyName}`,
                        })}
                      >
                        {r.status === 'referred' ? t('coaching.board.intake') : t('coaching.board.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>
    </>
  );
}
