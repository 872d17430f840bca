import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CoachView,
  trainingSessionInputSchema,
  trainingTopics,
} from '../../../shared/coaching.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { check, type FieldErrors } from '../help/validation.ts';
import { formatDate, languageName } from '../registry/format.ts';
import {
  coachingKeys,
  localToday,
  type TrainingSession,
  useCoaches,
  usePrograms,
  useTraining,
} from './coachingApi.ts';
import { apiFieldErrors, requireFilled } from './formErrors.ts';

/** Coaches: training, screening and load; volunteers who chose to coach; attendance per session. */
export function CoachesPage() {
  const { t } = useTranslation();
  const coaches = useCoaches();
  const training = useTraining();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, call: () => Promise<unknown>, message: string) => {
    setBusy(key);
    setFailure(null);
    try {
      await call();
      notify(message);
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  if (coaches.error) return <ErrorAlert error={coaches.error} />;
  if (!coaches.data || !training.data) return <Loading />;
  const screen = (c: CoachView) =>
    act(
      `screen:${c.userId}`,
      () => api(`/api/coaching/coaches/${c.userId}`, { method: 'PATCH', body: { screenedOn: localToday() } }),
      t('coaching.coaches.saved', { name: c.displayName }),
    );

  return (
    <>
      <PageTitle title={t('coaching.coaches.title')} intro={t('coaching.coaches.intro')} />
      <ErrorAlert error={failure} />
      <Card withBorder padding="md" mb="lg">
        <ScrollTable label={t('coaching.coaches.title')} minWidth={760}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coaching.coaches.name')}</Table.Th>
                <Table.Th scope="col">{t('coaching.coaches.languages')}</Table.Th>
                <Table.Th scope="col">{t('coaching.coaches.training')}</Table.Th>
                <Table.Th scope="col">{t('coaching.coaches.screening')}</Table.Th>
                <Table.Th scope="col">{t('coaching.coaches.families')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coaches.data.coaches.map((c) => (
                <Table.Tr key={c.userId}>
                  <Table.Th scope="row">
                    {c.displayName}
                    <Text size="xs" c="dimmed">
                      {c.areaName ?? '—'}
                    </Text>
                  </Table.Th>
                  <Table.Td>{c.languages.map(languageName).join(', ')}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" tt="none" color={c.trained ? 'teal.9' : 'indigo.9'}>
                      {c.trained ? t('coaching.coaches.trained') : t('coaching.coaches.notTrained')}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {c.attendedTopics.map((topic) => t(`coaching.topics.${topic}`)).join(', ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {c.screenedOn ? (
                      <Text size="sm">{formatDate(c.screenedOn)}</Text>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        loading={busy === `screen:${c.userId}`}
                        onClick={() => void screen(c)}
                        aria-label={t('coaching.coaches.screenToday', { name: c.displayName })}
                      >
                        {t('coaching.coaches.recordToday')}
                      </Button>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t('coaching.coaches.load', { n: c.activeFamilies, capacity: c.capacity })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Card>

      <Title order={2} size="h3" mb="sm">
        {t('coaching.coaches.candidates')}
      </Title>
      <Stack gap="xs" mb="lg">
        {coaches.data.candidates.length === 0 ? <Text>{t('coaching.coaches.noCandidates')}</Text> : null}
        {coaches.data.candidates.map((c) => (
          <Card withBorder padding="sm" key={c.userId}>
            <Group justify="space-between" wrap="wrap">
              <Text>
                {c.displayName} · {c.languages.map(languageName).join(', ')}{' '}
                {c.areaName ? `· ${c.areaName}` : ''}
              </Text>
              <Button
                size="xs"
                loading={busy === `take:${c.userId}`}
                onClick={() =>
                  void act(
                    `take:${c.userId}`,
                    () => api('/api/coaching/coaches', { method: 'POST', body: { userId: c.userId } }),
                    t('coaching.coaches.takenOn', { name: c.displayName }),
                  )
                }
                aria-label={t('coaching.coaches.takeOnName', { name: c.displayName })}
              >
                {t('coaching.coaches.takeOn')}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>

      <Title order={2} size="h3" mb="sm">
        {t('coaching.coaches.sessions')}
      </Title>
      <PlanSession />
      <Stack gap="sm">
        {training.data.map((s) => (
          <SessionCard key={s.id} session={s} coaches={coaches.data.coaches} />
        ))}
      </Stack>
    </>
  );
}

function SessionCard({ session, coaches }: { session: TrainingSession; coaches: CoachView[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [present, setPresent] = useState<string[]>(session.coachIds);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/coaching/training/${session.id}/attendance`, {
        method: 'PUT',
        body: { coachIds: present },
      });
      notify(t('coaching.coaches.attendanceSaved'));
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md">
      <ErrorAlert error={failure} />
      <Checkbox.Group
        label={`${session.title} (${formatDate(session.heldOn)})`}
        value={present}
        onChange={setPresent}
      >
        <Group mt="xs" gap="md">
          {coaches.map((c) => (
            <Checkbox key={c.userId} value={c.userId} label={c.displayName} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group mt="sm">
        <Button size="xs" variant="light" onClick={() => void save()} loading={busy}>
          {t('coaching.coaches.saveAttendance')}
        </Button>
      </Group>
    </Card>
  );
}

/** The coordinator plans a training session on one of the topics the programmes require. */
function PlanSession() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const programmes = usePrograms();
  const required = new Set(programmes.data?.flatMap((p) => p.requiredSessions) ?? []);
  const topics = trainingTopics.filter((topic) => required.size === 0 || required.has(topic));
  const [form, setForm] = useState({ topic: '', title: '', heldOn: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const topic = form.topic || topics[0] || trainingTopics[0];
  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const { data, errors: found } = check(trainingSessionInputSchema, { ...form, topic });
    setErrors(requireFilled(found, { title: form.title, heldOn: form.heldOn }));
    if (!data) return;
    setBusy(true);
    try {
      await api('/api/coaching/training', { method: 'POST', body: data });
      notify(t('coaching.training.planned', { title: data.title }));
      setForm({ topic: '', title: '', heldOn: '' });
      await queryClient.invalidateQueries({ queryKey: coachingKeys.training });
    } catch (error) {
      const fields = apiFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" mb="md" component="section" aria-labelledby="plan-session">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="plan-session">
            {t('coaching.training.plan')}
          </Title>
          <Text size="sm">{t('coaching.training.intro')}</Text>
          <ErrorAlert error={failure} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('coaching.training.topic')}
              value={topic}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, topic: value }));
              }}
              data={topics.map((value) => ({ value, label: t(`coaching.topics.${value}`) }))}
              error={fe('topic')}
              required
            />
            <TextInput
              label={t('coaching.training.title')}
              description={t('coaching.training.titleHint')}
              value={form.title}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, title: value }));
              }}
              error={fe('title')}
              required
            />
            <TextInput
              type="date"
              label={t('coaching.training.heldOn')}
              value={form.heldOn}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, heldOn: value }));
              }}
              error={fe('heldOn')}
              required
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={busy}>
              {t('coaching.training.planButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
