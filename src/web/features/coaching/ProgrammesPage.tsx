import {
  Button,
  Card,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cohortInputSchema,
  type Programme,
  programmeInputSchema,
  trainingTopics,
} from '../../../shared/coaching.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { check, type FieldErrors } from '../help/validation.ts';
import { formatDate } from '../registry/format.ts';
import { coachingKeys, usePrograms } from './coachingApi.ts';
import { apiFieldErrors, numberOf, requireFilled } from './formErrors.ts';

const emptyProgramme = {
  name: '',
  childAgeFrom: '',
  childAgeTo: '',
  description: '',
  capacity: '',
  startsOn: '',
  endsOn: '',
  safetySituations: '',
};

/** The coordinator starts programmes and adds cohorts within each programme's capacity. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const programmes = usePrograms();
  if (programmes.error) return <ErrorAlert error={programmes.error} />;
  if (!programmes.data) return <Loading />;
  return (
    <>
      <PageTitle title={t('coaching.programmes.title')} intro={t('coaching.programmes.intro')} />
      {programmes.data.length === 0 ? <Text mb="lg">{t('coaching.programmes.none')}</Text> : null}
      {programmes.data.map((p) => (
        <ProgrammeCard key={p.id} programme={p} />
      ))}
      <ProgrammeForm />
    </>
  );
}

function ProgrammeCard({ programme: p }: { programme: Programme }) {
  const { t } = useTranslation();
  const taken = p.cohorts.reduce((sum, c) => sum + c.size, 0);
  return (
    <Card withBorder padding="md" mb="lg" component="section" aria-labelledby={`programme-${p.id}`}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={`programme-${p.id}`}>
          {p.name}
        </Title>
        <Text size="sm">
          {t('coaching.board.target', {
            from: p.targetGroup.childAgeFrom,
            to: p.targetGroup.childAgeTo,
            description: p.targetGroup.description,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('coaching.board.period', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) })} ·{' '}
          {t('coaching.programmes.room', { taken, count: p.capacity })} ·{' '}
          {t('coaching.board.waitingList', { n: p.waitingList })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('common.labelled', {
            label: t('coaching.programmes.required'),
            value: p.requiredSessions.map((s) => t(`coaching.topics.${s}`)).join(', ') || '—',
          })}
        </Text>
        {p.safetySituations.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('common.labelled', {
              label: t('coaching.programmes.safety'),
              value: p.safetySituations.join('; '),
            })}
          </Text>
        ) : null}
        {p.cohorts.length === 0 ? (
          <Text size="sm">{t('coaching.programmes.noCohorts')}</Text>
        ) : (
          <ScrollTable label={t('coaching.programmes.cohortsOf', { name: p.name })} minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coaching.programmes.cohortName')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.programmes.size')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.programmes.startsOn')}</Table.Th>
                  <Table.Th scope="col">{t('coaching.programmes.families')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.cohorts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">{c.name}</Table.Th>
                    <Table.Td>{c.size}</Table.Td>
                    <Table.Td>{formatDate(c.startsOn)}</Table.Td>
                    <Table.Td>
                      {t('coaching.board.cohortCounts', {
                        accepted: c.accepted,
                        count: c.size,
                        matched: c.matched,
                      })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <CohortForm programme={p} room={p.capacity - taken} />
      </Stack>
    </Card>
  );
}

function CohortForm({ programme, room }: { programme: Programme; room: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', size: '', startsOn: programme.startsOn });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = (field: string) =>
    errors[field] ? t(errors[field], { count: room, name: programme.name }) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const { data, errors: local } = check(cohortInputSchema, { ...form, size: numberOf(form.size) });
    setErrors(requireFilled(local, form));
    if (!data) return;
    setBusy(true);
    try {
      await api(`/api/coaching/programmes/${programme.id}/cohorts`, { method: 'POST', body: data });
      notify(t('coaching.programmes.cohortAdded', { name: data.name }));
      setForm({ name: '', size: '', startsOn: programme.startsOn });
      await queryClient.invalidateQueries({ queryKey: coachingKeys.programmes });
    } catch (error) {
      const fields = apiFieldErrors(error, {
        programme_capacity: 'coaching.programmes.noRoom',
        name_taken: 'coaching.programmes.nameTaken',
      });
      if (fields.name === 'errors.fieldInvalid' && error instanceof ApiError && error.status === 409)
        fields.name = 'coaching.programmes.nameTaken';
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`cohort-form-${programme.id}`}>
      <Title order={3} size="h5" id={`cohort-form-${programme.id}`} mb="xs">
        {t('coaching.programmes.addCohortTo', { name: programme.name })}
      </Title>
      <ErrorAlert error={failure} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('coaching.programmes.cohortName')}
          description={t('coaching.programmes.cohortNameHint')}
          value={form.name}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, name: value }));
          }}
          error={fe('name')}
          required
        />
        <TextInput
          type="number"
          inputMode="numeric"
          min={1}
          label={t('coaching.programmes.size')}
          description={t('coaching.programmes.sizeHint', { count: room })}
          value={form.size}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, size: value }));
          }}
          error={fe('size')}
          required
        />
        <TextInput
          type="date"
          label={t('coaching.programmes.startsOn')}
          value={form.startsOn}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, startsOn: value }));
          }}
          error={fe('startsOn')}
          required
        />
      </SimpleGrid>
      <Group mt="sm">
        <Button type="submit" loading={busy} variant="light">
          {t('coaching.programmes.addCohort')}
        </Button>
      </Group>
    </form>
  );
}

function ProgrammeForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptyProgramme);
  const [sessions, setSessions] = useState<string[]>([...trainingTopics]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const value = {
      name: form.name,
      targetGroup: {
        childAgeFrom: numberOf(form.childAgeFrom),
        childAgeTo: numberOf(form.childAgeTo),
        description: form.description,
      },
      capacity: numberOf(form.capacity),
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      requiredSessions: sessions,
      safetySituations: form.safetySituations
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const { data, errors: found } = check(programmeInputSchema, value);
    const local = requireFilled(found, {
      name: form.name,
      'targetGroup.childAgeFrom': form.childAgeFrom,
      'targetGroup.childAgeTo': form.childAgeTo,
      'targetGroup.description': form.description,
      capacity: form.capacity,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
    });
    if (local.endsOn && form.endsOn && form.startsOn && form.endsOn <= form.startsOn)
      local.endsOn = 'coaching.programmes.endAfterStart';
    if (
      local['targetGroup.childAgeTo'] === 'errors.fieldInvalid' &&
      Number(form.childAgeTo) < Number(form.childAgeFrom)
    )
      local['targetGroup.childAgeTo'] = 'coaching.programmes.ageOrder';
    setErrors(local);
    if (!data) return;
    setBusy(true);
    try {
      await api('/api/coaching/programmes', { method: 'POST', body: data });
      notify(t('coaching.programmes.started', { name: data.name }));
      setForm(emptyProgramme);
      setSessions([...trainingTopics]);
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
    } catch (error) {
      const fields = apiFieldErrors(error);
      if (fields.name && error instanceof ApiError && error.status === 409)
        fields.name = 'coaching.programmes.nameTaken';
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="programme-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="programme-form">
            {t('coaching.programmes.start')}
          </Title>
          <ErrorAlert error={failure} />
          <TextInput
            label={t('coaching.programmes.name')}
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={fe('name')}
            required
          />
          <Text size="sm">{t('coaching.programmes.targetHint')}</Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="number"
              inputMode="numeric"
              min={0}
              max={18}
              label={t('coaching.programmes.ageFrom')}
              value={form.childAgeFrom}
              onChange={(e) => set({ childAgeFrom: e.currentTarget.value })}
              error={fe('targetGroup.childAgeFrom')}
              required
            />
            <TextInput
              type="number"
              inputMode="numeric"
              min={0}
              max={18}
              label={t('coaching.programmes.ageTo')}
              value={form.childAgeTo}
              onChange={(e) => set({ childAgeTo: e.currentTarget.value })}
              error={fe('targetGroup.childAgeTo')}
              required
            />
          </SimpleGrid>
          <Textarea
            label={t('coaching.programmes.description')}
            description={t('coaching.programmes.descriptionHint')}
            value={form.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={fe('targetGroup.description')}
            autosize
            minRows={2}
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="number"
              inputMode="numeric"
              min={1}
              label={t('coaching.programmes.capacity')}
              description={t('coaching.programmes.capacityHint')}
              value={form.capacity}
              onChange={(e) => set({ capacity: e.currentTarget.value })}
              error={fe('capacity')}
              required
            />
            <TextInput
              type="date"
              label={t('coaching.programmes.startsOn')}
              value={form.startsOn}
              onChange={(e) => set({ startsOn: e.currentTarget.value })}
              error={fe('startsOn')}
              required
            />
            <TextInput
              type="date"
              label={t('coaching.programmes.endsOn')}
              value={form.endsOn}
              onChange={(e) => set({ endsOn: e.currentTarget.value })}
              error={fe('endsOn')}
              required
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('coaching.programmes.required')}
            description={t('coaching.programmes.requiredHint')}
            value={sessions}
            onChange={setSessions}
            error={fe('requiredSessions')}
          >
            <Group mt="xs" gap="md">
              {trainingTopics.map((topic) => (
                <Checkbox key={topic} value={topic} label={t(`coaching.topics.${topic}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label={t('coaching.programmes.safety')}
            description={t('coaching.programmes.safetyHint')}
            value={form.safetySituations}
            onChange={(e) => set({ safetySituations: e.currentTarget.value })}
            error={fe('safetySituations')}
            autosize
            minRows={2}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('coaching.programmes.startButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
