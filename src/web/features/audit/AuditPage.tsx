import { Button, Card, Group, NativeSelect, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, auditRecordTypes } from '../../../shared/audit-actions.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { auditActionGroup, auditWords } from './auditWords.ts';

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

/** Known keys with their words, in the reader's alphabetical order. */
function choices(keys: readonly string[], say: (key: string) => string, language: string) {
  const collator = new Intl.Collator(language);
  return keys
    .map((key) => ({ value: key, label: say(key) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The actions' choices in groups (one per part of Samen, by name), each group in alphabetical order. */
function groupedChoices(
  keys: readonly string[],
  say: (key: string) => string,
  group: (key: string) => string,
  language: string,
) {
  const collator = new Intl.Collator(language);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const item of choices(keys, say, language)) {
    const name = group(item.value);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([name, items]) => ({ group: name, items }));
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the words change with the language only
  const words = useMemo(() => auditWords(i18n), [i18n, language]);
  // The filters' choices, sorted by their words: once per language, not on every keystroke.
  const actionChoices = useMemo(
    () =>
      groupedChoices(
        auditActions,
        words.action,
        (key) => {
          return t(auditActionGroup(key));
        },
        language,
      ),
    [words, language, t],
  );
  const recordTypeChoices = useMemo(
    () => choices(auditRecordTypes, words.recordType, language),
    [words, language],
  );
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);

  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditPage>('/api/audit', {
        query: {
          action: filters.action,
          recordType: filters.recordType,
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
  const set = (key: keyof Filters) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
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
            <NativeSelect
              label={t('audit.action')}
              data={[{ value: '', label: t('audit.actionAll') }, ...actionChoices]}
              value={draft.action}
              onChange={set('action')}
            />
            <NativeSelect
              label={t('audit.recordType')}
              data={[{ value: '', label: t('audit.recordTypeAll') }, ...recordTypeChoices]}
              value={draft.recordType}
              onChange={set('recordType')}
            />
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
                    <Table.Td>{words.actor(entry.actorLabel)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{words.action(entry.action)}</Text>
                      {/* The key, for the administrator who searches the trail or the code. */}
                      <Text size="xs" c="gray.8" ff="monospace">
                        {entry.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {entry.recordType ? (
                        <>
                          <Text size="sm">{words.recordType(entry.recordType)}</Text>
                          {entry.recordId ? (
                            <Text size="xs" c="gray.8" ff="monospace" style={{ wordBreak: 'break-all' }}>
                              {entry.recordId}
                            </Text>
                          ) : null}
                        </>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{entry.purpose ? words.purpose(entry.purpose) : ''}</Table.Td>
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
