import { Anchor, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { formatDate } from '../registry/format.ts';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { fetchCases, formatEuro, signalKeys } from './signalsApi.ts';

/** The team's cases, most urgent first, each with the time left to reach out. */
export function CasesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const cases = useQuery({ queryKey: signalKeys.cases(status), queryFn: () => fetchCases(status) });
  const locale = locales[currentLanguage()];
  return (
    <>
      <PageTitle title={t('signals.cases.title')} intro={t('signals.cases.intro')} />
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(value) => setStatus(value as 'open' | 'closed')}
        data={[
          { value: 'open', label: t('signals.cases.open') },
          { value: 'closed', label: t('signals.cases.closed') },
        ]}
        aria-label={t('signals.cases.show')}
      />
      <ErrorAlert error={cases.error} />
      {cases.isPending ? <Loading /> : null}
      {cases.data && cases.data.length === 0 ? <Text>{t('signals.cases.empty')}</Text> : null}
      {cases.data && cases.data.length > 0 ? (
        <ScrollTable label={t('signals.cases.title')} minWidth={820}>
          <Table verticalSpacing="sm" striped bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('signals.cases.household')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.urgency')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.firstContact')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.kinds')}</Table.Th>
                <Table.Th scope="col">{t('signals.field.amount')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.actionDate')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.status')}</Table.Th>
                <Table.Th scope="col">{t('signals.cases.assigned')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/signals/cases/${c.id}`} fw={600}>
                      {c.householdName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.score}</Table.Td>
                  <Table.Td>
                    <DeadlineBadge dueAt={c.firstContactDueAt} contactedAt={c.firstContactAt} />
                  </Table.Td>
                  <Table.Td>{c.kinds.map((kind) => t(`signals.kind.${kind}`)).join(', ')}</Table.Td>
                  <Table.Td>{formatEuro(c.amountCents, locale)}</Table.Td>
                  <Table.Td>{c.effectiveActionDate ? formatDate(c.effectiveActionDate) : '—'}</Table.Td>
                  <Table.Td>{t(`signals.status.${c.status}`)}</Table.Td>
                  <Table.Td>{c.assignedName ?? c.teamName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </>
  );
}
