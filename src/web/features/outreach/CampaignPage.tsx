import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { CampaignChange, CampaignDetail, Door, PlanResult } from '../../../shared/outreach.schemas.ts';
import { needKinds } from '../../../shared/outreach.schemas.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { formatDate } from '../registry/format.ts';
import type { MapArea } from '../registry/NeighbourhoodMap.tsx';
import { DoorMap, roundColourClass } from './DoorMap.tsx';
import { clock, useCampaign, usePinDoor, usePlan, useProgress, useRevisits } from './outreachApi.ts';

/** The planning view (map with rounds, a timeline per visitor) and the progress dashboard. */
export function CampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const progress = useProgress(id);
  const plan = usePlan(id);
  const revisits = useRevisits(id);
  const canManage = useCan('outreach.manage');
  const change = (useLocation().state as { change?: CampaignChange } | null)?.change;

  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  const roundIndex = new Map(c.shifts.map((s, i) => [s.id, i]));
  const unplanned = c.doors.filter((d) => !d.shiftId);
  const toSettle = c.doors.filter((d) => d.needsReview).length;

  return (
    <>
      <PageTitle
        title={c.name}
        intro={c.purpose}
        actions={
          canManage ? (
            <Button onClick={() => plan.mutate()} loading={plan.isPending}>
              {c.plannedAt ? t('outreach.plan.replan') : t('outreach.plan.plan')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        {canManage ? (
          <Group gap="xs" wrap="wrap">
            <Button component={Link} to={`/outreach/campaigns/${id}/edit`} variant="default" size="sm">
              {t('outreach.edit.link')}
            </Button>
            <Button component={Link} to={`/outreach/campaigns/${id}/shifts`} variant="default" size="sm">
              {t('outreach.shifts.link')}
            </Button>
            <Button
              component={Link}
              to={`/outreach/campaigns/${id}/reviews`}
              variant={toSettle ? 'filled' : 'default'}
              color={toSettle ? 'red.9' : undefined}
              size="sm"
            >
              {t('outreach.review.link', { count: toSettle })}
            </Button>
            <Button
              variant="default"
              size="sm"
              onClick={() => revisits.mutate()}
              loading={revisits.isPending}
            >
              {t('outreach.revisits.now')}
            </Button>
          </Group>
        ) : null}
        {change ? (
          <Alert color="indigo" role="status" title={t('outreach.edit.saved')}>
            {t('outreach.edit.savedBody', {
              added: change.doorsAdded,
              removed: change.doorsRemoved,
              shifts: change.shiftsRemoved,
            })}
            {change.replanned ? ` ${t('outreach.edit.replanned')}` : ''}
          </Alert>
        ) : null}
        {revisits.data ? (
          <Alert color="indigo" role="status" title={t('outreach.revisits.done')}>
            {t('outreach.revisits.summary', {
              count: revisits.data.planned,
              waiting: revisits.data.waiting,
            })}
          </Alert>
        ) : null}
        <ErrorAlert error={revisits.error} />
        <Text size="sm">{t('outreach.revisits.auto')}</Text>
        <ErrorAlert error={plan.error} />
        {plan.data ? <PlanSummary result={plan.data} /> : null}
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('outreach.plan.mapHeading')}
          </Title>
          <DoorMap
            title={t('outreach.plan.mapTitle')}
            description={t('outreach.plan.mapDescription')}
            areas={c.neighbourhoods as MapArea[]}
            points={c.doors
              .filter((d) => d.lat !== null && d.lon !== null)
              .map((d) => ({
                id: d.id,
                lat: d.lat!,
                lon: d.lon!,
                round: d.shiftId ? (roundIndex.get(d.shiftId) ?? null) : null,
                label: `${d.address}: ${t(`outreach.doorState.${d.state}`)}`,
                state: d.state,
              }))}
            routes={c.shifts.map((s, i) => ({
              round: i,
              path: [
                { lat: s.startLat, lon: s.startLon },
                ...c.doors
                  .filter((d) => d.shiftId === s.id && d.lat !== null)
                  .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
                  .map((d) => ({ lat: d.lat!, lon: d.lon! })),
              ],
            }))}
          />
          <Text size="sm" mt="xs">
            {t('outreach.plan.legend')}
          </Text>
        </Card>
        <ProgressCard campaignId={id} progress={progress.data} />
        <Title order={2} size="h3">
          {t('outreach.plan.rounds')}
        </Title>
        {c.shifts.length === 0 ? <Text>{t('outreach.plan.noShifts')}</Text> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {c.shifts.map((shift, index) => (
            <RoundCard key={shift.id} campaign={c} shiftId={shift.id} index={index} canManage={canManage} />
          ))}
        </SimpleGrid>
        {unplanned.length ? (
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('outreach.plan.unplanned', { count: unplanned.length })}
            </Title>
            <ScrollTable label={t('outreach.plan.unplannedLabel')} minWidth={480}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('outreach.plan.door')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.plan.state')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.plan.reason')}</Table.Th>
                    {canManage ? <Table.Th scope="col">{t('outreach.plan.move')}</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unplanned.slice(0, 200).map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Th scope="row">
                        {d.label}
                        <Text size="xs">{d.address}</Text>
                      </Table.Th>
                      <Table.Td>{t(`outreach.doorState.${d.state}`)}</Table.Td>
                      <Table.Td>{d.reason ? reasonText(t, d.reason) : '—'}</Table.Td>
                      {canManage ? (
                        <Table.Td>
                          <MoveDoor campaign={c} door={d} />
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}

const reasons: Record<string, string> = {
  'the address has no coordinates': 'outreach.reason.noCoordinates',
  'no shift covers the visiting time': 'outreach.reason.noShiftCovers',
  'no team visits this neighbourhood': 'outreach.reason.noTeam',
  'no shift of the team on a coming day': 'outreach.reason.noComingShift',
  'the rounds are full: add a shift or widen the visiting time': 'outreach.reason.full',
  'its round was removed': 'outreach.reason.roundRemoved',
  'no shift covers the time to come back': 'outreach.reason.noShiftForRetry',
};
function reasonText(t: (key: string) => string, reason: string) {
  return reasons[reason] ? t(reasons[reason]) : reason;
}

function PlanSummary({ result }: { result: PlanResult }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const u of result.unplanned) counts.set(u.reason, (counts.get(u.reason) ?? 0) + 1);
  return (
    <Alert color="indigo" role="status" title={t('outreach.plan.done')}>
      <Text>
        {t('outreach.plan.summary', {
          count: result.planned,
          rounds: t('outreach.plan.roundCount', { count: result.rounds }),
          km: result.kilometres,
        })}
      </Text>
      {[...counts].map(([reason, n]) => (
        <Text key={reason}>{t('outreach.plan.leftOut', { count: n, reason: reasonText(t, reason) })}</Text>
      ))}
    </Alert>
  );
}

function MoveDoor({ campaign, door }: { campaign: CampaignDetail; door: Door }) {
  const { t } = useTranslation();
  const pin = usePinDoor(campaign.id);
  if (door.lat === null) return <>—</>;
  return (
    <NativeSelect
      aria-label={t('outreach.plan.moveLabel', { door: door.address })}
      size="xs"
      value={door.pinned && door.shiftId ? door.shiftId : ''}
      onChange={(e) => pin.mutate({ doorId: door.id, shiftId: e.currentTarget.value || null })}
      data={[
        { value: '', label: t('outreach.plan.plannerChooses') },
        ...campaign.shifts.map((s) => ({
          value: s.id,
          label: `${s.visitorName} · ${formatDate(s.day)} · ${clock(s.start)}`,
        })),
      ]}
    />
  );
}

function RoundCard({
  campaign,
  shiftId,
  index,
  canManage,
}: {
  campaign: CampaignDetail;
  shiftId: string;
  index: number;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const shift = campaign.shifts.find((s) => s.id === shiftId)!;
  const doors = campaign.doors
    .filter((d) => d.shiftId === shiftId)
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const day = new Intl.DateTimeFormat(locales[currentLanguage()], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return (
    <Card withBorder padding="sm">
      <Group gap="xs" mb="xs">
        <span className={`legend-swatch ${roundColourClass(index)}`} aria-hidden="true" />
        <Title order={3} size="h5">
          {shift.visitorName} · {day.format(new Date(`${shift.day}T12:00:00`))} · {clock(shift.start)}–
          {clock(shift.end)}
        </Title>
        <Badge variant="light">{t(`outreach.mode.${shift.mode}`)}</Badge>
      </Group>
      {doors.length === 0 ? (
        <Text size="sm">{t('outreach.plan.emptyRound')}</Text>
      ) : (
        <ol className="timeline-list">
          {doors.slice(0, 60).map((d) => (
            <li key={d.id}>
              <span className="timeline-time">{clock(d.eta)}</span>
              <span>
                {d.label}
                {d.label !== d.address ? <Text size="xs">{d.address}</Text> : null}
                {d.pinned ? (
                  <Badge size="xs" ml={4} variant="outline">
                    {t('outreach.plan.pinned')}
                  </Badge>
                ) : null}
                {d.needsReview ? (
                  <Badge size="xs" ml={4} color="red.9" variant="filled">
                    {t('outreach.plan.review')}
                  </Badge>
                ) : null}
                {d.state === 'not_home' ? (
                  <Badge size="xs" ml={4} color="indigo.9" variant="outline">
                    {t('outreach.revisits.badge', { n: d.attempts + 1, from: clock(d.windowStart) })}
                  </Badge>
                ) : null}
              </span>
              <span className="timeline-state">{t(`outreach.doorState.${d.state}`)}</span>
              {canManage ? <MoveDoor campaign={campaign} door={d} /> : null}
            </li>
          ))}
          {doors.length > 60 ? <li>{t('outreach.plan.more', { count: doors.length - 60 })}</li> : null}
        </ol>
      )}
    </Card>
  );
}

function ProgressCard({
  progress,
}: {
  campaignId: string;
  progress: ReturnType<typeof useProgress>['data'];
}) {
  const { t } = useTranslation();
  if (!progress) return <Loading />;
  const rows = [
    ...progress.byNeighbourhood,
    { ...progress.total, neighbourhoodName: t('outreach.progress.total') },
  ];
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('outreach.progress.title')}
      </Title>
      <ScrollTable label={t('outreach.progress.title')} minWidth={760}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outreach.progress.neighbourhood')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.doors')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.planned')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.visited')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.talked')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.notHome')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.needs')}</Table.Th>
              <Table.Th scope="col">{t('outreach.progress.followUpsOpen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.neighbourhoodId ?? r.neighbourhoodName}>
                <Table.Th scope="row">{r.neighbourhoodName || '—'}</Table.Th>
                <Table.Td>{r.doors}</Table.Td>
                <Table.Td>{r.planned}</Table.Td>
                <Table.Td>{r.visited}</Table.Td>
                <Table.Td>{r.talked}</Table.Td>
                <Table.Td>{r.notHome}</Table.Td>
                <Table.Td>
                  {needKinds
                    .filter((k) => (r.needs[k] ?? 0) > 0)
                    .map((k) => `${t(`outreach.need.${k}`)} ${r.needs[k]}`)
                    .join(', ') || '—'}
                </Table.Td>
                <Table.Td>{r.followUpsOpen}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}
