import { Anchor, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fullName } from './format.ts';
import { RecordUnavailable } from './NotFoundRecord.tsx';
import { PurposeGate, PurposeNote } from './PurposeGate.tsx';
import type { ReadPurpose } from './purpose.ts';
import { fetchHousehold, registryKeys, useNeighbourhoods } from './registryApi.ts';
import { Timeline } from './Timeline.tsx';

export function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <PurposeGate title={t('registry.household.title')}>
      {(purpose, change) => <HouseholdRecord key={id} id={id} purpose={purpose} onChangePurpose={change} />}
    </PurposeGate>
  );
}

function HouseholdRecord({
  id,
  purpose,
  onChangePurpose,
}: {
  id: string;
  purpose: ReadPurpose;
  onChangePurpose: () => void;
}) {
  const { t } = useTranslation();
  const canSeeNeighbourhoods = useCan('neighbourhoods.read');
  const canAskHelp = useCan('help.needs.write');
  // Registering someone into the household needs both rights the API asks for.
  const canWritePersons = useCan('persons.write');
  const canWriteHouseholds = useCan('households.write');
  const canAddMember = canWritePersons && canWriteHouseholds;
  const neighbourhoods = useNeighbourhoods(canSeeNeighbourhoods);
  const detail = useQuery({
    queryKey: registryKeys.household(id, purpose),
    queryFn: ({ signal }) => fetchHousehold(id, purpose, signal),
  });

  if (detail.isPending) {
    return (
      <>
        <PageTitle title={t('registry.household.title')} />
        <Loading />
      </>
    );
  }
  if (detail.error)
    return <RecordUnavailable error={detail.error} kind="household" onChangePurpose={onChangePurpose} />;

  const { household, members, timeline } = detail.data;
  const address = household.address;
  const neighbourhood = neighbourhoods.data?.find((n) => n.id === household.neighbourhoodId);
  const unknown = t('registry.unknown');
  const street = address
    ? `${address.street} ${address.houseNumber}${address.box ? ` ${t('registry.household.box', { box: address.box })}` : ''}`
    : null;

  return (
    <>
      <PageTitle
        title={t('registry.household.heading', { name: household.name })}
        actions={
          canAskHelp || canAddMember ? (
            <Group gap="sm">
              {canAddMember ? (
                <Button component={Link} to={`/residents/new?household=${household.id}`} variant="light">
                  {t('registry.household.addMember')}
                </Button>
              ) : null}
              {canAskHelp ? (
                <Button component={Link} to={`/help/needs/new?householdId=${household.id}`} variant="light">
                  {t('help.needForm.askForFamily')}
                </Button>
              ) : null}
            </Group>
          ) : undefined
        }
      />
      <PurposeNote purpose={purpose} onChange={onChangePurpose} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="md" component="section" aria-labelledby="address-title">
            <Title order={2} size="h4" id="address-title" mb="sm">
              {t('registry.household.addressTitle')}
            </Title>
            <dl className="record">
              <div className="record-field">
                <dt>{t('registry.person.address')}</dt>
                <dd>
                  {address ? (
                    <>
                      {street}
                      <br />
                      {address.postcode} {address.municipality}
                    </>
                  ) : (
                    unknown
                  )}
                </dd>
              </div>
              <div className="record-field">
                <dt>{t('registry.person.neighbourhood')}</dt>
                <dd>
                  {household.neighbourhoodName ?? unknown}
                  {neighbourhood?.isFocus ? (
                    <span className="status" style={{ marginLeft: '0.5rem' }}>
                      <span className="status-dot focus" aria-hidden="true" />
                      <strong>{t('neighbourhoods.focus')}</strong>
                    </span>
                  ) : null}
                </dd>
              </div>
            </dl>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="md" component="section" aria-labelledby="members-title">
              <Title order={2} size="h4" id="members-title" mb="sm">
                {t('registry.household.membersTitle', { n: members.length })}
              </Title>
              {members.length === 0 ? (
                <Text>{t('registry.household.noMembers')}</Text>
              ) : (
                <ScrollTable label={t('registry.household.membersLabel')} minWidth={300}>
                  <Table verticalSpacing="xs" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('registry.residents.colName')}</Table.Th>
                        <Table.Th scope="col">{t('registry.household.relation')}</Table.Th>
                        <Table.Th scope="col">{t('registry.household.age')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {members.map((member) => (
                        <Table.Tr key={member.id}>
                          <Table.Th scope="row" fw={600}>
                            <Anchor component={Link} to={`/persons/${member.id}`}>
                              {member.anonymised ? t('registry.person.anonymisedName') : fullName(member)}
                            </Anchor>
                          </Table.Th>
                          <Table.Td>{t(`registry.relations.${member.relation}`)}</Table.Td>
                          <Table.Td>
                            {member.age !== null ? t('registry.person.age', { count: member.age }) : unknown}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
              <Title order={2} size="h4" id="timeline-title" mb="sm">
                {t('registry.timeline.title')}
              </Title>
              <Timeline entries={timeline} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
