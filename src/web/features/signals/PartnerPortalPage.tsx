import { Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { KeysCard } from './KeysCard.tsx';
import { fetchSubmissions, signalKeys } from './signalsApi.ts';

/** A partner's own page: what it sent, whether someone picked it up (never why), and its API keys. */
export function PartnerPortalPage() {
  const { t } = useTranslation();
  const submissions = useQuery({ queryKey: signalKeys.submissions, queryFn: fetchSubmissions });

  const list = submissions.data?.submissions ?? [];
  const picked = list.filter((s) => s.status === 'picked_up').length;

  return (
    <>
      <PageTitle
        title={t('signals.portal.title')}
        intro={
          submissions.data ? t('signals.portal.intro', { partner: submissions.data.partnerName }) : undefined
        }
        actions={
          <Button component={Link} to="/signals/upload">
            {t('signals.portal.upload')}
          </Button>
        }
      />
      <Stack gap="lg" maw={1000}>
        <Card withBorder padding="md" component="section" aria-labelledby="submissions-title">
          <Title order={2} size="h4" id="submissions-title" mb="xs">
            {t('signals.portal.submissionsTitle')}
          </Title>
          <Text mb="sm" c="dimmed">
            {t('signals.portal.submissionsIntro')}
          </Text>
          <ErrorAlert error={submissions.error} />
          {submissions.data ? (
            <Text mb="sm">{t('signals.portal.counts', { count: list.length, picked })}</Text>
          ) : null}
          {list.length > 0 ? (
            <ScrollTable label={t('signals.portal.submissionsTitle')} minWidth={480}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('signals.field.reference')}</Table.Th>
                    <Table.Th scope="col">{t('signals.field.kind')}</Table.Th>
                    <Table.Th scope="col">{t('signals.portal.received')}</Table.Th>
                    <Table.Th scope="col">{t('signals.portal.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.reference}</Table.Td>
                      <Table.Td>{t(`signals.kind.${s.kind}`)}</Table.Td>
                      <Table.Td>{formatDateTime(s.receivedAt)}</Table.Td>
                      <Table.Td>
                        <Badge color={s.status === 'picked_up' ? 'teal.9' : 'gray.7'} variant="filled">
                          {t(`signals.portal.${s.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
        </Card>

        <KeysCard />
      </Stack>
    </>
  );
}
