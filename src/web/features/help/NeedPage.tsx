import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { NeedDetail } from '../../../shared/help.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { useCan, useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { auditWords } from '../audit/auditWords.ts';
import { languageName } from '../registry/format.ts';
import { searchPersons } from '../registry/registryApi.ts';
import { FeedbackLinkSection } from './FeedbackLinkSection.tsx';
import { formatMoment, formatTiming, hours, typeLabel } from './format.ts';
import { useCandidates, useCatalogue, useNeed, useVolunteers } from './helpApi.ts';
import { RatingSelect } from './RatingSelect.tsx';
import { NeedStatusBadge } from './StatusBadge.tsx';

/**
 * The public form promises a call back: staff write down that they called, once, and the page then
 * says when and who.
 */
function CallBack({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const done = need.events.find((e) => e.reasonKey === 'calledBack');
  const said = useRef<HTMLParagraphElement>(null);
  const call = useMutation({
    mutationFn: () => api(`/api/help/needs/${need.id}/called-back`, { method: 'POST', body: {} }),
    onSuccess: () => notify(t('help.needPage.calledBackSaved')),
    // Also when a colleague wrote it down first: the page then shows who and when.
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    },
  });
  // The button goes once it is written down: the focus moves to the words that replace it.
  useEffect(() => {
    if (done && call.isSuccess) said.current?.focus();
  }, [done, call.isSuccess]);
  return (
    <Group mb="md" gap="sm">
      {done ? (
        <Text size="sm" ref={said} tabIndex={-1}>
          {t('help.needPage.calledBackDone', { at: formatMoment(done.at), name: done.actorName ?? '—' })}
        </Text>
      ) : (
        <Button variant="light" loading={call.isPending} onClick={() => call.mutate()}>
          {t('help.needPage.calledBack')}
        </Button>
      )}
      <ErrorAlert error={call.error} />
    </Group>
  );
}

