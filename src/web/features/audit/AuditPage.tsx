import { Button, Card, Code, Group, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../i18n/index.ts';

interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

interface AuditPage {
  entries: AuditEntry[];
  nextBeforeSeq: number | null;
}

interface Filters {
  action: string;
  recordType: string;
  from: string;
  to: string;
}

const empty: Filters = { action: '', recordType: '', from: '', to: '' };
const PAGE_SIZE = 50;

/** Dates from the filter as the start of the first day and the end of the last day, local time. */
function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}
function dayEnd(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);

  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditPage>('/api/audit', {
        query: {
          action: filters.action.trim(),
          recordType: filters.recordType.trim(),
          from: dayStart(filters.from),
          to: dayEnd(filters.to),
          beforeSeq: pageParam,
          limit: PAGE_SIZE,
        },
      }),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });

  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const reset = () => {
    setDraft(empty);
    setFilters(empty);
  };
  const set = (key: keyof Filters) => (event: ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: event.currentTarget.value });

  return (
    <>
      <PageTitle title={t('audit.title')} intro={t('audit.intro')} />
      <Card withBorder padding="md" mb="lg" component="section" aria-labelledby="audit-filters">
        <Title order={2} size="h5" id="audit-filters" mb="sm">
          {t('audit.filters')}
        </Title>
        <form onSubmit={apply}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TextInput label={t('audit.action')} value={draft.action} onChange={set('action')} />
            <TextInput label={t('audit.recordType')} value={draft.recordType} onChange={set('recordType')} />
            <TextInput label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} />
            <TextInput label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} />
          </SimpleGrid>
          <Group mt="md" gap="sm">
            <Button type="submit">{t('audit.apply')}</Button>
            <Button variant="default" onClick={reset}>
              {t('audit.reset')}
            </Button>
          </Group>
        </form>
      </Card>

      <ErrorAlert error={audit.error} />
      {audit.isPending ? <Loading /> : null}
      {audit.isSuccess && entries.length === 0 ? <Text>{t('audit.none')}</Text> : null}
      {entries.length > 0 ? (
        <>
          <ScrollTable label={t('audit.title')} minWidth={860}>
            <Table striped verticalSpacing="xs" bg="white">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.colSeq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAt')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colActor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAction')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colRecord')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colPurpose')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.seq}>
                    <Table.Td>{entry.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                    <Table.Td>{entry.actorLabel}</Table.Td>
                    <Table.Td>
                      <Code>{entry.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {entry.recordType ? (
                        <Text size="sm" style={{ wordBreak: 'break-all' }}>
                          {entry.recordType}
                          {entry.recordId ? ` · ${entry.recordId}` : ''}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{entry.purpose ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group mt="md" justify="space-between">
            <Text size="sm" role="status">
              {t('audit.shown', { count: entries.length })}
            </Text>
            {audit.hasNextPage ? (
              <Button
                variant="light"
                onClick={() => void audit.fetchNextPage()}
                loading={audit.isFetchingNextPage}
              >
                {t('audit.loadMore')}
              </Button>
            ) : (
              <Text size="sm">{t('audit.end')}</Text>
            )}
          </Group>
        </>
      ) : null}
    </>
  );
}
