import { Alert, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Matchmaking } from '../../../shared/coaching.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { languageName } from '../registry/format.ts';
import { coachingKeys, fieldErrors, useCoaches, usePrograms } from './coachingApi.ts';

type Proposal = Matchmaking['proposals'][number];

/** The coordinator asks for proposals for a cohort, then confirms, swaps or overrides each one. */
export function MatchmakingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const programmes = usePrograms();
  const coaches = useCoaches();
  const queryClient = useQueryClient();
  const [run, setRun] = useState<Matchmaking | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const cohort = programmes.data?.flatMap((p) => p.cohorts).find((c) => c.id === id);
  // What the proposals will work with, from the lists the page has anyway.
  const waitingForCoach = cohort ? Math.max(0, cohort.accepted - cohort.matched) : null;
  const coachesWithRoom = coaches.data?.coaches.filter(
    (c) => c.active && c.trained && c.screenedOn !== null && c.activeFamilies < c.capacity,
  ).length;

  const propose = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setRun(await api<Matchmaking>(`/api/coaching/cohorts/${id}/matchmaking`, { method: 'POST', body: {} }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const decided = async () => {
    await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    await propose();
  };

  if (programmes.error) return <ErrorAlert error={programmes.error} />;
  if (!programmes.data) return <Loading />;
  return (
    <>
      <PageTitle
        title={t('coaching.match.title', { name: cohort?.name ?? '' })}
        intro={t('coaching.match.intro')}
        actions={
          <Button onClick={() => void propose()} loading={busy}>
            {run ? t('coaching.match.again') : t('coaching.match.run')}
          </Button>
        }
      />
      <ErrorAlert error={failure} />
      {run === null ? (
        <Card withBorder padding="md">
          <Stack gap="xs">
            {waitingForCoach === null ? null : (
              <Text fw={600}>{t('coaching.match.waitingFamilies', { count: waitingForCoach })}</Text>
            )}
            {coachesWithRoom === undefined ? null : (
              <Text fw={600}>{t('coaching.match.coachesWithRoom', { count: coachesWithRoom })}</Text>
            )}
            <Text>{t('coaching.match.before')}</Text>
          </Stack>
        </Card>
      ) : run.proposals.length === 0 ? (
        <Alert variant="light" color="green">
          {t('coaching.match.none')}
        </Alert>
      ) : (
        <Stack gap="md">
          {run.proposals.map((p) => (
            <ProposalCard key={p.referralId} proposal={p} onDecided={decided} />
          ))}
        </Stack>
      )}
      <Text mt="lg">
        <Link to="/coaching">{t('coaching.match.back')}</Link>
      </Text>
    </>
  );
}

function ProposalCard({ proposal: p, onDecided }: { proposal: Proposal; onDecided: () => Promise<void> }) {
  const { t } = useTranslation();
  const coaches = useCoaches();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [overrideCoach, setOverrideCoach] = useState('');
  const [reason, setReason] = useState('');

  const decide = async (coachId: string, decision: 'proposal' | 'swap' | 'override', name: string) => {
    setBusy(`${decision}:${coachId}`);
    setFailure(null);
    setErrors({});
    try {
      await api('/api/coaching/matches', {
        method: 'POST',
        body: { referralId: p.referralId, coachId, decision, reason: reason || undefined },
      });
      notify(t('coaching.match.confirmed', { coach: name, family: p.familyLabel }));
      await onDecided();
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(null);
    }
  };
  const headingId = `family-${p.referralId}`;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {p.familyLabel}
          </Title>
          <Text size="sm" c="dimmed">
            {t('coaching.intake.languages', { list: p.languages.map(languageName).join(', ') || '—' })}
          </Text>
        </div>
        <ErrorAlert error={failure} />
        {p.coachId ? (
          <Card withBorder padding="sm" bg="green.0">
            <Text fw={600}>{t('coaching.match.proposed', { name: p.coachName, score: p.score })}</Text>
            <Text size="sm">{p.explanation}</Text>
            <Group mt="xs">
              <Button
                size="sm"
                loading={busy === `proposal:${p.coachId}`}
                onClick={() => void decide(p.coachId!, 'proposal', p.coachName!)}
                aria-label={t('coaching.match.confirmFor', { coach: p.coachName, family: p.familyLabel })}
              >
                {t('coaching.match.confirm')}
              </Button>
            </Group>
          </Card>
        ) : (
          <Text size="sm">{p.explanation}</Text>
        )}
        {errors.coachId || errors.referralId ? (
          <Alert color="red" variant="light" role="alert">
            {t(errors.coachId ?? errors.referralId!)}
          </Alert>
        ) : null}
        {p.alternatives.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('coaching.match.alternatives')}
            </Text>
            {p.alternatives.map((a) => (
              <Group key={a.coachId} justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" style={{ flex: '1 1 14rem' }}>
                  <strong>{a.coachName}</strong> ({a.score}) — {a.explanation}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  loading={busy === `swap:${a.coachId}`}
                  onClick={() => void decide(a.coachId, 'swap', a.coachName)}
                  aria-label={t('coaching.match.swapFor', { coach: a.coachName, family: p.familyLabel })}
                >
                  {t('coaching.match.swap')}
                </Button>
              </Group>
            ))}
          </Stack>
        ) : null}
        <details>
          <summary>{t('coaching.match.override')}</summary>
          <Stack gap="xs" mt="xs">
            <NativeSelect
              label={t('coaching.match.overrideCoach')}
              value={overrideCoach}
              onChange={(e) => setOverrideCoach(e.currentTarget.value)}
              data={[
                { value: '', label: t('coaching.match.chooseCoach') },
                ...(coaches.data?.coaches ?? []).map((c) => ({ value: c.userId, label: c.displayName })),
              ]}
            />
            <Textarea
              label={t('coaching.match.reason')}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason ? t(errors.reason) : undefined}
            />
            <Group>
              <Button
                size="xs"
                variant="default"
                disabled={!overrideCoach}
                loading={busy === `override:${overrideCoach}`}
                onClick={() =>
                  void decide(
                    overrideCoach,
                    'override',
                    coaches.data?.coaches.find((c) => c.userId === overrideCoach)?.displayName ?? '',
                  )
                }
              >
                {t('coaching.match.overrideSave')}
              </Button>
            </Group>
          </Stack>
        </details>
      </Stack>
    </Card>
  );
}
