import { Badge, Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoachingAlert, Worry } from '../../../shared/coaching.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../registry/format.ts';
import { coachingKeys, fieldErrors, useAlerts, useWorries } from './coachingApi.ts';

function alertText(t: (key: string, options?: Record<string, unknown>) => string, a: CoachingAlert) {
  const missing = a.missing.map((m) => t(`coaching.topics.${m}`)).join(', ');
  // days holds what the text counts: days without a meeting or until the end, or, for over_capacity, the
  // families above capacity. Those texts have plural forms, which i18next picks from count.
  return t(`coaching.alerts.${a.kind}`, {
    family: a.familyLabel,
    coach: a.coachName,
    count: a.days ?? undefined,
    missing,
  });
}

/** The coordinator's alerts and the coaches' worries. */
export function AlertsPage() {
  const { t } = useTranslation();
  const alerts = useAlerts();
  const worries = useWorries();
  if (alerts.error) return <ErrorAlert error={alerts.error} />;
  if (!alerts.data) return <Loading />;
  const open = worries.data?.filter((w) => w.status === 'open') ?? [];
  return (
    <>
      <PageTitle title={t('coaching.alerts.title')} intro={t('coaching.alerts.intro')} />
      <Title order={2} size="h3" mb="sm">
        {t('coaching.alerts.worries', { n: open.length })}
      </Title>
      <Stack gap="sm" mb="xl">
        {open.length === 0 ? <Text>{t('coaching.alerts.noWorries')}</Text> : null}
        {open.map((w) => (
          <WorryCard key={w.id} worry={w} />
        ))}
      </Stack>
      <Title order={2} size="h3" mb="sm">
        {t('coaching.alerts.list', { n: alerts.data.length })}
      </Title>
      {alerts.data.length === 0 ? (
        <Text>{t('coaching.alerts.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }}>
          {alerts.data.map((a) => (
            <Card component="li" withBorder padding="sm" key={`${a.kind}:${a.trajectoryId ?? a.coachId}`}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs" wrap="wrap" style={{ flex: '1 1 16rem' }}>
                  <Badge
                    variant="filled"
                    tt="none"
                    color={a.kind === 'no_meeting' || a.kind === 'over_capacity' ? 'red.9' : 'indigo.9'}
                  >
                    {t(`coaching.alerts.kinds.${a.kind}`)}
                  </Badge>
                  <Text size="sm">{alertText(t, a)}</Text>
                </Group>
                {a.trajectoryId ? (
                  <Button
                    component={Link}
                    to={`/coaching/families/${a.trajectoryId}`}
                    size="xs"
                    variant="light"
                  >
                    {t('coaching.alerts.open')}
                  </Button>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}

function WorryCard({ worry }: { worry: Worry }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<'talked_with_coach' | 'social_worker'>('talked_with_coach');
  const [basis, setBasis] = useState<'consent' | 'safety'>('consent');
  const [situation, setSituation] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await api(`/api/coaching/worries/${worry.id}/handle`, {
        method: 'POST',
        body: {
          outcome,
          basis: outcome === 'social_worker' ? basis : undefined,
          safetySituation: outcome === 'social_worker' && basis === 'safety' ? situation : undefined,
          note,
        },
      });
      notify(t('coaching.worry.handled'));
      await queryClient.invalidateQueries({ queryKey: coachingKeys.worries });
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Text fw={600}>
          {worry.familyLabel} · {worry.coachName}
        </Text>
        <Text size="sm" c="dimmed">
          {formatDate(worry.raisedAt)}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{worry.concern}</Text>
        <ErrorAlert error={failure} />
        <Radio.Group
          label={t('coaching.worry.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v as typeof outcome)}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="talked_with_coach" label={t('coaching.worry.talked')} />
            <Radio value="social_worker" label={t('coaching.worry.socialWorker')} />
          </Stack>
        </Radio.Group>
        {outcome === 'social_worker' ? (
          <Radio.Group
            label={t('coaching.worry.basis')}
            value={basis}
            onChange={(v) => setBasis(v as typeof basis)}
            error={errors.basis ? t(errors.basis) : undefined}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="consent" label={t('coaching.worry.consent')} />
              <Radio value="safety" label={t('coaching.worry.safety')} />
            </Stack>
          </Radio.Group>
        ) : null}
        {outcome === 'social_worker' && basis === 'safety' ? (
          <NativeSelect
            label={t('coaching.worry.situation')}
            value={situation}
            onChange={(e) => setSituation(e.currentTarget.value)}
            data={[{ value: '', label: t('coaching.worry.chooseSituation') }, ...worry.safetySituations]}
            error={errors.safetySituation ? t(errors.safetySituation) : undefined}
          />
        ) : null}
        <Textarea
          label={t('coaching.worry.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note ? t(errors.note) : undefined}
        />
        <Group>
          <Button size="sm" onClick={() => void save()} loading={busy} disabled={!note.trim()}>
            {t('coaching.worry.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
