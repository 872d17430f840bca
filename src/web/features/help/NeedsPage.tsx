import { Anchor, Button, Card, Group, NativeSelect, Pagination, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type HelpNeedStatus, helpNeedStatuses } from '../../../shared/help.schemas.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useNeeds } from './helpApi.ts';
import { NeedTable } from './NeedTable.tsx';

/**
 * Every request this person may see, a page of them at a time, newest first; a partner organisation
 * sees the ones it posted. A status narrows the list. Status and page are kept in the address, so
 * the list can be shared and survives going back.
 */
export function NeedsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status = helpNeedStatuses.find((s) => s === asked) as HelpNeedStatus | undefined;
  const askedPage = Number(params.get('page'));
  // The server counts pages up to 100,000; an address beyond that is read as the first page.
  const page = Number.isInteger(askedPage) && askedPage >= 1 && askedPage <= 100_000 ? askedPage : 1;
  const q = params.get('q') ?? '';
  const [searched] = useDebouncedValue(q.trim(), 300);
  const needs = useNeeds(status, searched, page);
  const list = needs.data;
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const summary = !list
    ? null
    : list.total === 0
      ? searched.length >= 2
        ? t('help.needs.noneFound', { q: searched })
        : status
          ? t('help.needs.noneInStatus')
          : t('help.needs.none')
      : list.needs.length === 0
        ? t('help.needs.pastLast', { count: list.total })
        : t('help.needs.range', {
            from: (list.page - 1) * list.pageSize + 1,
            to: (list.page - 1) * list.pageSize + list.needs.length,
            count: list.total,
          });
  /** Another status or search starts at the first page. */
  const narrow = (key: 'q' | 'status', value: string) => {
    const kept = new URLSearchParams(params);
    if (value) kept.set(key, value);
    else kept.delete(key);
    kept.delete('page');
    setParams(kept, { replace: true });
  };
  const goTo = (next: number) => {
    const kept = new URLSearchParams(params);
    if (next > 1) kept.set('page', String(next));
    else kept.delete('page');
    setParams(kept);
    // The next page starts at the top of the list, not where this one was scrolled to.
    window.scrollTo({ top: 0 });
  };
  const canWrite = useCan('help.needs.write');
  return (
    <>
      <PageTitle
        title={t('help.needs.title')}
        intro={t('help.needs.intro')}
        actions={
          canWrite ? (
            <Button component={Link} to="/help/needs/new">
              {t('help.board.newNeed')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={needs.error} />
      <Group
        component="section"
        role="search"
        aria-label={t('help.needs.searchLabel')}
        align="flex-end"
        gap="md"
        mb="md"
      >
        <TextInput
          label={t('help.needs.search')}
          description={t('help.needs.searchHint')}
          value={q}
          onChange={(event) => narrow('q', event.currentTarget.value)}
          maxLength={80}
          w={320}
        />
        <NativeSelect
          label={t('help.needs.statusFilter')}
          value={status ?? ''}
          onChange={(event) => narrow('status', event.currentTarget.value)}
          data={[
            { value: '', label: t('help.needs.allStatuses') },
            ...helpNeedStatuses.map((s) => ({ value: s, label: t(`help.status.${s}`) })),
          ]}
          w={320}
        />
      </Group>
      <Card withBorder padding="md">
        {/* One live region for what the list now holds: it changes as the search is typed. */}
        <div role="status" aria-live="polite">
          {summary ? (
            <Text
              size={list?.needs.length ? 'sm' : undefined}
              c={list?.needs.length ? 'dimmed' : undefined}
              mb="xs"
            >
              {summary}
            </Text>
          ) : null}
        </div>
        {!list ? (
          <Loading />
        ) : list.total > 0 && list.needs.length === 0 ? (
          <Anchor component="button" type="button" onClick={() => goTo(1)}>
            {t('help.needs.page', { page: 1 })}
          </Anchor>
        ) : list.needs.length > 0 ? (
          <NeedTable needs={list.needs} label={t('help.needs.title')} />
        ) : null}
      </Card>
      {pages > 1 && list && list.needs.length > 0 && (
        <Group component="nav" aria-label={t('help.needs.pages')} justify="center" mt="md">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={goTo}
            getItemProps={(item) => ({ 'aria-label': t('help.needs.page', { page: item }) })}
            getControlProps={(control) =>
              control === 'previous'
                ? { 'aria-label': t('help.needs.previous') }
                : control === 'next'
                  ? { 'aria-label': t('help.needs.next') }
                  : {}
            }
          />
        </Group>
      )}
    </>
  );
}
