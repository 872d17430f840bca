import { Alert, Anchor, Button, Card, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchingRun } from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatMoment, typeLabel } from './format.ts';
import { runMatching, useBoard, useCatalogue } from './helpApi.ts';
import { NeedTable } from './NeedTable.tsx';

/** The matching board: what waits, what has no volunteer and why, and the all-at-once matching. */
export function BoardPage() {
  const { t } = useTranslation();
  const board = useBoard();
  const catalogue = useCatalogue();
  const queryClient = useQueryClient();
  const [run, setRun] = useState<MatchingRun | null>(null);
  const [kept, setKept] = useState<string[]>([]);
  const [busy, setBusy] = useState<'run' | 'send' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  if (board.error) return <ErrorAlert error={board.error} />;
  if (!board.data) return <Loading />;
  const b = board.data;
  const types = catalogue.data?.helpTypes;
  const key = (p: { needId: string; volunteerId: string }) => `${p.needId}:${p.volunteerId}`;

  const start = async () => {
    setBusy('run');
    setFailure(null);
    try {
      const result = await runMatching();
      setRun(result);
      setKept(result.proposals.map(key));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const sendKept = async () => {
    if (!run) return;
    setBusy('send');
    setFailure(null);
    try {
      const proposals = run.proposals
        .filter((p) => kept.includes(key(p)))
        .map(({ needId, volunteerId }) => ({ needId, volunteerId }));
      const result = await api<{ sent: number; skipped: unknown[] }>('/api/help/matching/send', {
        method: 'POST',
        body: { proposals },
      });
      // Pairs that no longer fit (taken meanwhile, volunteer now full) are named only when there are any.
      const sent = t('help.board.sent', { count: result.sent });
      const skipped = result.skipped.length;
      notify(skipped > 0 ? `${sent} ${t('help.board.skipped', { count: skipped })}` : sent);
      setRun(null);
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageTitle
        title={t('help.board.title')}
        intro={t('help.board.intro')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/help/needs/new" variant="light">
              {t('help.board.newNeed')}
            </Button>
            <Button onClick={() => void start()} loading={busy === 'run'}>
              {t('help.board.run')}
            </Button>
          </Group>
        }
      />
      <ErrorAlert error={failure} />
      <Stack gap="lg">
        {run ? (
          <Card withBorder padding="md" component="section" aria-labelledby="run-title">
            <Title order={2} size="h4" id="run-title" mb={4}>
              {t('help.board.review', { n: run.proposals.length })}
            </Title>
            <Text size="sm" mb="sm">
              {t('help.board.reviewIntro')}
            </Text>
            {run.proposals.length === 0 ? (
              <Text>{t('help.board.nothingToPropose')}</Text>
            ) : (
              <Checkbox.Group value={kept} onChange={setKept} label={t('help.board.keep')}>
                <Stack gap="xs" mt="xs">
                  {run.proposals.map((p) => (
                    <Checkbox
                      key={key(p)}
                      value={key(p)}
                      label={
                        <span>
                          <strong>{typeLabel(types, p.helpType)}</strong> ({p.areaName ?? '—'},{' '}
                          {t(`help.urgency.${p.urgency}`)}) → <strong>{p.volunteerName}</strong> ·{' '}
                          {t('help.needPage.score', { score: p.score })}
                        </span>
                      }
                      description={p.explanation}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {run.unassigned.length > 0 ? (
              <Alert color="orange" variant="light" mt="md">
                <Stack gap={4}>
                  <Text fw={700}>{t('help.board.leftOver', { count: run.unassigned.length })}</Text>
                  {run.unassigned.map((u) => (
                    <Text key={u.needId} size="sm">
                      <Anchor component={Link} to={`/help/needs/${u.needId}`}>
                        {typeLabel(types, u.helpType)}
                      </Anchor>
                      : {u.reason}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            ) : null}
            <Group mt="md">
              <Button onClick={() => void sendKept()} disabled={kept.length === 0} loading={busy === 'send'}>
                {t('help.board.send', { n: kept.length })}
              </Button>
              <Button variant="default" onClick={() => setRun(null)}>
                {t('help.cancel')}
              </Button>
            </Group>
          </Card>
        ) : null}
        <Card withBorder padding="md" component="section" aria-labelledby="open-title">
          <Title order={2} size="h4" id="open-title" mb="sm">
            {t('help.board.open', { n: b.totals.open })}
          </Title>
          {b.open.length === 0 ? (
            <Text>{t('help.board.none')}</Text>
          ) : (
            <NeedTable needs={b.open} label={t('help.board.open', { n: b.totals.open })} />
          )}
          <More shown={b.open.length} total={b.totals.open} what="moreNeeds" />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="nomatch-title">
          <Title order={2} size="h4" id="nomatch-title" mb="sm">
            {t('help.board.noMatch', { n: b.totals.noMatch })}
          </Title>
          {b.noMatch.length === 0 ? (
            <Text>{t('help.board.none')}</Text>
          ) : (
            <NeedTable
              needs={b.noMatch}
              label={t('help.board.noMatch', { n: b.totals.noMatch })}
              showReason
            />
          )}
          <More shown={b.noMatch.length} total={b.totals.noMatch} what="moreNeeds" />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="waiting-title">
          <Title order={2} size="h4" id="waiting-title" mb="sm">
            {t('help.board.waiting', { n: b.totals.waiting })}
          </Title>
          {b.waiting.length === 0 ? (
            <Text>{t('help.board.none')}</Text>
          ) : (
            <ScrollTable label={t('help.board.waiting', { n: b.totals.waiting })} minWidth={560}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('help.need.type')}</Table.Th>
                    <Table.Th scope="col">{t('help.needPage.volunteer')}</Table.Th>
                    <Table.Th scope="col">{t('help.need.area')}</Table.Th>
                    <Table.Th scope="col">{t('help.board.expires')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.waiting.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/help/needs/${m.needId}`}>
                          {typeLabel(types, m.helpType)}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{m.volunteerName}</Table.Td>
                      <Table.Td>{m.areaName ?? '—'}</Table.Td>
                      <Table.Td>{formatMoment(m.expiresAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          <More shown={b.waiting.length} total={b.totals.waiting} what="moreProposals" />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="active-title">
          <Title order={2} size="h4" id="active-title" mb="sm">
            {t('help.board.active', { n: b.totals.active })}
          </Title>
          {b.active.length === 0 ? (
            <Text>{t('help.board.none')}</Text>
          ) : (
            <NeedTable needs={b.active} label={t('help.board.active', { n: b.totals.active })} />
          )}
          <More shown={b.active.length} total={b.totals.active} what="moreNeeds" />
        </Card>
      </Stack>
    </>
  );
}

/** Below a list the board cut short: how many more there are (the most urgent and oldest come first). */
function More({ shown, total, what }: { shown: number; total: number; what: 'moreNeeds' | 'moreProposals' }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <Text size="sm" c="dimmed" mt="xs">
      {t(`help.board.${what}`, { count: total - shown })}
    </Text>
  );
}
