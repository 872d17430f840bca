import { Button, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate } from '../registry/format.ts';
import { useCampaigns } from './outreachApi.ts';

/** Door-to-door campaigns; a partner organisation sees the ones its teams work in. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const canManage = useCan('outreach.manage');
  return (
    <>
      <PageTitle
        title={t('outreach.campaigns.title')}
        intro={t('outreach.campaigns.intro')}
        actions={
          canManage ? (
            <Button component={Link} to="/outreach/new">
              {t('outreach.campaigns.new')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={campaigns.error} />
      <Card withBorder padding="md">
        {!campaigns.data ? (
          <Loading />
        ) : campaigns.data.length === 0 ? (
          <Text>{t('outreach.campaigns.none')}</Text>
        ) : (
          <ScrollTable label={t('outreach.campaigns.title')} minWidth={520}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outreach.campaign.name')}</Table.Th>
                  <Table.Th scope="col">{t('outreach.campaign.period')}</Table.Th>
                  <Table.Th scope="col">{t('outreach.progress.doors')}</Table.Th>
                  <Table.Th scope="col">{t('outreach.progress.visited')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">
                      <Link to={`/outreach/campaigns/${c.id}`}>{c.name}</Link>
                    </Table.Th>
                    <Table.Td>
                      {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                    </Table.Td>
                    <Table.Td>{c.doors}</Table.Td>
                    <Table.Td>{c.visited}</Table.Td>
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
