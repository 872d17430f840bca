import { Badge, Button, Card, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { brusselsNow } from '../../../shared/brussels.ts';
import type { VolunteerView } from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, languageName } from '../registry/format.ts';
import { hours, typeLabel } from './format.ts';
import { helpKeys, useCatalogue, useVolunteers } from './helpApi.ts';

type Screening = 'intakeDoneOn' | 'goodConductOn' | 'agreementSignedOn';
const screenings: Screening[] = ['intakeDoneOn', 'agreementSignedOn', 'goodConductOn'];

/** Staff record the intake talk, the signed agreement and the certificate of good conduct. */
export function VolunteersPage() {
  const { t } = useTranslation();
  const volunteers = useVolunteers();
  const catalogue = useCatalogue();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const record = async (
    v: VolunteerView,
    change: Partial<Record<Screening, string | null>> & { active?: boolean },
  ) => {
    setBusy(`${v.userId}:${Object.keys(change)[0]}`);
    setFailure(null);
    try {
      await api(`/api/help/volunteers/${v.userId}`, { method: 'PATCH', body: change });
      notify(t('help.volunteers.saved', { name: v.displayName }));
      await queryClient.invalidateQueries({ queryKey: helpKeys.volunteers });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };
  // The day on the wall in Genk: at 00:30 in Brussels it is still yesterday in UTC.
  const today = brusselsNow().date;

  return (
    <>
      <PageTitle title={t('help.volunteers.title')} intro={t('help.volunteers.intro')} />
      <ErrorAlert error={failure ?? volunteers.error} />
      <Card withBorder padding="md">
        {!volunteers.data ? (
          <Loading />
        ) : volunteers.data.length === 0 ? (
          <Text>{t('help.volunteers.none')}</Text>
        ) : (
          <ScrollTable label={t('help.volunteers.title')} minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('help.volunteers.name')}</Table.Th>
                  <Table.Th scope="col">{t('help.volunteers.offer')}</Table.Th>
                  <Table.Th scope="col">{t('help.volunteers.screening')}</Table.Th>
                  <Table.Th scope="col">{t('help.volunteers.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {volunteers.data.map((v) => (
                  <Table.Tr key={v.userId}>
                    <Table.Th scope="row">
                      {v.displayName}
                      <Text size="xs" c="dimmed">
                        {v.homeAreaName ?? t('help.volunteers.noProfile')}
                      </Text>
                      {v.wantsCoaching ? (
                        <Badge size="sm" variant="light" tt="none">
                          {t('help.volunteers.coach')}
                        </Badge>
                      ) : null}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">
                        {v.helpTypes.map((code) => typeLabel(catalogue.data?.helpTypes, code)).join(', ') ||
                          '—'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {v.languages.map(languageName).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {/* Each step of the screening with its day, or a button to record it today. */}
                      <Stack gap={6}>
                        {screenings.map((s) => (
                          <div key={s}>
                            <Text size="xs" c="dimmed">
                              {t(`help.screening.${s}`)}
                            </Text>
                            {v[s] ? (
                              <Text size="sm">{formatDate(v[s])}</Text>
                            ) : (
                              <Button
                                size="xs"
                                variant="light"
                                loading={busy === `${v.userId}:${s}`}
                                onClick={() => void record(v, { [s]: today })}
                                aria-label={t(`help.screening.record_${s}`, { name: v.displayName })}
                              >
                                {t('help.volunteers.recordToday')}
                              </Button>
                            )}
                          </div>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Text size="sm">
                          {v.active
                            ? t('help.volunteers.active', { count: v.activeMatches })
                            : t('help.volunteers.paused')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {v.helped > 0 || v.minutes > 0
                            ? t('help.volunteers.given', { count: v.helped, hours: hours(v.minutes) })
                            : t('help.volunteers.notYet')}
                        </Text>
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => void record(v, { active: !v.active })}
                          aria-label={t('common.labelled', {
                            label: v.active ? t('help.volunteers.pause') : t('help.volunteers.resume'),
                            value: v.displayName,
                          })}
                        >
                          {v.active ? t('help.volunteers.pause') : t('help.volunteers.resume')}
                        </Button>
                      </Stack>
                    </Table.Td>
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
