import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { brusselsDay } from '../../../shared/brussels.ts';
import type { CampaignDetail, Shift } from '../../../shared/outreach.schemas.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { formatDate } from '../registry/format.ts';
import { clock, minutesOf, useCampaign, useOutreachOptions, useShiftChanges } from './outreachApi.ts';
import { RefusedAlert } from './RefusedAlert.tsx';

interface Draft {
  visitorUserId: string;
  day: string;
  start: string;
  end: string;
  mode: 'foot' | 'bike';
  /** '' keeps the starting point as it is (or lets the server choose for a new shift), else an area id. */
  startAt: string;
}

/** The middle of a neighbourhood's outline, as a starting point. */
function centreOf(outline: { type: string; coordinates: unknown }): { lat: number; lon: number } | null {
  const ring =
    outline.type === 'Polygon'
      ? (outline.coordinates as number[][][])[0]
      : (outline.coordinates as number[][][][])[0]?.[0];
  if (!ring?.length) return null;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return {
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
    lon: (Math.min(...lons) + Math.max(...lons)) / 2,
  };
}

/** Visitors' shifts on a campaign: add, change and remove them; the rounds follow. */
export function ShiftsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const options = useOutreachOptions();
  const changes = useShiftChanges(id);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  if (!campaign.data || !options.data) return <Loading />;
  const c = campaign.data;
  const members = [...new Set(c.teams.flatMap((team) => team.memberUserIds))];
  const visitors = options.data.visitors.filter((v) => c.teams.length === 0 || members.includes(v.id));
  const day = new Intl.DateTimeFormat(locales[currentLanguage()], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const areaName = new Map(options.data.neighbourhoods.map((n) => [n.id, n.name]));

  return (
    <>
      <PageTitle title={t('outreach.shifts.title')} intro={t('outreach.shifts.intro')} />
      <Stack gap="md">
        <Anchor component={Link} to={`/outreach/campaigns/${id}`}>
          {t('outreach.edit.backTo', { name: c.name })}
        </Anchor>
        {done ? (
          <Alert
            color="indigo"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setDone(null)}
          >
            {done}
          </Alert>
        ) : null}
        {adding ? (
          <ShiftForm
            campaign={c}
            visitors={visitors}
            areaName={areaName}
            title={t('outreach.shifts.new')}
            initial={{
              visitorUserId: visitors[0]?.id ?? '',
              day: [c.startsOn, brusselsDay(), c.endsOn].sort()[1]!,
              start: '09:00',
              end: '12:00',
              mode: 'foot',
              startAt: '',
            }}
            pending={changes.add.isPending}
            error={changes.add.error}
            onCancel={() => setAdding(false)}
            onSave={(draft, point) =>
              changes.add.mutate(
                {
                  visitorUserId: draft.visitorUserId,
                  day: draft.day,
                  start: minutesOf(draft.start),
                  end: minutesOf(draft.end),
                  mode: draft.mode,
                  ...(point ? { startLat: point.lat, startLon: point.lon } : {}),
                },
                {
                  onSuccess: () => {
                    setAdding(false);
                    setDone(t('outreach.shifts.added'));
                  },
                },
              )
            }
          />
        ) : (
          <Group>
            <Button onClick={() => setAdding(true)} disabled={visitors.length === 0}>
              {t('outreach.shifts.add')}
            </Button>
            {visitors.length === 0 ? <Text size="sm">{t('outreach.form.membersFirst')}</Text> : null}
          </Group>
        )}
        {c.shifts.length === 0 ? <Text>{t('outreach.plan.noShifts')}</Text> : null}
        <RefusedAlert error={changes.remove.error} />
        {c.shifts.map((shift) =>
          editing === shift.id ? (
            <ShiftForm
              key={shift.id}
              campaign={c}
              visitors={visitors}
              areaName={areaName}
              title={t('outreach.shifts.changeTitle', { visitor: shift.visitorName })}
              initial={{
                visitorUserId: shift.visitorUserId,
                day: shift.day,
                start: clock(shift.start),
                end: clock(shift.end),
                mode: shift.mode,
                startAt: '',
              }}
              keepLabel={t('outreach.shifts.keepStart', {
                lat: shift.startLat.toFixed(4),
                lon: shift.startLon.toFixed(4),
              })}
              pending={changes.change.isPending}
              error={changes.change.error}
              onCancel={() => setEditing(null)}
              onSave={(draft, point) =>
                changes.change.mutate(
                  {
                    id: shift.id,
                    patch: {
                      ...(draft.visitorUserId !== shift.visitorUserId
                        ? { visitorUserId: draft.visitorUserId }
                        : {}),
                      ...(draft.day !== shift.day ? { day: draft.day } : {}),
                      start: minutesOf(draft.start),
                      end: minutesOf(draft.end),
                      mode: draft.mode,
                      ...(point ? { startLat: point.lat, startLon: point.lon } : {}),
                    },
                  },
                  {
                    onSuccess: () => {
                      setEditing(null);
                      setDone(t('outreach.shifts.changed'));
                    },
                  },
                )
              }
            />
          ) : (
            <ShiftCard
              key={shift.id}
              shift={shift}
              dayLabel={day.format(new Date(`${shift.day}T12:00:00`))}
              doors={c.doors.filter((d) => d.shiftId === shift.id).length}
              onEdit={() => {
                setEditing(shift.id);
                changes.change.reset();
              }}
              onRemove={() =>
                changes.remove.mutate(shift.id, {
                  onSuccess: () => setDone(t('outreach.shifts.removed')),
                })
              }
              removing={changes.remove.isPending && changes.remove.variables === shift.id}
            />
          ),
        )}
      </Stack>
    </>
  );
}

