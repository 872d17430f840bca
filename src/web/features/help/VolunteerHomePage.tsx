import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { brusselsNow } from '../../../shared/brussels.ts';
import {
  firstHelpDay,
  HELP_DAY_MINUTES,
  mostMinutesSince,
  type TimingDays,
} from '../../../shared/help.programme.ts';
import { type DeclineReason, declineReasons, type VolunteerMatch } from '../../../shared/help.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDay, formatMoment, formatTiming, hours, typeLabel } from './format.ts';
import { helpKeys, useCatalogue, useVolunteerHome } from './helpApi.ts';
import { RatingSelect } from './RatingSelect.tsx';
import { badgeOrange } from './StatusBadge.tsx';
import { serverErrors } from './validation.ts';

/** Why an answer came too late, in plain words. */
function useAnswerError() {
  const { t } = useTranslation();
  const text = useErrorText();
  return (error: unknown) => {
    if (error instanceof ApiError && error.code === 'CONFLICT') {
      const reason = (error.details as { reason?: string } | undefined)?.reason;
      if (reason === 'expired') return t('help.me.expired');
      if (reason === 'taken') return t('help.me.taken');
      if (reason === 'closed') return t('help.me.closed');
      if (reason === 'withdrawn') return t('help.me.withdrawn');
      if (reason === 'capacity') return t('help.me.full');
      if (reason === 'consent') return t('help.me.consent');
      if (reason === 'not_eligible') return t('help.me.noLongerFits');
    }
    return text(error);
  };
}

