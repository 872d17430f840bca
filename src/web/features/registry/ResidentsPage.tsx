import { Box, Button, Card, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fullName } from './format.ts';
import { registryKeys, SEARCH_LIMIT, searchPersons, useNeighbourhoods } from './registryApi.ts';

/** The year of birth and the age, "1990 (36 jaar)"; the year alone when the age is not known. */
function bornAge(
  t: (key: string, options?: Record<string, unknown>) => string,
  birthDate: string,
  age: number | null,
) {
  const year = birthDate.slice(0, 4);
  return age === null ? year : t('registry.residents.bornAge', { year, count: age });
}

/** Find a resident by name, address or phone, or list a neighbourhood. */
export function ResidentsPage() {
  const { t } = useTranslation();
  const canWrite = useCan('persons.write');
  const canSeeNeighbourhoods = useCan('neighbourhoods.read');
  // The search lives in the address, so "back" returns to the same results.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const neighbourhoodId = params.get('wijk') ?? '';
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const neighbourhoods = useNeighbourhoods(canSeeNeighbourhoods);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // Home visitors, coaches and volunteers see only the residents their work links them to:
  // that short list is shown right away. Staff who see everyone search first.
  const listMine = !canWrite;
  const searching = debouncedQ.length > 0 || neighbourhoodId !== '';
  const active = searching || listMine;
  const results = useQuery({
    queryKey: registryKeys.search(debouncedQ, neighbourhoodId),
    queryFn: ({ signal }) => searchPersons(debouncedQ, neighbourhoodId, signal),
    enabled: active,
    placeholderData: keepPreviousData,
  });
  const rows = active ? (results.data ?? []) : [];
  const sortedNeighbourhoods = [...(neighbourhoods.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageTitle
        title={t('registry.residents.title')}
        intro={t(canSeeNeighbourhoods ? 'registry.residents.intro' : 'registry.residents.introSearch')}
        actions={
          canWrite ? (
            <Button component={Link} to="/residents/new">
              {t('registry.residents.register')}
            </Button>
          ) : null
        }
      />
      <Card
        withBorder
        padding="md"
        mb="lg"
        component="section"
        role="search"
        aria-label={t('registry.residents.searchLabel')}
      >
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label={t('registry.residents.search')}
            description={t('registry.residents.searchHelp')}
            type="search"
            value={q}
            onChange={(event) => update('q', event.currentTarget.value)}
            autoComplete="off"
            style={{ flex: '1 1 16rem' }}
          />
          {canSeeNeighbourhoods ? (
            <NativeSelect
              label={t('registry.residents.neighbourhood')}
              value={neighbourhoodId}
              onChange={(event) => update('wijk', event.currentTarget.value)}
              data={[
                { value: '', label: t('registry.residents.allNeighbourhoods') },
                ...sortedNeighbourhoods.map((n) => ({ value: n.id, label: n.name })),
              ]}
              style={{ flex: '1 1 14rem' }}
            />
          ) : null}
        </Group>
      </Card>

      <ErrorAlert error={results.error} />
      <div aria-live="polite">
        {!active ? <Text>{t('registry.residents.start')}</Text> : null}
        {listMine && !searching && rows.length > 0 ? (
          <Text mb="sm">{t('registry.residents.mine')}</Text>
        ) : null}
        {active && results.isPending ? <Loading /> : null}
        {active && results.data && rows.length === 0 ? (
          <Text>{t(searching ? 'registry.residents.none' : 'registry.residents.noneMine')}</Text>
        ) : null}
        {rows.length > 0 ? (
          <Text size="sm" mb="xs" c="dimmed">
            {t('registry.residents.count', { n: rows.length })}
          </Text>
        ) : null}
        {rows.length >= SEARCH_LIMIT ? (
          <Text size="sm" mb="xs">
            {t('registry.residents.limited', { n: SEARCH_LIMIT })}
          </Text>
        ) : null}
      </div>
      {rows.length > 0 ? (
        <>
          <Box visibleFrom="sm">
            <ScrollTable label={t('registry.residents.resultsLabel')} minWidth={620}>
              <Table striped highlightOnHover verticalSpacing="sm" bg="white">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('registry.residents.colName')}</Table.Th>
                    <Table.Th scope="col">{t('registry.residents.colBorn')}</Table.Th>
                    <Table.Th scope="col">{t('registry.residents.colAddress')}</Table.Th>
                    <Table.Th scope="col">{t('registry.residents.colNeighbourhood')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((person) => (
                    <Table.Tr key={person.id}>
                      <Table.Th scope="row" fw={600}>
                        {person.anonymised ? (
                          <Link to={`/persons/${person.id}`}>{t('registry.person.anonymisedName')}</Link>
                        ) : (
                          <Link to={`/persons/${person.id}`}>{fullName(person)}</Link>
                        )}
                      </Table.Th>
                      <Table.Td>
                        {person.birthDate ? bornAge(t, person.birthDate, person.age) : t('registry.unknown')}
                      </Table.Td>
                      <Table.Td>{person.address ?? t('registry.unknown')}</Table.Td>
                      <Table.Td>{person.neighbourhoodName ?? t('registry.unknown')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Box>
          {/* On a phone: one card per resident instead of a wide table. */}
          <Box hiddenFrom="sm" component="section" aria-label={t('registry.residents.resultsLabel')}>
            <ul className="result-cards">
              {rows.map((person) => (
                <li key={person.id}>
                  <Link to={`/persons/${person.id}`} className="result-name">
                    {person.anonymised ? t('registry.person.anonymisedName') : fullName(person)}
                  </Link>
                  <Text size="sm">
                    {[
                      person.birthDate ? bornAge(t, person.birthDate, person.age) : null,
                      person.address,
                      person.neighbourhoodName,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </li>
              ))}
            </ul>
          </Box>
        </>
      ) : null}
    </>
  );
}
