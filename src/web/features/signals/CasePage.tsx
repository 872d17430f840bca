import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  attemptChannels,
  attemptResults,
  type CaseDetail,
  committeeRequests,
  committeeRequestsWithDate,
  offerKinds,
  outcomes,
  responses,
} from '../../../shared/signals.schemas.ts';
import { ApiError } from '../../api.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, formatDateTime, languages, locales } from '../../i18n/index.ts';
import { formatDate } from '../registry/format.ts';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { caseAction, fetchCase, formatEuro, signalKeys } from './signalsApi.ts';

/**
 * One small form per step: a select or two, a note, a save button. Nothing is chosen beforehand:
 * what is saved goes into the case's file, so every value is one someone picked.
 */
function StepForm({
  id,
  title,
  fields,
  withNote = true,
  submitLabel,
  onSubmit,
  busy,
  extra,
  error,
}: {
  id: string;
  title: string;
  fields: { name: string; label: string; options: { value: string; label: string }[] }[];
  withNote?: boolean;
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => void;
  busy: boolean;
  /** The server's answer when this form's step was refused: shown here, beside the button pressed. */
  error?: unknown;
  /** A date field; `required` says, from what is chosen, whether the step needs it. */
  extra?: {
    name: string;
    label: string;
    type: 'date';
    required?: (values: Record<string, string>) => boolean;
  };
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = (name: string, value: string) => {
    setValues({ ...values, [name]: value });
    setErrors({ ...errors, [name]: '' });
  };
  const dateRequired = extra?.required?.(values) ?? false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    for (const field of fields) {
      if (!values[field.name]) missing[field.name] = t('signals.case.chooseRequired');
    }
    if (extra && dateRequired && !values[extra.name]) missing[extra.name] = t('signals.case.dateRequired');
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    onSubmit(values);
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <Title order={3} size="h5" id={`${id}-title`} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {fields.map((field) => (
          <NativeSelect
            key={field.name}
            label={field.label}
            withAsterisk
            data={[{ value: '', label: t('signals.case.choose'), disabled: true }, ...field.options]}
            value={values[field.name] ?? ''}
            error={errors[field.name] || undefined}
            onChange={(event) => change(field.name, event.currentTarget.value)}
          />
        ))}
        {extra ? (
          <TextInput
            type="date"
            label={extra.label}
            withAsterisk={dateRequired}
            value={values[extra.name] ?? ''}
            error={errors[extra.name] || undefined}
            onChange={(event) => change(extra.name, event.currentTarget.value)}
          />
        ) : null}
        {withNote ? (
          <Textarea
            label={t('signals.case.note')}
            autosize
            minRows={1}
            maxLength={2000}
            value={values.note ?? ''}
            onChange={(event) => change('note', event.currentTarget.value)}
          />
        ) : null}
        {error ? <StepError error={error} /> : null}
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/*
 * Suggestions are kept as codes and shown in the reader's language; anything else typed is kept as
 * typed. A language is not a vulnerability, so it is not suggested.
 */
const suggestedVulnerabilities: readonly string[] = [
  'health',
  'disability',
  'single_parent',
  'debts',
  'small_network',
  'housing',
];

/** Other things known to weigh on the household: each one raises the urgency, and says so. */
function VulnerabilitiesCard({
  detail,
  busy,
  onSave,
}: {
  detail: CaseDetail;
  busy: boolean;
  onSave: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  const label = (value: string) =>
    suggestedVulnerabilities.includes(value) ? t(`signals.vulnerability.${value}`) : value;
  // A suggestion's words in any of the languages (also as saved before there were codes) read as its code.
  const toCode = (text: string) =>
    suggestedVulnerabilities.find((code) =>
      languages.some(
        (lng) => t(`signals.vulnerability.${code}`, { lng }).toLowerCase() === text.trim().toLowerCase(),
      ),
    ) ?? text;
  const [values, setValues] = useState<string[]>(() => detail.vulnerabilities.map(toCode));
  const suggestions = suggestedVulnerabilities.map(label);
  return (
    <Card
      withBorder
      padding="md"
      component="form"
      aria-labelledby="vulnerabilities-title"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSave(values);
      }}
    >
      <Title order={3} size="h5" id="vulnerabilities-title" mb="xs">
        {t('signals.case.vulnerabilitiesTitle')}
      </Title>
      <TagsInput
        label={t('signals.case.vulnerabilities')}
        description={t('signals.case.vulnerabilitiesHelp')}
        descriptionProps={{ c: 'gray.8' }}
        data={suggestions}
        value={values.map(label)}
        onChange={(texts) => setValues(texts.map(toCode))}
        maxTags={10}
        clearable
        splitChars={[',', ';']}
      />
      <Group mt="sm">
        <Button type="submit" loading={busy}>
          {t('signals.case.saveVulnerabilities')}
        </Button>
      </Group>
    </Card>
  );
}

/** An action due today or already past reads as such, not "in 0 days" or "in -2 days". */
function factorKey(factor: CaseDetail['factors'][number]): string {
  if (factor.code !== 'action_soon') return factor.code;
  const days = Number(factor.values.days);
  return days > 0 ? 'action_soon' : days === 0 ? 'action_today' : 'action_past';
}

function Factors({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <List spacing={4}>
      {detail.factors
        .filter((factor) => factor.points > 0 || factor.code === 'winter_ban')
        .map((factor) => (
          <List.Item key={factor.code}>
            <Text span fw={600}>
              +{factor.points}
            </Text>{' '}
            {t(`signals.factor.${factorKey(factor)}`, {
              ...factor.values,
              ...(typeof factor.values.date === 'string' ? { date: formatDate(factor.values.date) } : {}),
              // The days until the action (or since it, once past) are what its text counts.
              ...(factor.code === 'action_soon' ? { count: Math.abs(Number(factor.values.days)) } : {}),
              action: factor.values.action ? t(`signals.action.${factor.values.action}`) : '',
            })}
          </List.Item>
        ))}
    </List>
  );
}

const stepConflicts = ['not_taken_on', 'not_contacted', 'no_offer'];
/** The steps with a form of their own: a failure of one is told in its form. */
const formActions = ['attempts', 'offers', 'response', 'committee', 'close'];

/** A step refused because an earlier one is missing says which one; any other failure reads as usual. */
function StepError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const reason =
    error instanceof ApiError && error.code === 'CONFLICT'
      ? (error.details as { reason?: string } | undefined)?.reason
      : undefined;
  if (!reason || !stepConflicts.includes(reason)) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert" mb="md">
      {t(`signals.case.conflict.${reason}`)}
    </Alert>
  );
}