/** The volunteer's own page: proposals, active matches, history and hours. */
export function VolunteerHomePage() {
  const { t } = useTranslation();
  const home = useVolunteerHome();
  const catalogue = useCatalogue();
  // Why an answer did not go through, kept here: a proposal that ran out leaves the list when the
  // page reloads it, and the answer must stay to be read.
  const [answerProblem, setAnswerProblem] = useState<{ typeName: string; text: string } | null>(null);
  if (home.error) return <ErrorAlert error={home.error} />;
  if (!home.data) return <Loading />;
  const { profile, proposals, active, history, totalMinutes } = home.data;
  const types = catalogue.data?.helpTypes;
  const screened = profile?.intakeDoneOn && profile.agreementSignedOn;

  return (
    <>
      <PageTitle
        title={t('help.me.title')}
        intro={t('help.me.intro')}
        actions={
          <Button component={Link} to="/help/me/profile" variant="light">
            {profile?.profileComplete ? t('help.me.editProfile') : t('help.me.completeProfile')}
          </Button>
        }
      />
      {!profile?.profileComplete ? (
        <Alert color="indigo" variant="light" mb="lg" title={t('help.me.welcomeTitle')}>
          {t('help.me.welcome')}
        </Alert>
      ) : !screened ? (
        <Alert color="indigo" variant="light" mb="lg">
          {t('help.me.awaitingScreening')}
        </Alert>
      ) : null}
      <Stack gap="lg">
        <Card withBorder padding="md" component="section" aria-labelledby="proposals-title">
          <Title order={2} size="h4" id="proposals-title" mb="sm">
            {t('help.me.proposals', { n: proposals.length })}
          </Title>
          {answerProblem ? (
            <Alert color="orange" variant="light" role="alert" mb="sm">
              <strong>{answerProblem.typeName}</strong>: {answerProblem.text}
            </Alert>
          ) : null}
          {proposals.length === 0 ? (
            <Text>{t('help.me.noProposals')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {proposals.map((m) => (
                <Proposal
                  key={m.id}
                  match={m}
                  typeName={typeLabel(types, m.helpType)}
                  onProblem={setAnswerProblem}
                />
              ))}
            </SimpleGrid>
          )}
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="active-title">
          <Title order={2} size="h4" id="active-title" mb="sm">
            {t('help.me.active', { n: active.length })}
          </Title>
          {active.length === 0 ? (
            <Text>{t('help.me.noActive')}</Text>
          ) : (
            <Stack>
              {active.map((m) => (
                <ActiveMatch key={m.id} match={m} typeName={typeLabel(types, m.helpType)} />
              ))}
            </Stack>
          )}
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="history-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="history-title">
              {t('help.me.history')}
            </Title>
            <Badge size="lg" variant="light" tt="none">
              {t('help.me.hours', { hours: hours(totalMinutes), count: totalMinutes / 60 })}
            </Badge>
          </Group>
          {history.length === 0 ? (
            <Text>{t('help.me.noHistory')}</Text>
          ) : (
            <ScrollTable label={t('help.me.history')} minWidth={560}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('help.need.type')}</Table.Th>
                    <Table.Th scope="col">{t('help.need.when')}</Table.Th>
                    <Table.Th scope="col">{t('help.need.status')}</Table.Th>
                    <Table.Th scope="col">{t('help.me.time')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Th scope="row">
                        {typeLabel(types, m.helpType)}
                        {m.areaName ? (
                          <Text size="sm" c="dimmed">
                            {m.areaName}
                          </Text>
                        ) : null}
                      </Table.Th>
                      <Table.Td>{formatTiming(m.timing, t)}</Table.Td>
                      <Table.Td>{t(`help.matchStatus.${m.status}`)}</Table.Td>
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
      </Stack>
    </>
  );
}

function Proposal({
  match,
  typeName,
  onProblem,
}: {
  match: VolunteerMatch;
  typeName: string;
  onProblem: (problem: { typeName: string; text: string } | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const answerError = useAnswerError();
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  // Saying no cannot be taken back (the next volunteer is asked), so it is asked twice.
  const [declining, setDeclining] = useState(false);
  const [why, setWhy] = useState<DeclineReason | ''>('');
  const confirmRef = useRef<HTMLSelectElement>(null);
  const declineRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The focus goes into the question, and back to "not this time" when the volunteer goes back.
  useEffect(() => {
    if (declining) confirmRef.current?.focus();
    else if (asked.current) declineRef.current?.focus();
    asked.current = declining;
  }, [declining]);

  const answer = async (kind: 'accept' | 'decline') => {
    setBusy(kind);
    onProblem(null);
    try {
      await api(`/api/help/matches/${match.id}/${kind}`, {
        method: 'POST',
        body: kind === 'decline' && why ? { reason: why } : {},
      });
      notify(kind === 'accept' ? t('help.me.acceptedNote') : t('help.me.declinedNote'));
      await queryClient.invalidateQueries({ queryKey: helpKeys.me });
    } catch (error) {
      onProblem({ typeName, text: answerError(error) });
      await queryClient.invalidateQueries({ queryKey: helpKeys.me });
    } finally {
      setBusy(null);
    }
  };

  const headingId = `proposal-${match.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId} bg="white">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={3} size="h5" id={headingId}>
          {typeName}
        </Title>
        {/* Mantine's orange.9 under white text reaches only about 4.3:1. */}
        {match.urgency === 'high' ? <Badge color={badgeOrange}>{t('help.urgency.high')}</Badge> : null}
      </Group>
      <dl className="record">
        <div className="record-field">
          <dt>{t('help.need.area')}</dt>
          <dd>{match.areaName ?? '—'}</dd>
        </div>
        <div className="record-field">
          <dt>{t('help.need.when')}</dt>
          <dd>{formatTiming(match.timing, t)}</dd>
        </div>
        <div className="record-field">
          <dt>{t('help.me.why')}</dt>
          <dd>{match.explanation}</dd>
        </div>
        <div className="record-field">
          <dt>{t('help.me.answerBy')}</dt>
          <dd>{formatMoment(match.expiresAt)}</dd>
        </div>
      </dl>
      <Text size="sm" c="dimmed" mt="xs">
        {t('help.me.minimised')}
      </Text>
      {declining ? (
        <Stack gap="xs" mt="sm" role="group" aria-labelledby={`${headingId}-sure`}>
          <Text id={`${headingId}-sure`}>{t('help.me.declineSure')}</Text>
          <NativeSelect
            label={t('help.me.declineWhy')}
            value={why}
            onChange={(event) => setWhy(event.currentTarget.value as DeclineReason | '')}
            ref={confirmRef}
            data={[
              { value: '', label: t('help.me.declineWhyNone') },
              // The words continue a sentence on the request ("Afgeslagen: te ver"); here they start one.
              ...declineReasons.map((r) => {
                const words = t(`help.declineReason.${r}`);
                return { value: r, label: words.charAt(0).toUpperCase() + words.slice(1) };
              }),
            ]}
            maw={360}
          />
          <Group>
            <Button
              color={badgeOrange}
              onClick={() => void answer('decline')}
              loading={busy === 'decline'}
              aria-describedby={headingId}
            >
              {t('help.me.declineConfirm')}
            </Button>
            <Button variant="default" onClick={() => setDeclining(false)} disabled={busy !== null}>
              {t('help.me.declineBack')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group mt="sm">
          <Button
            onClick={() => void answer('accept')}
            loading={busy === 'accept'}
            aria-describedby={headingId}
          >
            {t('help.me.accept')}
          </Button>
          <Button
            variant="default"
            ref={declineRef}
            onClick={() => setDeclining(true)}
            aria-describedby={headingId}
          >
            {t('help.me.decline')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** Time given on one day: weekly help is logged session by session, before the help is done. */
function LogHours({ match }: { match: VolunteerMatch }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Today in Brussels, as the server counts days.
  const today = brusselsNow().date;
  const [on, setOn] = useState(today);
  const [given, setGiven] = useState<number | string>(1);
  const [errors, setErrors] = useState<{ on?: string; minutes?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Help is given from its first day on (a moment's day, or the first day of a window or weekly
  // help): time is logged from then on; the server says so too.
  const helpDay = firstHelpDay(match.timing as TimingDays);
  const beforeHelp = helpDay ? t('help.errors.beforeHelp', { day: formatDay(helpDay) }) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minutes = Math.round(Number(given) * 60);
    const found = {
      on: !on || on > today ? t('help.me.logOnInvalid') : helpDay && on < helpDay ? beforeHelp : undefined,
      minutes: minutes >= 1 && minutes <= HELP_DAY_MINUTES ? undefined : t('help.me.logHoursInvalid'),
    };
    setErrors(found);
    setFailure(null);
    if (found.on || found.minutes) return;
    setBusy(true);
    try {
      await api(`/api/help/matches/${match.id}/hours`, { method: 'POST', body: { on, minutes } });
      notify(t('help.me.loggedNote'));
      await queryClient.invalidateQueries({ queryKey: helpKeys.me });
    } catch (error) {
      const server = serverErrors(error);
      if (server.on || server.minutes)
        setErrors({
          on: server.on
            ? server.on === 'help.errors.beforeHelp'
              ? beforeHelp
              : t('help.me.logOnInvalid')
            : undefined,
          minutes: server.minutes
            ? server.minutes === 'help.errors.dayFull'
              ? t(server.minutes)
              : t('help.me.logHoursInvalid')
            : undefined,
        });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Title order={4} size="h6" mt="md" mb="xs">
        {t('help.me.logTitle')}
      </Title>
      <ErrorAlert error={failure} />
      <Group align="flex-start" gap="sm">
        <TextInput
          type="date"
          label={t('help.me.logOn')}
          value={on}
          max={today}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={errors.on}
        />
        <NumberInput
          label={t('help.me.logHours')}
          value={given}
          onChange={setGiven}
          min={0}
          max={12}
          step={0.5}
          decimalScale={1}
          error={errors.minutes}
        />
        <Button type="submit" variant="light" loading={busy} mt={25}>
          {t('help.me.log')}
        </Button>
      </Group>
      {match.minutes ? (
        <Text size="sm" c="dimmed" mt={4}>
          {t('help.me.loggedSoFar', { hours: hours(match.minutes) })}
        </Text>
      ) : null}
    </form>
  );
}

function ActiveMatch({ match, typeName }: { match: VolunteerMatch; typeName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Time logged session by session is counted already: what is asked here comes on top of it.
  // Both start empty: an untouched form must not report an hour and "very good" on its own.
  const [hoursSpent, setHoursSpent] = useState<number | string>('');
  const [rating, setRating] = useState<number | null>(null);
  const [missing, setMissing] = useState<{ hours?: boolean; tooMany?: boolean; rating?: boolean }>({});
  // The server's answer on the time: more than 12 hours for each day since the help began.
  const [tooManyServer, setTooManyServer] = useState(false);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const details = match.details!;
  const headingId = `match-${match.id}`;
  // Help for one moment is reported done from its day on; the server says so too (reason not_yet).
  const timing = match.timing as TimingDays;
  // The time not logged yet: with the sessions logged (the match's minutes while it is active),
  // at most 12 hours for each day from the help's first day up to today.
  const maxHours = mostMinutesSince(timing, brusselsNow().date, match.minutes ?? 0) / 60;
  const notYet =
    timing.kind === 'moment' && timing.date && timing.date > brusselsNow().date ? timing.date : null;
  const refusal =
    failure instanceof ApiError && failure.code === 'CONFLICT'
      ? (failure.details as { reason?: string; day?: string } | undefined)
      : undefined;
  const failureDay = refusal?.reason === 'not_yet' ? (refusal.day ?? notYet) : null;

  const complete = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const noHours = hoursSpent === '' || !Number.isFinite(Number(hoursSpent));
    const tooMany = !noHours && Number(hoursSpent) > maxHours;
    setMissing({ hours: noHours, tooMany, rating: rating === null });
    if (noHours || tooMany || rating === null) return;
    setBusy(true);
    try {
      await api(`/api/help/matches/${match.id}/complete`, {
        method: 'POST',
        body: {
          minutes: Math.round(Number(hoursSpent) * 60),
          rating,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      });
      notify(t('help.me.completedNote'));
      await queryClient.invalidateQueries({ queryKey: helpKeys.me });
    } catch (error) {
      if (serverErrors(error).minutes === 'help.errors.hoursSince') setTooManyServer(true);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId} bg="white">
      <Title order={3} size="h5" id={headingId} mb="xs">
        {typeName} · {formatTiming(match.timing, t)}
      </Title>
      <dl className="record">
        <div className="record-field">
          <dt>{t('help.me.contact')}</dt>
          <dd>{details.contactName}</dd>
        </div>
        <div className="record-field">
          <dt>{t('help.me.phone')}</dt>
          <dd>
            {details.phone ? <a href={`tel:${details.phone.replaceAll(' ', '')}`}>{details.phone}</a> : '—'}
          </dd>
        </div>
        <div className="record-field">
          <dt>{t('help.me.address')}</dt>
          <dd>{details.address ?? match.areaName ?? '—'}</dd>
        </div>
        <div className="record-field">
          <dt>{t('help.need.description')}</dt>
          <dd>{details.description}</dd>
        </div>
        {details.arrangements ? (
          <div className="record-field">
            <dt>{t('help.need.arrangements')}</dt>
            <dd>{details.arrangements}</dd>
          </div>
        ) : null}
      </dl>
      <LogHours match={match} />
      <form onSubmit={complete} noValidate>
        <Title order={4} size="h6" mt="md" mb="xs">
          {t('help.me.completeTitle')}
        </Title>
        {notYet && !failureDay ? (
          <Text size="sm" c="dimmed" mb="xs">
            {t('help.me.notYetHint', { day: formatDay(notYet) })}
          </Text>
        ) : null}
        {failureDay ? (
          <Alert color="orange" variant="light" role="alert" mb="sm">
            {t('help.me.notYet', { day: formatDay(failureDay) })}
          </Alert>
        ) : (
          <ErrorAlert error={failure} />
        )}
        <Stack gap="sm" maw={520}>
          <NumberInput
            label={t('help.me.hoursSpent')}
            description={
              match.minutes
                ? t('help.me.hoursSpentHint', { hours: hours(match.minutes) })
                : t('help.me.hoursSpentHintNone')
            }
            required
            value={hoursSpent}
            onChange={(value) => {
              setHoursSpent(value);
              setMissing((m) => ({ ...m, hours: false, tooMany: false }));
              setTooManyServer(false);
            }}
            min={0}
            max={maxHours}
            clampBehavior="none"
            step={0.5}
            decimalScale={1}
            error={
              missing.hours
                ? t(match.minutes ? 'help.me.hoursNeededMore' : 'help.me.hoursNeeded')
                : missing.tooMany || tooManyServer
                  ? t('help.errors.hoursSince')
                  : undefined
            }
          />
          <RatingSelect
            value={rating}
            onChange={(value) => {
              setRating(value);
              setMissing((m) => ({ ...m, rating: false }));
            }}
            label={t('help.me.howWasIt')}
            error={missing.rating ? t('help.errors.chooseRating') : undefined}
          />
          <Textarea
            label={t('help.me.comment')}
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <div>
            <Button type="submit" loading={busy}>
              {t('help.me.complete')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