/** One request: what and when, its workflow, candidates to propose, closing and feedback. */
export function NeedPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  // Steps Samen took by itself or through a public form are named in the reader's language.
  const words = auditWords(i18n);
  const need = useNeed(id);
  const catalogue = useCatalogue();
  const canMatch = useCan('help.match');
  const canWrite = useCan('help.needs.write');
  const me = useMe();
  const isPartner = me.roles.every((r) => r === 'partner');
  // A request the reader may not see answers 404, as one that does not exist: say so in words. An
  // address with something else than a request's id in it is a request that is not there either.
  if (
    need.error instanceof ApiError &&
    (need.error.code === 'NOT_FOUND' || need.error.code === 'VALIDATION_FAILED')
  ) {
    return (
      <>
        <PageTitle title={t('help.needPage.notFoundTitle')} intro={t('help.needPage.notFoundBody')} />
        <Button component={Link} to="/help/needs" variant="light">
          {t('help.needPage.backToList')}
        </Button>
      </>
    );
  }
  if (need.error) return <ErrorAlert error={need.error} />;
  if (!need.data) return <Loading />;
  const n = need.data;
  const open = ['new', 'proposed', 'no_match'].includes(n.status);
  const typeName = typeLabel(catalogue.data?.helpTypes, n.helpType);
  // Nobody has been asked yet: what a volunteer would see can still change.
  const editable = canWrite && (n.status === 'new' || n.status === 'no_match');

  return (
    <>
      <PageTitle
        title={t('help.needPage.title', { type: typeName })}
        intro={
          n.householdId ? (
            <Anchor component={Link} to={`/households/${n.householdId}`}>
              {t('help.needPage.forHousehold', { name: n.householdName ?? '' })}
            </Anchor>
          ) : n.requesterName ? (
            <>
              {t('help.needPage.askedBy', { name: n.requesterName })}
              {n.requesterPhone ? (
                <>
                  {' · '}
                  {/* The public form promises a call back: the number is where staff look first. */}
                  <Anchor href={`tel:${n.requesterPhone.replaceAll(' ', '')}`} underline="always">
                    {t('help.needPage.callBack', { phone: n.requesterPhone })}
                  </Anchor>
                </>
              ) : null}
            </>
          ) : undefined
        }
        actions={
          editable ? (
            <Button component={Link} to={`/help/needs/${n.id}/edit`} variant="default">
              {t('help.needPage.edit')}
            </Button>
          ) : undefined
        }
      />
      {n.source === 'resident' && canWrite && !isPartner ? <CallBack need={n} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card withBorder padding="md" component="section" aria-labelledby="need-title">
              <Title order={2} size="h4" id="need-title" mb="sm">
                {t('help.needPage.what')}
              </Title>
              <dl className="record">
                <div className="record-field">
                  <dt>{t('help.need.status')}</dt>
                  <dd>
                    <NeedStatusBadge status={n.status} />
                  </dd>
                </div>
                <div className="record-field">
                  <dt>{t('help.need.when')}</dt>
                  <dd>{formatTiming(n.timing, t)}</dd>
                </div>
                <div className="record-field">
                  <dt>{t('help.need.area')}</dt>
                  <dd>{n.areaName ?? '—'}</dd>
                </div>
                <div className="record-field">
                  <dt>{t('help.need.urgency')}</dt>
                  <dd>{t(`help.urgency.${n.urgency}`)}</dd>
                </div>
                <div className="record-field">
                  <dt>{t('help.need.languages')}</dt>
                  <dd>
                    {n.languages.length
                      ? n.languages.map(languageName).join(', ')
                      : t('help.needPage.anyLanguage')}
                  </dd>
                </div>
                <div className="record-field">
                  <dt>{t('help.need.description')}</dt>
                  <dd>{n.description}</dd>
                </div>
                {n.arrangements ? (
                  <div className="record-field">
                    <dt>{t('help.need.arrangements')}</dt>
                    <dd>{n.arrangements}</dd>
                  </div>
                ) : null}
                {n.sensitive ? (
                  <div className="record-field">
                    <dt>{t('help.needPage.sensitive')}</dt>
                    <dd>{t('help.needPage.sensitiveText')}</dd>
                  </div>
                ) : null}
              </dl>
            </Card>
            {editable && !n.householdId && !isPartner ? <LinkHouseholdCard need={n} /> : null}
            <StatusCard need={n} />
            {n.status === 'done' || n.residentFeedback ? <FeedbackCard need={n} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {canMatch && open ? <CandidatesCard need={n} /> : null}
            {canMatch && open && n.sensitive ? <PicksCard need={n} /> : null}
            <Card withBorder padding="md" component="section" aria-labelledby="matches-title">
              <Title order={2} size="h4" id="matches-title" mb="sm">
                {t('help.needPage.proposals')}
              </Title>
              {n.matches.length === 0 ? (
                <Text>{t('help.needPage.noProposals')}</Text>
              ) : (
                <ScrollTable label={t('help.needPage.proposals')} minWidth={520}>
                  <Table striped verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('help.needPage.volunteer')}</Table.Th>
                        <Table.Th scope="col">{t('help.need.status')}</Table.Th>
                        <Table.Th scope="col">{t('help.needPage.proposedAt')}</Table.Th>
                        <Table.Th scope="col">{t('help.me.time')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {n.matches.map((m) => (
                        <Table.Tr key={m.id}>
                          <Table.Th scope="row">{m.volunteerName}</Table.Th>
                          <Table.Td>
                            {t(`help.matchStatus.${m.status}`)}
                            {m.declineReason ? `: ${t(`help.declineReason.${m.declineReason}`)}` : ''}
                          </Table.Td>
                          <Table.Td>{formatMoment(m.proposedAt)}</Table.Td>
                          <Table.Td>
                            {m.minutes ? t('help.me.hoursShort', { hours: hours(m.minutes) }) : '—'}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="events-title">
              <Title order={2} size="h4" id="events-title" mb="sm">
                {t('help.needPage.history')}
              </Title>
              <List spacing="xs">
                {n.events.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: events have no id in the answer; order is stable
                  <List.Item key={i}>
                    <Text size="sm" fw={600} span>
                      {formatMoment(e.at)} · {t(`help.status.${e.toStatus}`)}
                    </Text>
                    <Text size="sm">
                      {e.reasonKey ? t(`help.events.${e.reasonKey}`, e.reasonValues ?? {}) : e.reason}
                      {/* The family's own answer says who gave it; it has no account to name. */}
                      {e.reasonKey === 'familyFeedback'
                        ? null
                        : ` — ${e.actorName ? words.actor(e.actorName) : t('help.events.automatic')}`}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** A request without a household (public form, partner) joins the file of the resident who asked. */
function LinkHouseholdCard({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState(need.requesterName ?? '');
  const [submitted, setSubmitted] = useState('');
  const results = useQuery({
    queryKey: ['help', 'link-search', submitted],
    queryFn: ({ signal }) => searchPersons(submitted, '', signal),
    enabled: submitted.length >= 2,
  });
  const link = useMutation({
    mutationFn: (personId: string) =>
      api(`/api/help/needs/${need.id}/household`, { method: 'POST', body: { personId } }),
    onSuccess: async () => {
      notify(t('help.needPage.linked'));
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="link-title">
      <Title order={2} size="h4" id="link-title" mb={4}>
        {t('help.needPage.linkTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('help.needPage.linkIntro')}
      </Text>
      <ErrorAlert error={results.error ?? link.error} />
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setSubmitted(query.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('help.needPage.linkSearch')}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            maxLength={100}
          />
          <Button type="submit" variant="default">
            {t('help.needPage.linkFind')}
          </Button>
        </Group>
      </form>
      {results.isFetching ? <Loading /> : null}
      {results.data && results.data.length === 0 ? <Text mt="sm">{t('help.needPage.linkNone')}</Text> : null}
      {results.data && results.data.length > 0 ? (
        <Stack gap="xs" mt="sm">
          {results.data.slice(0, 8).map((person) => (
            <Group key={person.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">
                <strong>
                  {person.givenName} {person.familyName}
                </strong>
                {person.age !== null ? ` · ${t('help.needPage.age', { count: person.age })}` : ''}
                {person.address ? ` · ${person.address}` : ''}
              </Text>
              <Button
                size="xs"
                style={{ flexShrink: 0 }}
                onClick={() => link.mutate(person.id)}
                loading={link.isPending && link.variables === person.id}
                aria-label={t('help.needPage.linkTo', { name: `${person.givenName} ${person.familyName}` })}
              >
                {t('help.needPage.link')}
              </Button>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Card>
  );
}

function CandidatesCard({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const candidates = useCandidates(need.id, true);
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const propose = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/help/needs/${need.id}/proposals`, { method: 'POST', body: { volunteerIds: chosen } });
      notify(t('help.needPage.proposedNote', { count: chosen.length }));
      setChosen([]);
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="candidates-title">
      <Title order={2} size="h4" id="candidates-title" mb={4}>
        {t('help.needPage.candidates')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('help.needPage.candidatesIntro')}
      </Text>
      <ErrorAlert error={failure ?? candidates.error} />
      {!candidates.data ? (
        <Loading />
      ) : candidates.data.noCandidate ? (
        <Alert color="orange" variant="light">
          {candidates.data.noCandidate}
        </Alert>
      ) : (
        <>
          <Checkbox.Group value={chosen} onChange={setChosen} label={t('help.needPage.choose')}>
            <Stack gap="xs" mt="xs">
              {candidates.data.candidates.map((c) => (
                <Checkbox
                  key={c.volunteerId}
                  value={c.volunteerId}
                  disabled={c.alreadyAsked}
                  label={
                    <span>
                      <strong>{c.displayName}</strong> · {t('help.needPage.score', { score: c.score })}
                      {c.alreadyAsked ? ` · ${t('help.needPage.alreadyAsked')}` : ''}
                    </span>
                  }
                  description={c.explanation}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button mt="md" onClick={() => void propose()} disabled={chosen.length === 0} loading={busy}>
            {t('help.needPage.propose', { n: chosen.length })}
          </Button>
        </>
      )}
    </Card>
  );
}

/**
 * Who may get a sensitive request. Saving the picks needs `help.match` (as the server's PUT
 * /picks does), so everyone who matches sees this card; the list to choose from is the volunteers'
 * list, which the server gives only with `help.volunteers.manage`. Without it (a neighbourhood
 * manager) the card says how many are picked and who can choose.
 */
function PicksCard({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const canPick = useCan('help.match');
  const canList = useCan('help.volunteers.manage');
  const volunteers = useVolunteers(canPick && canList);
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string[]>(need.pickedVolunteerIds);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (!canPick) return null;
  if (!canList) {
    return (
      <Card withBorder padding="md" component="section" aria-labelledby="picks-title">
        <Title order={2} size="h4" id="picks-title" mb="sm">
          {t('help.needPage.picks')}
        </Title>
        <Text size="sm">{t('help.needPage.pickedCount', { count: need.pickedVolunteerIds.length })}</Text>
        <Text size="sm" c="dimmed" mt={4}>
          {t('help.needPage.picksByCoordinator')}
        </Text>
      </Card>
    );
  }
  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/help/needs/${need.id}/picks`, { method: 'PUT', body: { volunteerIds: picked } });
      notify(t('help.needPage.picksSaved'));
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="picks-title">
      <Title order={2} size="h4" id="picks-title" mb="sm">
        {t('help.needPage.picks')}
      </Title>
      <ErrorAlert error={failure ?? volunteers.error} />
      {/* While the volunteers load, say so: an empty list would read as "nobody to choose". */}
      {!volunteers.data ? (
        volunteers.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <Checkbox.Group value={picked} onChange={setPicked} label={t('help.needPage.picksIntro')}>
            <Stack gap={4} mt="xs">
              {volunteers.data
                .filter((v) => v.active && v.profileComplete)
                .map((v) => (
                  <Checkbox
                    key={v.userId}
                    value={v.userId}
                    label={`${v.displayName} (${v.homeAreaName ?? '—'})`}
                  />
                ))}
            </Stack>
          </Checkbox.Group>
          <Button mt="sm" variant="light" onClick={() => void save()} loading={busy}>
            {t('help.needPage.savePicks')}
          </Button>
        </>
      )}
    </Card>
  );
}

const transitions: Record<string, ('in_progress' | 'done' | 'cancelled' | 'new')[]> = {
  new: ['cancelled'],
  proposed: ['cancelled'],
  no_match: ['new', 'cancelled'],
  accepted: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  cancelled: ['new'],
  done: [],
};

function StatusCard({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan('help.needs.write');
  const queryClient = useQueryClient();
  const options = transitions[need.status] ?? [];
  const [status, setStatus] = useState(options[0] ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!canWrite || options.length === 0) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('errors.required'));
      return;
    }
    setError(undefined);
    setBusy(true);
    setFailure(null);
    try {
      await api(`/api/help/needs/${need.id}/status`, {
        method: 'POST',
        body: { status, reason: reason.trim() },
      });
      setReason('');
      notify(t('help.needPage.statusSaved'));
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (failed) {
      setFailure(failed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="status-title">
      <Title order={2} size="h4" id="status-title" mb="sm">
        {t('help.needPage.changeStatus')}
      </Title>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={t('help.needPage.newStatus')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
            data={options.map((o) => ({ value: o, label: t(`help.status.${o}`) }))}
          />
          <Textarea
            label={t('help.needPage.why')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            required
          />
          <div>
            <Button type="submit" variant="light" loading={busy}>
              {t('help.needPage.saveStatus')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

function FeedbackCard({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan('help.needs.write');
  const queryClient = useQueryClient();
  // A note taken before shows its own answer; a new one starts without a choice.
  const [rating, setRating] = useState<number | null>(need.residentFeedback?.rating ?? null);
  const [ratingMissing, setRatingMissing] = useState(false);
  const [comment, setComment] = useState(need.residentFeedback?.comment ?? '');
  // The family's own answer is not replaced by a note taken on its behalf (decision 0006).
  const byFamily = need.residentFeedback?.by === 'family';
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setRatingMissing(rating === null);
    if (rating === null) return;
    setBusy(true);
    try {
      await api(`/api/help/needs/${need.id}/feedback`, {
        method: 'POST',
        body: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      notify(t('help.needPage.feedbackSaved'));
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feedback-title">
      <Title order={2} size="h4" id="feedback-title" mb="sm">
        {t('help.needPage.feedback')}
      </Title>
      {need.residentFeedback ? (
        <Stack mb="sm" gap={4}>
          <Group gap="xs">
            <Badge variant="light" tt="none">
              {t(`help.rating.${need.residentFeedback.rating}`)}
            </Badge>
            {need.residentFeedback.comment ? <Text size="sm">{need.residentFeedback.comment}</Text> : null}
          </Group>
          <Text size="xs" c="dimmed">
            {t(
              need.residentFeedback.by === 'family'
                ? 'help.needPage.feedbackByFamily'
                : 'help.needPage.feedbackByStaff',
              { at: need.residentFeedback.at ? formatMoment(need.residentFeedback.at) : '' },
            )}
          </Text>
        </Stack>
      ) : null}
      {canWrite && need.status === 'done' && !byFamily ? <FeedbackLinkSection need={need} /> : null}
      {canWrite && need.status === 'done' && !byFamily ? (
        <form onSubmit={submit} noValidate>
          <ErrorAlert error={failure} />
          <Stack gap="sm">
            <Text size="sm">{t('help.needPage.feedbackIntro')}</Text>
            <RatingSelect
              value={rating}
              onChange={(value) => {
                setRating(value);
                setRatingMissing(false);
              }}
              label={t('help.needPage.feedbackRating')}
              error={ratingMissing ? t('help.errors.chooseRating') : undefined}
            />
            <Textarea
              label={t('help.me.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <div>
              <Button type="submit" variant="light" loading={busy}>
                {t('help.needPage.saveFeedback')}
              </Button>
            </div>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
