import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { goalDomains, meetingKinds, type Trajectory } from '../../../shared/coaching.schemas.ts';
import { api } from '../../api.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useVolunteers } from '../help/helpApi.ts';
import { formatDate, languageName } from '../registry/format.ts';
import { coachingKeys, fieldErrors, useTrajectory } from './coachingApi.ts';

const durations = [15, 30, 45, 60, 90, 120, 180];

/** A family's trajectory: the family card, log a meeting (fast, on a phone), goals, a worry. */
export function FamilyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const trajectory = useTrajectory(id);
  const isCoach = useCan('coaching.coach');
  const isCoordinator = useCan('coaching.manage');
  if (trajectory.error) return <ErrorAlert error={trajectory.error} />;
  if (!trajectory.data) return <Loading />;
  const tr = trajectory.data;
  return (
    <>
      <PageTitle
        title={tr.family.firstNames}
        intro={t('coaching.family.intro', { coach: tr.coachName, date: formatDate(tr.startedOn) })}
      />
      <Card withBorder padding="md" mb="md">
        <Stack gap={4}>
          <Text>
            {t('coaching.family.child', { name: tr.family.childFirstName, count: tr.family.childAge })}
          </Text>
          {tr.family.address === null ? (
            <Text size="sm">
              {t(
                tr.status === 'active' ? 'coaching.family.withdrawnContact' : 'coaching.family.endedContact',
              )}
            </Text>
          ) : (
            <Text>{tr.family.address}</Text>
          )}
          {tr.family.phone ? (
            <Anchor href={`tel:${tr.family.phone.replaceAll(' ', '')}`}>{tr.family.phone}</Anchor>
          ) : null}
          <Text size="sm">
            {t('coaching.intake.languages', {
              list: tr.family.languages.map(languageName).join(', ') || '—',
            })}
          </Text>
        </Stack>
      </Card>
      {/* A coach whose family withdrew its consent gets no address, and no step can be recorded. */}
      {tr.status === 'active' && tr.family.address !== null ? <MeetingForm trajectory={tr} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="md">
        <Meetings trajectory={tr} />
        <Goals trajectory={tr} />
      </SimpleGrid>
      <Supporters trajectory={tr} manage={isCoordinator} />
      {isCoach && tr.status === 'active' ? <WorryForm trajectory={tr} /> : null}
      {isCoordinator && tr.status === 'active' ? <EndForm trajectory={tr} /> : null}
      {tr.end ? (
        <Card withBorder padding="md" mt="md">
          <Title order={2} size="h3">
            {t('coaching.family.ended', { date: formatDate(tr.end.endedOn) })}
          </Title>
          <Text>{tr.end.reason}</Text>
          {tr.end.familyEvaluation ? (
            <Text size="sm">{t('coaching.end.familySaid', { text: tr.end.familyEvaluation })}</Text>
          ) : null}
          {tr.end.coachEvaluation ? (
            <Text size="sm">{t('coaching.end.coachSaid', { text: tr.end.coachEvaluation })}</Text>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

function MeetingForm({ trajectory: tr }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [heldOn, setHeldOn] = useState(tr.today);
  const [kind, setKind] = useState<(typeof meetingKinds)[number]>('home_visit');
  const [minutes, setMinutes] = useState('60');
  const [topics, setTopics] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await api(`/api/coaching/trajectories/${tr.id}/meetings`, {
        method: 'POST',
        body: { heldOn, kind, minutes: Number(minutes), topics, privateNote: note || undefined },
      });
      notify(t('coaching.meeting.saved'));
      setNote('');
      setTopics([]);
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="log-meeting">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="log-meeting">
            {t('coaching.meeting.title')}
          </Title>
          <ErrorAlert error={failure} />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              type="date"
              label={t('coaching.meeting.date')}
              value={heldOn}
              max={tr.today}
              min={tr.startedOn}
              onChange={(e) => setHeldOn(e.currentTarget.value)}
              error={errors.heldOn ? t(errors.heldOn) : undefined}
            />
            <NativeSelect
              label={t('coaching.meeting.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
              data={meetingKinds.map((k) => ({ value: k, label: t(`coaching.meetingKinds.${k}`) }))}
            />
            <NativeSelect
              label={t('coaching.meeting.minutes')}
              value={minutes}
              onChange={(e) => setMinutes(e.currentTarget.value)}
              data={durations.map((d) => ({
                value: String(d),
                label: t('coaching.meeting.duration', { n: d }),
              }))}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('coaching.meeting.topics')} value={topics} onChange={setTopics}>
            <Group mt="xs" gap="md">
              {goalDomains.map((d) => (
                <Checkbox key={d} value={d} label={t(`coaching.domains.${d}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label={t('coaching.meeting.note')}
            description={t('coaching.meeting.noteHint')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('coaching.meeting.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function Meetings({ trajectory: tr }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="meetings">
      <Title order={2} size="h3" id="meetings" mb="sm">
        {t('coaching.family.meetings', { n: tr.meetings.length })}
      </Title>
      {tr.meetings.length === 0 ? <Text>{t('coaching.family.noMeetings')}</Text> : null}
      <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }}>
        {tr.meetings.map((m) => (
          <li key={m.id}>
            <Text size="sm" fw={600}>
              {formatDate(m.heldOn)} · {t(`coaching.meetingKinds.${m.kind}`)} ·{' '}
              {t('coaching.meeting.duration', { n: m.minutes })}
            </Text>
            {m.topics.length ? (
              <Text size="xs" c="dimmed">
                {m.topics.map((d) => t(`coaching.domains.${d}`)).join(', ')}
              </Text>
            ) : null}
            {m.privateNote ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.privateNote}
              </Text>
            ) : null}
          </li>
        ))}
      </Stack>
    </Card>
  );
}

function Goals({ trajectory: tr }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState<(typeof goalDomains)[number]>('school');
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const call = async (key: string, path: string, body: unknown, message: string) => {
    setBusy(key);
    setFailure(null);
    try {
      await api(`/api/coaching/trajectories/${tr.id}/${path}`, { method: 'POST', body });
      notify(message);
      await queryClient.invalidateQueries({ queryKey: coachingKeys.trajectory(tr.id) });
      if (key === 'goal') setDescription('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="goals">
      <Title order={2} size="h3" id="goals" mb="sm">
        {t('coaching.goals.title')}
      </Title>
      <ErrorAlert error={failure} />
      <Stack gap="xs">
        {tr.goals.length === 0 ? <Text>{t('coaching.goals.none')}</Text> : null}
        {tr.goals.map((g) => (
          <Group key={g.id} justify="space-between" wrap="wrap" gap="xs">
            <div style={{ flex: '1 1 12rem' }}>
              <Badge color="indigo.9" variant="filled" tt="none">
                {t(`coaching.domains.${g.domain}`)}
              </Badge>
              <Text size="sm">{g.description}</Text>
            </div>
            <NativeSelect
              aria-label={t('coaching.goals.progressOf', { goal: g.description })}
              value={progress[g.id] ?? String(g.progress)}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setProgress((p) => ({ ...p, [g.id]: value }));
              }}
              data={[0, 1, 2, 3, 4].map((n) => ({
                value: String(n),
                label: t(`coaching.goals.levels.${n}`),
              }))}
            />
          </Group>
        ))}
        {tr.status === 'active' && tr.family.address !== null && tr.goals.length > 0 ? (
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={busy === 'checkin'}
              onClick={() =>
                void call(
                  'checkin',
                  'checkins',
                  {
                    heldOn: tr.today,
                    progress: tr.goals.map((g) => ({
                      goalId: g.id,
                      progress: Number(progress[g.id] ?? g.progress),
                    })),
                  },
                  t('coaching.goals.checkinSaved'),
                )
              }
            >
              {t('coaching.goals.checkin')}
            </Button>
          </Group>
        ) : null}
        {tr.status === 'active' && tr.family.address !== null ? (
          <Stack gap="xs" mt="sm">
            <NativeSelect
              label={t('coaching.goals.domain')}
              value={domain}
              onChange={(e) => setDomain(e.currentTarget.value as typeof domain)}
              data={goalDomains.map((d) => ({ value: d, label: t(`coaching.domains.${d}`) }))}
            />
            <TextInput
              label={t('coaching.goals.description')}
              description={t('coaching.goals.descriptionHint')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Group>
              <Button
                size="xs"
                disabled={!description.trim()}
                loading={busy === 'goal'}
                onClick={() => void call('goal', 'goals', { domain, description }, t('coaching.goals.added'))}
              >
                {t('coaching.goals.add')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function WorryForm({ trajectory: tr }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [concern, setConcern] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/coaching/trajectories/${tr.id}/worries`, { method: 'POST', body: { concern } });
      notify(t('coaching.worry.sent'));
      setConcern('');
      await queryClient.invalidateQueries({ queryKey: coachingKeys.trajectory(tr.id) });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" mt="md" component="section" aria-labelledby="worry">
      <Stack gap="sm">
        <Title order={2} size="h3" id="worry">
          {t('coaching.worry.title')}
        </Title>
        <Text size="sm">{t('coaching.worry.intro')}</Text>
        <ErrorAlert error={failure} />
        <Textarea
          label={t('coaching.worry.concern')}
          autosize
          minRows={2}
          value={concern}
          onChange={(e) => setConcern(e.currentTarget.value)}
        />
        <Group>
          <Button
            variant="light"
            color="orange"
            onClick={() => void send()}
            loading={busy}
            disabled={!concern.trim()}
          >
            {t('coaching.worry.send')}
          </Button>
        </Group>
        {tr.worries.map((w) => (
          <Text size="xs" c="dimmed" key={w.id}>
            {formatDate(w.raisedAt)}:{' '}
            {w.status === 'open' ? t('coaching.worry.open') : t('coaching.worry.answered')}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

function Supporters({ trajectory: tr, manage }: { trajectory: Trajectory; manage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const volunteers = useVolunteers(manage && tr.status === 'active');
  const [volunteerId, setVolunteerId] = useState('');
  const [help, setHelp] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!manage && tr.supporters.length === 0) return null;
  const link = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/coaching/trajectories/${tr.id}/supporters`, {
        method: 'POST',
        body: { volunteerId, help },
      });
      notify(t('coaching.supporters.linked'));
      setHelp('');
      setVolunteerId('');
      await queryClient.invalidateQueries({ queryKey: coachingKeys.trajectory(tr.id) });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" mt="md" component="section" aria-labelledby="supporters">
      <Stack gap="xs">
        <Title order={2} size="h3" id="supporters">
          {t('coaching.supporters.title')}
        </Title>
        <Text size="sm">{t('coaching.supporters.intro')}</Text>
        {tr.supporters.map((s) => (
          <Text key={s.volunteerId} size="sm">
            <strong>{s.name}</strong> — {s.help}
          </Text>
        ))}
        <ErrorAlert error={failure} />
        {manage && tr.status === 'active' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('coaching.supporters.volunteer')}
              value={volunteerId}
              onChange={(e) => setVolunteerId(e.currentTarget.value)}
              data={[
                { value: '', label: t('coaching.supporters.choose') },
                ...(volunteers.data ?? [])
                  .filter((v) => v.active)
                  .map((v) => ({ value: v.userId, label: v.displayName })),
              ]}
            />
            <TextInput
              label={t('coaching.supporters.help')}
              value={help}
              onChange={(e) => setHelp(e.currentTarget.value)}
            />
            <Button
              mt={{ base: 0, sm: 'xl' }}
              variant="light"
              onClick={() => void link()}
              loading={busy}
              disabled={!volunteerId || !help.trim()}
            >
              {t('coaching.supporters.link')}
            </Button>
          </SimpleGrid>
        ) : null}
      </Stack>
    </Card>
  );
}

function EndForm({ trajectory: tr }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    endedOn: tr.today,
    reason: '',
    familyEvaluation: '',
    coachEvaluation: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await api(`/api/coaching/trajectories/${tr.id}/end`, { method: 'POST', body: form });
      notify(t('coaching.end.saved'));
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <Card withBorder padding="md" mt="md">
      <details>
        <summary>{t('coaching.end.title')}</summary>
        <Stack gap="sm" mt="sm">
          <ErrorAlert error={failure} />
          <TextInput
            type="date"
            label={t('coaching.end.endedOn')}
            value={form.endedOn}
            onChange={(e) => set({ endedOn: e.currentTarget.value })}
            error={fe('endedOn')}
          />
          <Textarea
            label={t('coaching.end.reason')}
            autosize
            minRows={2}
            value={form.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
          />
          <Textarea
            label={t('coaching.end.familyEvaluation')}
            autosize
            minRows={2}
            value={form.familyEvaluation}
            onChange={(e) => set({ familyEvaluation: e.currentTarget.value })}
          />
          <Textarea
            label={t('coaching.end.coachEvaluation')}
            autosize
            minRows={2}
            value={form.coachEvaluation}
            onChange={(e) => set({ coachEvaluation: e.currentTarget.value })}
          />
          <Group>
            <Button
              color="red.9"
              onClick={() => void save()}
              loading={busy}
              disabled={!form.reason.trim() || !form.familyEvaluation.trim() || !form.coachEvaluation.trim()}
            >
              {t('coaching.end.save')}
            </Button>
          </Group>
        </Stack>
      </details>
    </Card>
  );
}
