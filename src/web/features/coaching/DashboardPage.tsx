import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatMonth } from '../registry/format.ts';
import { useDashboard } from './coachingApi.ts';

/** The steering group's view: aggregates only, small numbers hidden. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  if (dashboard.error) return <ErrorAlert error={dashboard.error} />;
  if (!dashboard.data) return <Loading />;
  const d = dashboard.data;
  const n = (value: number | null) =>
    value === null ? t('coaching.dashboard.few', { n: d.smallNumber }) : String(value);
  return (
    <>
      <PageTitle
        title={t('coaching.dashboard.title')}
        intro={t('coaching.dashboard.intro', { n: d.smallNumber })}
      />
      <Title order={2} size="h3" mb="sm">
        {t('coaching.dashboard.cohorts')}
      </Title>
      <Card withBorder padding="md" mb="lg">
        <ScrollTable label={t('coaching.dashboard.cohorts')} minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coaching.dashboard.cohort')}</Table.Th>
                <Table.Th scope="col">{t('coaching.dashboard.places')}</Table.Th>
                <Table.Th scope="col">{t('coaching.dashboard.families')}</Table.Th>
                <Table.Th scope="col">{t('coaching.dashboard.staying')}</Table.Th>
                <Table.Th scope="col">{t('coaching.dashboard.leaving')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.cohorts.map((c) => (
                <Table.Tr key={`${c.programmeName}:${c.name}`}>
                  <Table.Th scope="row">{c.name}</Table.Th>
                  <Table.Td>{c.size}</Table.Td>
                  <Table.Td>{n(c.families)}</Table.Td>
                  <Table.Td>{n(c.active)}</Table.Td>
                  <Table.Td>{n(c.ended)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Title order={2} size="h3" mb="sm">
            {t('coaching.dashboard.meetings')}
          </Title>
          {d.meetingsPerMonth.length === 0 ? <Text>{t('coaching.dashboard.noMeetings')}</Text> : null}
          <Table>
            <Table.Tbody>
              {d.meetingsPerMonth.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Th scope="row">{formatMonth(m.month)}</Table.Th>
                  <Table.Td>{n(m.meetings)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h3" mb="sm">
            {t('coaching.dashboard.goals')}
          </Title>
          <Text>
            {t('coaching.dashboard.goalsProgressed', {
              progressed: n(d.goalsProgressed),
              total: n(d.goalsTotal),
            })}
          </Text>
        </Card>
      </SimpleGrid>
    </>
  );
}
