import { Anchor, Card, Grid, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useCan, useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { type MapArea, NeighbourhoodMap } from './NeighbourhoodMap.tsx';

interface Neighbourhood extends MapArea {
  code: string;
  households?: number;
  residents?: number;
}

export function NeighbourhoodsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canSeeResidents = useCan('persons.read');
  const list = useQuery({
    queryKey: ['neighbourhoods', 'counts'],
    queryFn: () => api<Neighbourhood[]>('/api/neighbourhoods?counts=true'),
  });
  const rows = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageTitle
        title={t('neighbourhoods.title')}
        intro={t('neighbourhoods.intro', { municipality: me.tenant.name })}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <Text>{t('neighbourhoods.none')}</Text> : null}
      {rows.length > 0 ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder padding="md" component="section" aria-labelledby="map-heading">
              <Title order={2} size="h4" id="map-heading" mb="sm">
                {t('neighbourhoods.mapTitle')}
              </Title>
              {/* On a phone the whole map would leave its names a few pixels high: it keeps a
                  readable width and scrolls sideways instead, like a wide table. */}
              <ScrollTable
                label={t('neighbourhoods.mapTitle')}
                minWidth={600}
                hint={t('neighbourhoods.scrollMap')}
              >
                <NeighbourhoodMap areas={rows} />
              </ScrollTable>
              <Group gap="lg" mt="sm">
                <Group gap={6}>
                  <span className="legend-swatch focus" aria-hidden="true" />
                  <Text size="sm">{t('neighbourhoods.legendFocus')}</Text>
                </Group>
                <Group gap={6}>
                  <span className="legend-swatch other" aria-hidden="true" />
                  <Text size="sm">{t('neighbourhoods.legendOther')}</Text>
                </Group>
              </Group>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <ScrollTable label={t('neighbourhoods.title')} minWidth={320}>
              <Table striped verticalSpacing="xs" bg="white" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('neighbourhoods.colName')}</Table.Th>
                    <Table.Th scope="col">{t('neighbourhoods.colFocus')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('neighbourhoods.colHouseholds')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('neighbourhoods.colResidents')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Th scope="row" fw={500}>
                        {canSeeResidents ? (
                          <Anchor
                            component={Link}
                            to={`/residents?wijk=${row.id}`}
                            aria-label={t('neighbourhoods.residentsOf', { name: row.name })}
                          >
                            {row.name}
                          </Anchor>
                        ) : (
                          row.name
                        )}
                      </Table.Th>
                      <Table.Td>
                        {row.isFocus ? (
                          <span className="status">
                            <span className="status-dot focus" aria-hidden="true" />
                            <strong>{t('neighbourhoods.yes')}</strong>
                          </span>
                        ) : (
                          <span className="status">{t('neighbourhoods.no')}</span>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{row.households ?? '–'}</Table.Td>
                      <Table.Td ta="right">{row.residents ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Grid.Col>
        </Grid>
      ) : null}
    </>
  );
}
