import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NeedSummary } from '../../../shared/help.schemas.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatMoment, formatTiming, typeLabel } from './format.ts';
import { useCatalogue } from './helpApi.ts';
import { NeedStatusBadge } from './StatusBadge.tsx';

/** Requests in a table: type (link), family or person, neighbourhood, when, urgency, status. */
export function NeedTable({
  needs,
  label,
  showReason = false,
}: {
  needs: NeedSummary[];
  label: string;
  showReason?: boolean;
}) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  return (
    <ScrollTable label={label} minWidth={760}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('help.need.type')}</Table.Th>
            <Table.Th scope="col">{t('help.need.for')}</Table.Th>
            <Table.Th scope="col">{t('help.need.area')}</Table.Th>
            <Table.Th scope="col">{t('help.need.when')}</Table.Th>
            <Table.Th scope="col">{t('help.need.urgency')}</Table.Th>
            <Table.Th scope="col">{showReason ? t('help.board.why') : t('help.need.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {needs.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/help/needs/${n.id}`} fw={600}>
                  {typeLabel(catalogue.data?.helpTypes, n.helpType)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('help.board.posted', { when: formatMoment(n.createdAt) })}
                </Text>
              </Table.Th>
              <Table.Td>
                {n.householdName ?? '—'}
                {n.sensitive ? (
                  <Badge ml={6} size="sm" variant="outline" color="gray.8" tt="none">
                    {t('help.needPage.sensitive')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>{n.areaName ?? '—'}</Table.Td>
              <Table.Td>{formatTiming(n.timing, t)}</Table.Td>
              <Table.Td>{t(`help.urgency.${n.urgency}`)}</Table.Td>
              <Table.Td>
                {showReason ? (
                  <Text size="sm">{n.noMatchReason}</Text>
                ) : (
                  <>
                    <NeedStatusBadge status={n.status} />
                    {n.waitingProposals > 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('help.board.waitingFor', { count: n.waitingProposals })}
                      </Text>
                    ) : null}
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