/** A case: who, why it is urgent, what has been done, and the next step. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const locale = locales[currentLanguage()];
  const detail = useQuery({ queryKey: signalKeys.case(id), queryFn: () => fetchCase(id) });
  const [winterWarning, setWinterWarning] = useState(false);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      caseAction(id, action, body),
    onSuccess: (result) => {
      setWinterWarning(Boolean(result.winterBan));
      notify(t('signals.case.saved'));
      void queryClient.invalidateQueries({ queryKey: signalKeys.all });
    },
  });
  if (detail.isPending) return <Loading />;
  if (detail.error || !detail.data) return <ErrorAlert error={detail.error} />;
  const c = detail.data;
  const open = c.status !== 'closed';
  const opts = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const note = (values: Record<string, string>) => (values.note?.trim() ? { note: values.note.trim() } : {});

  return (
    <>
      <PageTitle
        title={c.householdName}
        intro={
          <Group gap="xs" component="span">
            <span>{t(`signals.status.${c.status}`)}</span>
            <DeadlineBadge dueAt={c.firstContactDueAt} contactedAt={c.firstContactAt} />
            {c.householdId ? (
              <Anchor component={Link} to={`/households/${c.householdId}`}>
                {t('signals.case.household')}
              </Anchor>
            ) : null}
          </Group>
        }
      />
      <StepError error={formActions.includes(act.variables?.action ?? '') ? null : act.error} />
      <div aria-live="polite">
        {winterWarning ? (
          <Card withBorder padding="md" mb="md" role="alert">
            <Text fw={700} c="red.9">
              {t('signals.case.winterTitle')}
            </Text>
            <Text>{t('signals.case.winterBody')}</Text>
          </Card>
        ) : null}
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" maw={1200}>
        <Stack gap="lg">
          <Card withBorder padding="md" component="section" aria-labelledby="why-title">
            <Title order={2} size="h4" id="why-title" mb="xs">
              {t('signals.case.why', { score: c.score })}
            </Title>
            <Factors detail={c} />
            {c.committeeItems.some((item) => item.winterBan) ? (
              <Text mt="sm" c="red.9" fw={600}>
                {t('signals.case.winterBody')}
              </Text>
            ) : null}
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="signals-title">
            <Title order={2} size="h4" id="signals-title" mb="xs">
              {t('signals.case.signals', { n: c.signalList.length })}
            </Title>
            <Stack gap="sm">
              {c.signalList.map((s) => (
                <div key={s.id}>
                  <Text fw={600}>
                    {t(`signals.kind.${s.kind}`)} · {s.partnerName} · {formatEuro(s.amountCents, locale)}
                  </Text>
                  <Text size="sm">
                    {s.name}, {s.address}
                  </Text>
                  <Text size="sm">
                    {s.plannedAction !== 'none'
                      ? `${t(`signals.action.${s.plannedAction}`)}: ${formatDate(s.plannedDate)} · `
                      : ''}
                    {s.arrearsSince
                      ? `${t('common.labelled', { label: t('signals.field.arrearsSince'), value: formatDate(s.arrearsSince) })} · `
                      : ''}
                    {s.phone ? t('common.labelled', { label: t('signals.field.phone'), value: s.phone }) : ''}
                  </Text>
                </div>
              ))}
            </Stack>
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="steps-title">
            <Title order={2} size="h4" id="steps-title" mb="xs">
              {t('signals.case.steps')}
            </Title>
            {c.events.length === 0 ? <Text>{t('signals.case.noSteps')}</Text> : null}
            <List spacing={4}>
              {c.events.map((event) => (
                <List.Item key={event.id}>
                  {formatDateTime(event.occurredAt)} · {t(`signals.event.${event.type}`)}
                  {Object.entries(event.detail)
                    .filter(
                      ([key, value]) =>
                        typeof value === 'string' &&
                        key !== 'note' &&
                        key !== 'userId' &&
                        key !== 'teamId' &&
                        key !== 'to',
                    )
                    .map(([key, value]) =>
                      key === 'requestedDate'
                        ? ` · ${formatDate(String(value))}`
                        : ` · ${t(`signals.value.${value}`, { defaultValue: String(value) })}`,
                    )
                    .join('')}
                  {event.authorName ? ` · ${event.authorName}` : ''}
                </List.Item>
              ))}
            </List>
          </Card>
        </Stack>
        {open ? (
          <Stack gap="md" component="section" aria-labelledby="work-title">
            <Title order={2} size="h4" id="work-title">
              {t('signals.case.work')}
            </Title>
            {c.assignedUserId !== me.user.id ? (
              <Button onClick={() => act.mutate({ action: 'assign', body: {} })} loading={act.isPending}>
                {t('signals.case.takeOn')}
              </Button>
            ) : null}
            <StepForm
              id="attempt"
              title={t('signals.case.attemptTitle')}
              fields={[
                {
                  name: 'channel',
                  label: t('signals.case.channel'),
                  options: opts(attemptChannels, 'signals.value'),
                },
                {
                  name: 'result',
                  label: t('signals.case.result'),
                  options: opts(attemptResults, 'signals.value'),
                },
              ]}
              submitLabel={t('signals.case.saveAttempt')}
              error={act.variables?.action === 'attempts' ? act.error : null}
              busy={act.isPending}
              onSubmit={(v) =>
                act.mutate({ action: 'attempts', body: { channel: v.channel, result: v.result, ...note(v) } })
              }
            />
            <StepForm
              id="offer"
              title={t('signals.case.offerTitle')}
              fields={[
                {
                  name: 'kind',
                  label: t('signals.case.offerKind'),
                  options: opts(offerKinds, 'signals.value'),
                },
              ]}
              submitLabel={t('signals.case.saveOffer')}
              error={act.variables?.action === 'offers' ? act.error : null}
              busy={act.isPending}
              onSubmit={(v) => act.mutate({ action: 'offers', body: { kind: v.kind, ...note(v) } })}
            />
            <StepForm
              id="response"
              title={t('signals.case.responseTitle')}
              fields={[
                {
                  name: 'response',
                  label: t('signals.case.response'),
                  options: opts(responses, 'signals.value'),
                },
              ]}
              submitLabel={t('signals.case.saveResponse')}
              error={act.variables?.action === 'response' ? act.error : null}
              busy={act.isPending}
              onSubmit={(v) => act.mutate({ action: 'response', body: { response: v.response, ...note(v) } })}
            />
            <StepForm
              id="committee"
              title={t('signals.case.committeeTitle')}
              fields={[
                {
                  name: 'request',
                  label: t('signals.case.request'),
                  options: opts(committeeRequests, 'signals.value'),
                },
              ]}
              extra={{
                name: 'requestedDate',
                label: t('signals.case.requestedDate'),
                type: 'date',
                required: (v) => (committeeRequestsWithDate as readonly string[]).includes(v.request ?? ''),
              }}
              submitLabel={t('signals.case.saveCommittee')}
              error={act.variables?.action === 'committee' ? act.error : null}
              busy={act.isPending}
              onSubmit={(v) =>
                act.mutate({
                  action: 'committee',
                  body: { request: v.request, requestedDate: v.requestedDate || null, ...note(v) },
                })
              }
            />
            <VulnerabilitiesCard
              key={c.vulnerabilities.join('|')}
              detail={c}
              busy={act.isPending}
              onSave={(vulnerabilities) =>
                act.mutate({
                  action: 'vulnerabilities',
                  body: { vulnerabilities: vulnerabilities.map((v) => v.trim()).filter(Boolean) },
                })
              }
            />
            <StepForm
              id="close"
              title={t('signals.case.closeTitle')}
              fields={[
                {
                  name: 'outcome',
                  label: t('signals.case.outcome'),
                  options: opts(outcomes, 'signals.value'),
                },
              ]}
              submitLabel={t('signals.case.saveClose')}
              error={act.variables?.action === 'close' ? act.error : null}
              busy={act.isPending}
              onSubmit={(v) => act.mutate({ action: 'close', body: { outcome: v.outcome, ...note(v) } })}
            />
          </Stack>
        ) : (
          <Card withBorder padding="md">
            <Text>{t('signals.case.closedWith', { outcome: t(`signals.value.${c.outcome}`) })}</Text>
          </Card>
        )}
      </SimpleGrid>
    </>
  );
}
