import {
  Alert,
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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { brusselsDay } from '../../../shared/brussels.ts';
import {
  type CampaignDetail,
  type CampaignInput,
  campaignInputSchema,
  campaignPatchSchema,
} from '../../../shared/outreach.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { errorAt, type FieldErrors, keyFor } from '../help/validation.ts';
import { minutesOf, useCampaign, useChangeCampaign, useOutreachOptions } from './outreachApi.ts';
import { fieldMessages, RefusedAlert } from './RefusedAlert.tsx';

interface TeamDraft {
  uid: string;
  /** An existing team's id (editing a campaign). */
  id?: string;
  name: string;
  organisation: 'city' | 'partner';
  partnerName: string;
  managerUserId: string;
  neighbourhoodIds: string[];
  memberUserIds: string[];
}

interface ShiftDraft {
  uid: string;
  visitorUserId: string;
  day: string;
  start: string;
  end: string;
  mode: 'foot' | 'bike';
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Changing a campaign after set-up: the same form, filled in; shifts have their own screen. */
export function CampaignEditPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  return <CampaignFormPage existing={campaign.data} />;
}

/** Setting up a campaign for a whole neighbourhood in a few minutes: where, what, who, when. */
export function CampaignFormPage({ existing }: { existing?: CampaignDetail } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const options = useOutreachOptions();
  const [name, setName] = useState(existing?.name ?? '');
  const [purpose, setPurpose] = useState(existing?.purpose ?? '');
  const [startsOn, setStartsOn] = useState(existing?.startsOn ?? brusselsDay());
  const [endsOn, setEndsOn] = useState(existing?.endsOn ?? brusselsDay(13));
  const [areas, setAreas] = useState<string[]>(existing?.neighbourhoodIds ?? []);
  const [streets, setStreets] = useState(existing?.streets.join('\n') ?? '');
  const [filter, setFilter] = useState<CampaignInput['filter']>(existing?.filter ?? 'none');
  const [questions, setQuestions] = useState(existing?.questions.join('\n') ?? '');
  const [tips, setTips] = useState(existing?.tips.join('\n') ?? '');
  const [windowStart, setWindowStart] = useState('09:00');
  const [windowEnd, setWindowEnd] = useState('20:00');
  const [teams, setTeams] = useState<TeamDraft[]>(
    existing
      ? existing.teams.map((team) => ({
          uid: team.id,
          id: team.id,
          name: team.name,
          organisation: team.organisation,
          partnerName: team.partnerName ?? '',
          managerUserId: team.managerUserId ?? '',
          neighbourhoodIds: team.neighbourhoodIds,
          memberUserIds: team.memberUserIds,
        }))
      : [
          {
            uid: crypto.randomUUID(),
            name: '',
            organisation: 'city',
            partnerName: '',
            managerUserId: '',
            neighbourhoodIds: [],
            memberUserIds: [],
          },
        ],
  );
  const [shifts, setShifts] = useState<ShiftDraft[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = useChangeCampaign(existing?.id ?? '');

  const create = useMutation({
    mutationFn: (body: CampaignInput) =>
      api<{ id: string }>('/api/outreach/campaigns', { method: 'POST', body }),
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: ['outreach'] });
      navigate(`/outreach/campaigns/${id}`);
    },
  });

  if (!options.data) return <Loading />;
  const { neighbourhoods, visitors, managers } = options.data;
  const members = [...new Set(teams.flatMap((team) => team.memberUserIds))];
  const nameOf = (id: string) => visitors.find((v) => v.id === id)?.name ?? id;

  const setTeam = (index: number, patch: Partial<TeamDraft>) =>
    setTeams((current) => current.map((team, i) => (i === index ? { ...team, ...patch } : team)));
  const setShift = (index: number, patch: Partial<ShiftDraft>) =>
    setShifts((current) => current.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  /** The error beside a field, or beside the group a nested field belongs to. */
  const fe = (field: string) => {
    const key = errorAt(errors, field);
    return key ? t(key) : undefined;
  };

  /** Teams left empty are not sent: the position in the body → the team's card on the form. */
  const keptTeams = (keep: (team: TeamDraft) => boolean) =>
    teams.flatMap((team, index) => (keep(team) ? [index] : []));

  /**
   * Problems found by the schema or the API, as translation keys beside their fields. An empty
   * name or purpose asks for one; a team's problem goes to that team's card.
   */
  const toErrors = (issues: { field: string; message: string; code?: string }[], teamCards: number[]) => {
    const out: FieldErrors = {};
    for (const issue of issues) {
      const team = /^teams\.(\d+)(\..*)?$/.exec(issue.field);
      const field = team ? `teams.${teamCards[Number(team[1])] ?? team[1]}${team[2] ?? ''}` : issue.field;
      if (!out[field]) out[field] = fieldMessages[issue.message] ?? keyFor(field, issue.message, issue.code);
    }
    if (out.name && !name.trim()) out.name = 'outreach.form.errName';
    if (out.purpose && !purpose.trim()) out.purpose = 'outreach.form.errPurpose';
    return out;
  };
  const issuesOf = (error: z.ZodError) =>
    error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message, code: issue.code }));
  const apiIssues = (error: unknown) =>
    error instanceof ApiError && error.code === 'VALIDATION_FAILED'
      ? Object.entries(error.fields).map(([field, message]) => ({ field, message }))
      : [];

  const changeKeeps = (team: TeamDraft) => Boolean(team.id || team.name.trim() || team.memberUserIds.length);
  const createKeeps = (team: TeamDraft) => Boolean(team.name.trim() || team.memberUserIds.length);

  const teamsBody = () =>
    teams.filter(changeKeeps).map((team) => ({
      ...(team.id ? { id: team.id } : {}),
      name: team.name.trim() || t('outreach.form.teamDefault'),
      organisation: team.organisation,
      ...(team.partnerName.trim() ? { partnerName: team.partnerName.trim() } : {}),
      managerUserId: team.managerUserId || null,
      // A neighbourhood taken out of the campaign is taken out of its teams as well.
      neighbourhoodIds: team.neighbourhoodIds.filter((n) => areas.includes(n)),
      memberUserIds: team.memberUserIds,
    }));

  function submitChange() {
    const body: Partial<{
      name: string;
      purpose: string;
      startsOn: string;
      endsOn: string;
      neighbourhoodIds: string[];
      streets: string[];
      filter: CampaignInput['filter'];
      questions: string[];
      tips: string[];
      teams: ReturnType<typeof teamsBody>;
    }> = {
      name,
      purpose,
      startsOn,
      endsOn,
      neighbourhoodIds: areas,
      streets: lines(streets),
      filter,
      questions: lines(questions),
      tips: lines(tips),
      teams: teamsBody(),
    };
    // Only what changed is sent, so the rounds are planned again only when where, when or who changed.
    const before: Record<string, unknown> = {
      name: existing!.name,
      purpose: existing!.purpose,
      startsOn: existing!.startsOn,
      endsOn: existing!.endsOn,
      neighbourhoodIds: existing!.neighbourhoodIds,
      streets: existing!.streets,
      filter: existing!.filter,
      questions: existing!.questions,
      tips: existing!.tips,
      teams: existing!.teams.map((team) => ({
        id: team.id,
        name: team.name,
        organisation: team.organisation,
        ...(team.partnerName ? { partnerName: team.partnerName } : {}),
        managerUserId: team.managerUserId,
        neighbourhoodIds: team.neighbourhoodIds,
        memberUserIds: team.memberUserIds,
      })),
    };
    for (const key of Object.keys(body) as (keyof typeof body)[])
      if (JSON.stringify(body[key]) === JSON.stringify(before[key])) delete body[key];
    const parsed = campaignPatchSchema.safeParse(body);
    const teamCards = keptTeams(changeKeeps);
    const found = toErrors(parsed.success ? [] : issuesOf(parsed.error), teamCards);
    if (areas.length === 0 && lines(streets).length === 0)
      found.neighbourhoodIds ??= 'outreach.form.errWhere';
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    change.mutate(parsed.data, {
      onSuccess: (result) => navigate(`/outreach/campaigns/${existing!.id}`, { state: { change: result } }),
      onError: (error) => setErrors(toErrors(apiIssues(error), teamCards)),
    });
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (existing) {
      submitChange();
      return;
    }
    const body = {
      name,
      purpose,
      startsOn,
      endsOn,
      neighbourhoodIds: areas,
      streets: lines(streets),
      filter,
      questions: lines(questions),
      tips: lines(tips),
      windowStart: minutesOf(windowStart),
      windowEnd: minutesOf(windowEnd),
      teams: teams.filter(createKeeps).map((team) => ({
        name: team.name.trim() || t('outreach.form.teamDefault'),
        organisation: team.organisation,
        ...(team.partnerName.trim() ? { partnerName: team.partnerName.trim() } : {}),
        managerUserId: team.managerUserId || null,
        neighbourhoodIds: team.neighbourhoodIds,
        memberUserIds: team.memberUserIds,
      })),
      shifts: shifts.map((s) => ({
        visitorUserId: s.visitorUserId,
        day: s.day,
        start: minutesOf(s.start),
        end: minutesOf(s.end),
        mode: s.mode,
      })),
    };
    const parsed = campaignInputSchema.safeParse(body);
    const teamCards = keptTeams(createKeeps);
    if (!parsed.success) {
      setErrors(toErrors(issuesOf(parsed.error), teamCards));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onError: (error) => setErrors(toErrors(apiIssues(error), teamCards)) });
  }

  const fieldLabel = (path: string) => {
    if (path.startsWith('shifts')) return t('outreach.form.shifts');
    if (path.startsWith('teams')) return t('outreach.form.teams');
    const known: Record<string, string> = {
      name: t('outreach.campaign.name'),
      purpose: t('outreach.campaign.purpose'),
      endsOn: t('outreach.form.endsOn'),
      startsOn: t('outreach.form.startsOn'),
      neighbourhoodIds: t('outreach.form.neighbourhoods'),
      streets: t('outreach.form.streets'),
      questions: t('outreach.form.questions'),
      tips: t('outreach.form.tips'),
      windowEnd: t('outreach.form.windowEnd'),
      windowStart: t('outreach.form.windowStart'),
    };
    return known[path] ?? path;
  };

  return (
    <>
      {existing ? (
        <PageTitle
          title={t('outreach.edit.title', { name: existing.name })}
          intro={
            <>
              {t('outreach.edit.intro')}{' '}
              <Link to={`/outreach/campaigns/${existing.id}/shifts`}>{t('outreach.edit.shiftsLink')}</Link>
            </>
          }
        />
      ) : (
        <PageTitle title={t('outreach.form.title')} intro={t('outreach.form.intro')} />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <Stack gap="sm">
              <TextInput
                label={t('outreach.campaign.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fe('name')}
              />
              <Textarea
                label={t('outreach.campaign.purpose')}
                required
                autosize
                minRows={2}
                value={purpose}
                onChange={(e) => setPurpose(e.currentTarget.value)}
                error={fe('purpose')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="date"
                  label={t('outreach.form.startsOn')}
                  value={startsOn}
                  onChange={(e) => setStartsOn(e.currentTarget.value)}
                  error={fe('startsOn')}
                />
                <TextInput
                  type="date"
                  label={t('outreach.form.endsOn')}
                  value={endsOn}
                  onChange={(e) => setEndsOn(e.currentTarget.value)}
                  error={fe('endsOn')}
                />
              </SimpleGrid>
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('outreach.form.where')}
              </Title>
              <Checkbox.Group
                label={t('outreach.form.neighbourhoods')}
                value={areas}
                onChange={setAreas}
                error={fe('neighbourhoodIds')}
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
                  {neighbourhoods.map((n) => (
                    <Checkbox
                      key={n.id}
                      value={n.id}
                      label={n.isFocus ? `${n.name} (${t('outreach.form.focus')})` : n.name}
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Textarea
                label={t('outreach.form.streets')}
                description={t('outreach.form.onePerLine')}
                autosize
                minRows={1}
                value={streets}
                onChange={(e) => setStreets(e.currentTarget.value)}
                error={fe('streets')}
              />
              <NativeSelect
                label={t('outreach.form.filter')}
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value as CampaignInput['filter'])}
                data={(['none', 'alone_over_75', 'children_under_12'] as const).map((f) => ({
                  value: f,
                  label: t(`outreach.filter.${f}`),
                }))}
              />
              {existing ? null : (
                <SimpleGrid cols={{ base: 2 }}>
                  <TextInput
                    type="time"
                    label={t('outreach.form.windowStart')}
                    value={windowStart}
                    onChange={(e) => setWindowStart(e.currentTarget.value)}
                    error={fe('windowStart')}
                  />
                  <TextInput
                    type="time"
                    label={t('outreach.form.windowEnd')}
                    value={windowEnd}
                    onChange={(e) => setWindowEnd(e.currentTarget.value)}
                    error={fe('windowEnd')}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('outreach.form.what')}
              </Title>
              <Textarea
                label={t('outreach.form.questions')}
                description={t('outreach.form.onePerLine')}
                autosize
                minRows={2}
                value={questions}
                onChange={(e) => setQuestions(e.currentTarget.value)}
                error={fe('questions')}
              />
              <Textarea
                label={t('outreach.form.tips')}
                description={t('outreach.form.onePerLine')}
                autosize
                minRows={2}
                value={tips}
                onChange={(e) => setTips(e.currentTarget.value)}
                error={fe('tips')}
              />
            </Stack>
          </Card>
          {teams.map((team, index) => (
            <Card withBorder padding="md" key={team.uid}>
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t('outreach.form.team', { n: index + 1 })}
                </Title>
                <TextInput
                  label={t('outreach.form.teamName')}
                  value={team.name}
                  onChange={(e) => setTeam(index, { name: e.currentTarget.value })}
                  error={fe(`teams.${index}.name`)}
                />
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NativeSelect
                    label={t('outreach.form.organisation')}
                    value={team.organisation}
                    onChange={(e) =>
                      setTeam(index, { organisation: e.currentTarget.value as 'city' | 'partner' })
                    }
                    data={[
                      { value: 'city', label: t('outreach.form.city') },
                      { value: 'partner', label: t('outreach.form.partner') },
                    ]}
                  />
                  {team.organisation === 'partner' ? (
                    <TextInput
                      label={t('outreach.form.partnerName')}
                      value={team.partnerName}
                      onChange={(e) => setTeam(index, { partnerName: e.currentTarget.value })}
                      error={fe(`teams.${index}.partnerName`)}
                    />
                  ) : null}
                  <NativeSelect
                    label={t('outreach.form.manager')}
                    value={team.managerUserId}
                    onChange={(e) => setTeam(index, { managerUserId: e.currentTarget.value })}
                    data={[
                      { value: '', label: t('outreach.form.noManager') },
                      ...managers.map((m) => ({ value: m.id, label: m.name })),
                    ]}
                  />
                </SimpleGrid>
                <Checkbox.Group
                  label={t('outreach.form.teamAreas')}
                  description={t('outreach.form.teamAreasHelp')}
                  value={team.neighbourhoodIds}
                  onChange={(value) => setTeam(index, { neighbourhoodIds: value })}
                  error={fe(`teams.${index}.neighbourhoodIds`)}
                >
                  <Stack gap="xs" mt="xs">
                    {areas.length === 0 ? <Text size="sm">{t('outreach.form.chooseAreasFirst')}</Text> : null}
                    {neighbourhoods
                      .filter((n) => areas.includes(n.id))
                      .map((n) => (
                        <Checkbox key={n.id} value={n.id} label={n.name} />
                      ))}
                  </Stack>
                </Checkbox.Group>
                <Checkbox.Group
                  label={t('outreach.form.members')}
                  value={team.memberUserIds}
                  onChange={(value) => setTeam(index, { memberUserIds: value })}
                  error={fe(`teams.${index}.memberUserIds`)}
                >
                  <Stack gap="xs" mt="xs">
                    {visitors.map((v) => (
                      <Checkbox key={v.id} value={v.id} label={v.name} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                setTeams((current) => [
                  ...current,
                  {
                    uid: crypto.randomUUID(),
                    name: '',
                    organisation: 'partner',
                    partnerName: '',
                    managerUserId: '',
                    neighbourhoodIds: [],
                    memberUserIds: [],
                  },
                ])
              }
            >
              {t('outreach.form.addTeam')}
            </Button>
          </Group>
          {existing ? null : (
            <Card withBorder padding="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t('outreach.form.shifts')}
                </Title>
                <Text size="sm">{t('outreach.form.shiftsHelp')}</Text>
                {shifts.map((shift, index) => (
                  <fieldset className="plain-fieldset" key={shift.uid}>
                    <legend>{t('outreach.form.shift', { n: index + 1 })}</legend>
                    <SimpleGrid cols={{ base: 1, sm: 5 }}>
                      <NativeSelect
                        label={t('outreach.form.visitor')}
                        value={shift.visitorUserId}
                        onChange={(e) => setShift(index, { visitorUserId: e.currentTarget.value })}
                        error={fe(`shifts.${index}.visitorUserId`)}
                        data={members.map((id) => ({ value: id, label: nameOf(id) }))}
                      />
                      <TextInput
                        type="date"
                        label={t('outreach.form.day')}
                        value={shift.day}
                        onChange={(e) => setShift(index, { day: e.currentTarget.value })}
                        error={fe(`shifts.${index}.day`)}
                      />
                      <TextInput
                        type="time"
                        label={t('outreach.form.start')}
                        value={shift.start}
                        onChange={(e) => setShift(index, { start: e.currentTarget.value })}
                        error={fe(`shifts.${index}.start`)}
                      />
                      <TextInput
                        type="time"
                        label={t('outreach.form.end')}
                        value={shift.end}
                        onChange={(e) => setShift(index, { end: e.currentTarget.value })}
                        error={fe(`shifts.${index}.end`)}
                      />
                      <NativeSelect
                        label={t('outreach.form.mode')}
                        value={shift.mode}
                        onChange={(e) => setShift(index, { mode: e.currentTarget.value as 'foot' | 'bike' })}
                        data={[
                          { value: 'foot', label: t('outreach.mode.foot') },
                          { value: 'bike', label: t('outreach.mode.bike') },
                        ]}
                      />
                    </SimpleGrid>
                    <Button
                      mt="xs"
                      size="xs"
                      variant="subtle"
                      onClick={() => setShifts((current) => current.filter((_, i) => i !== index))}
                    >
                      {t('outreach.form.removeShift')}
                    </Button>
                  </fieldset>
                ))}
                <Group>
                  <Button
                    variant="default"
                    disabled={members.length === 0}
                    onClick={() =>
                      setShifts((current) => [
                        ...current,
                        {
                          uid: crypto.randomUUID(),
                          visitorUserId: members[0]!,
                          day: startsOn,
                          start: '09:00',
                          end: '17:00',
                          mode: 'foot',
                        },
                      ])
                    }
                  >
                    {t('outreach.form.addShift')}
                  </Button>
                  {members.length === 0 ? <Text size="sm">{t('outreach.form.membersFirst')}</Text> : null}
                </Group>
              </Stack>
            </Card>
          )}
          {Object.keys(errors).length ? (
            <Alert color="red" role="alert" title={t('outreach.form.problems')}>
              {[...new Set(Object.keys(errors).map(fieldLabel))].join(', ')}
            </Alert>
          ) : null}
          {/* A refused field is shown beside it and named above; other failures are told here. */}
          {apiIssues(create.error).length ? null : <ErrorAlert error={create.error} />}
          {apiIssues(change.error).length ? null : <RefusedAlert error={change.error} />}
          <Group>
            <Button type="submit" loading={create.isPending || change.isPending}>
              {existing ? t('outreach.edit.save') : t('outreach.form.create')}
            </Button>
            {existing ? (
              <Button variant="default" component={Link} to={`/outreach/campaigns/${existing.id}`}>
                {t('outreach.shifts.cancel')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </>
  );
}