function ShiftCard({
  shift,
  dayLabel,
  doors,
  onEdit,
  onRemove,
  removing,
}: {
  shift: Shift;
  dayLabel: string;
  doors: number;
  onEdit: () => void;
  onRemove: () => void;
  removing: boolean;
}) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  return (
    <Card withBorder padding="sm" component="section" aria-label={`${shift.visitorName}, ${dayLabel}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <div>
          <Title order={2} size="h5">
            {shift.visitorName}
          </Title>
          <Text size="sm">
            {dayLabel} · {clock(shift.start)}–{clock(shift.end)} ·{' '}
            {t('outreach.shifts.doors', { count: doors })}
          </Text>
        </div>
        <Badge variant="light">{t(`outreach.mode.${shift.mode}`)}</Badge>
      </Group>
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="default" onClick={onEdit}>
          {t('outreach.shifts.change')}
        </Button>
        {confirm ? (
          <>
            <Button size="xs" color="red.9" onClick={onRemove} loading={removing}>
              {t('outreach.shifts.removeConfirm')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setConfirm(false)}>
              {t('outreach.shifts.cancel')}
            </Button>
          </>
        ) : (
          <Button size="xs" variant="subtle" onClick={() => setConfirm(true)}>
            {t('outreach.shifts.remove')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function ShiftForm({
  campaign,
  visitors,
  areaName,
  title,
  initial,
  keepLabel,
  pending,
  error,
  onSave,
  onCancel,
}: {
  campaign: CampaignDetail;
  visitors: { id: string; name: string }[];
  areaName: Map<string, string>;
  title: string;
  initial: Draft;
  keepLabel?: string;
  pending: boolean;
  error: unknown;
  onSave: (draft: Draft, point: { lat: number; lon: number } | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const centres = campaign.neighbourhoods
    .map((n) => ({ id: n.id, name: areaName.get(n.id) ?? n.name, point: centreOf(n.outline) }))
    .filter((n) => n.point);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: string[] = [];
    const start = minutesOf(draft.start);
    const end = minutesOf(draft.end);
    if (!draft.visitorUserId) found.push(t('outreach.shifts.errVisitor'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) found.push(t('outreach.shifts.errDay'));
    else if (draft.day < campaign.startsOn || draft.day > campaign.endsOn)
      found.push(
        t('outreach.shifts.errPeriod', {
          from: formatDate(campaign.startsOn),
          to: formatDate(campaign.endsOn),
        }),
      );
    if (Number.isNaN(start) || Number.isNaN(end)) found.push(t('outreach.shifts.errTime'));
    else if (end <= start) found.push(t('outreach.shifts.errOrder'));
    setProblems(found);
    if (found.length) return;
    const point = draft.startAt ? (centres.find((c) => c.id === draft.startAt)?.point ?? null) : null;
    onSave(draft, point);
  }

  return (
    <Card withBorder padding="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {title}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('outreach.form.visitor')}
              value={draft.visitorUserId}
              onChange={(e) => set({ visitorUserId: e.currentTarget.value })}
              data={visitors.map((v) => ({ value: v.id, label: v.name }))}
            />
            <TextInput
              type="date"
              label={t('outreach.form.day')}
              min={campaign.startsOn}
              max={campaign.endsOn}
              value={draft.day}
              onChange={(e) => set({ day: e.currentTarget.value })}
            />
            <TextInput
              type="time"
              label={t('outreach.form.start')}
              value={draft.start}
              onChange={(e) => set({ start: e.currentTarget.value })}
            />
            <TextInput
              type="time"
              label={t('outreach.form.end')}
              value={draft.end}
              onChange={(e) => set({ end: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('outreach.form.mode')}
              value={draft.mode}
              onChange={(e) => set({ mode: e.currentTarget.value as 'foot' | 'bike' })}
              data={[
                { value: 'foot', label: t('outreach.mode.foot') },
                { value: 'bike', label: t('outreach.mode.bike') },
              ]}
            />
            <NativeSelect
              label={t('outreach.shifts.startAt')}
              value={draft.startAt}
              onChange={(e) => set({ startAt: e.currentTarget.value })}
              data={[
                { value: '', label: keepLabel ?? t('outreach.shifts.startAuto') },
                ...centres.map((c) => ({
                  value: c.id,
                  label: t('outreach.shifts.centreOf', { name: c.name }),
                })),
              ]}
            />
          </SimpleGrid>
          {problems.length ? (
            <Alert color="red" role="alert" title={t('outreach.shifts.notSaved')}>
              <ul className="plain-list">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <RefusedAlert error={error} />
          <Group>
            <Button type="submit" loading={pending}>
              {t('outreach.shifts.save')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('outreach.shifts.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
