import { Alert, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyRounds, VisitRecord } from '../../../shared/outreach.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { useMe } from '../../app/session.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { languageName } from '../registry/format.ts';
import { DoorMap } from './DoorMap.tsx';
import { DoorstepForm } from './DoorstepForm.tsx';
import {
  addToOutbox,
  listOutbox,
  loadRounds,
  type OutboxItem,
  type SyncReport,
  saveRounds,
  syncOutbox,
} from './offlineStore.ts';
import { clock } from './outreachApi.ts';

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/**
 * The visitor's day, phone first and offline: the round is downloaded to the phone, the doors are
 * walked in order, every door's record waits in the outbox and is sent when there is a connection.
 */
export function VisitorDayPage() {
  const { t } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const [data, setData] = useState<MyRounds | null>(null);
  const [downloadedAt, setDownloadedAt] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxItem[]>([]);
  const [roundId, setRoundId] = useState<string>('');
  const [doorId, setDoorId] = useState<string | null>(null);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(locales[currentLanguage()], { timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locales[currentLanguage()], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });

  const refreshOutbox = useCallback(async () => setOutbox(await listOutbox()), []);

  const download = useCallback(async () => {
    try {
      const fresh = await api<MyRounds>('/api/outreach/my-rounds');
      const stored = { rounds: fresh, downloadedAt: new Date().toISOString() };
      await saveRounds(me.user.id, stored);
      setData(fresh);
      setDownloadedAt(stored.downloadedAt);
      setProblem(null);
    } catch (error) {
      const kept = await loadRounds(me.user.id);
      if (kept) {
        setData(kept.rounds);
        setDownloadedAt(kept.downloadedAt);
      }
      if (!(error instanceof ApiError && error.code === 'NETWORK_ERROR'))
        setProblem(t('outreach.day.downloadFailed'));
    }
  }, [me.user.id, t]);

  const send = useCallback(async () => {
    try {
      const result = await syncOutbox();
      if (!result.offline && (result.sent || result.rejected)) setReport(result);
    } catch {
      setProblem(t('outreach.day.syncFailed'));
    }
    await refreshOutbox();
  }, [refreshOutbox, t]);

  useEffect(() => {
    void download();
    void refreshOutbox();
  }, [download, refreshOutbox]);

  // Back online: send what waited, then fetch the rounds again.
  useEffect(() => {
    if (online) void send();
  }, [online, send]);

  const rounds = data?.rounds ?? [];
  // The chosen round, else the first with doors (a round the planner left empty is not the day's work).
  const round =
    rounds.find((r) => r.shiftId === roundId) ?? rounds.find((r) => r.doors.length > 0) ?? rounds[0];
  const waiting = outbox.filter((i) => i.status === 'waiting');
  const rejected = outbox.filter((i) => i.status === 'rejected');
  const recorded = new Set(outbox.map((i) => i.record.doorId));
  const door = round?.doors.find((d) => d.id === doorId);

  async function save(record: VisitRecord) {
    await addToOutbox({ record, status: 'waiting', bellName: door?.bellName ?? '' });
    setDoorId(null);
    await refreshOutbox();
    if (navigator.onLine) await send();
  }

  return (
    <>
      <PageTitle title={t('outreach.day.title')} intro={t('outreach.day.intro')} />
      <Stack gap="md">
        <Card withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={700} c={online ? 'teal.9' : 'red.9'} role="status">
              {online ? t('outreach.day.online') : t('outreach.day.offline')}
            </Text>
            <Text size="sm" aria-live="polite">
              {waiting.length === 0
                ? t('outreach.day.outboxEmpty')
                : t('outreach.day.outboxWaiting', { count: waiting.length })}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => void send()}
                disabled={!online || waiting.length === 0}
              >
                {t('outreach.day.sendNow')}
              </Button>
              <Button size="xs" variant="default" onClick={() => void download()} disabled={!online}>
                {t('outreach.day.download')}
              </Button>
            </Group>
          </Group>
          {downloadedAt ? (
            <Text size="xs" mt={4}>
              {t('outreach.day.downloadedAt', { time: time.format(new Date(downloadedAt)) })}
            </Text>
          ) : null}
        </Card>
        {report ? (
          <Alert
            color={report.rejected ? 'red' : 'indigo'}
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setReport(null)}
          >
            {t('outreach.day.synced', { count: report.sent })}
            {report.conflicts ? ` ${t('outreach.day.conflicts', { count: report.conflicts })}` : ''}
            {report.clockSkewMinutes !== null ? ` ${t('outreach.day.clockWrong')}` : ''}
          </Alert>
        ) : null}
        {problem ? (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        ) : null}
        {rejected.length ? (
          <Alert color="red" title={t('outreach.day.rejectedTitle')}>
            <ul className="plain-list">
              {rejected.map((i) => (
                <li key={i.record.clientId}>
                  {i.bellName}: {i.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {!data ? (
          <Text>{t('app.loading')}</Text>
        ) : rounds.length === 0 ? (
          <Text>{t('outreach.day.none')}</Text>
        ) : door && round ? (
          <DoorstepForm
            round={round}
            door={door}
            helpTypes={data.helpTypes}
            onSave={save}
            onCancel={() => setDoorId(null)}
          />
        ) : round ? (
          <>
            {rounds.length > 1 ? (
              <NativeSelect
                label={t('outreach.day.chooseRound')}
                value={round.shiftId}
                onChange={(e) => setRoundId(e.currentTarget.value)}
                data={rounds.map((r) => ({
                  value: r.shiftId,
                  label: `${day.format(new Date(`${r.day}T12:00:00`))} · ${r.campaignName}`,
                }))}
              />
            ) : null}
            <Card withBorder padding="sm">
              <Title order={2} size="h4">
                {round.campaignName}
              </Title>
              <Text size="sm">
                {t('outreach.day.roundTimes', {
                  day: day.format(new Date(`${round.day}T12:00:00`)),
                  start: clock(round.start),
                  end: clock(round.end),
                  count: round.doors.length,
                })}
              </Text>
            </Card>
            <ol className="door-list" aria-label={t('outreach.day.doors')}>
              {round.doors.map((d) => {
                const state = recorded.has(d.id) ? 'recorded' : d.state;
                return (
                  <li key={d.id}>
                    <button type="button" className="door-button" onClick={() => setDoorId(d.id)}>
                      <span className="door-seq">{d.seq}</span>
                      <span className="door-main">
                        <strong>{d.bellName}</strong>
                        <span>{d.address}</span>
                        <span className="door-meta">
                          {t('outreach.day.eta', { time: clock(d.eta) })}
                          {d.language ? ` · ${languageName(d.language)}` : ''}
                          {d.earlierNotHome.length ? ` · ${t('outreach.day.triedBefore')}` : ''}
                        </span>
                      </span>
                      <span className="door-state">{t(`outreach.doorState.${state}`)}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
            <DoorMap
              title={t('outreach.day.mapTitle')}
              description={t('outreach.day.mapDescription')}
              points={round.doors
                .filter((d) => d.lat !== null && d.lon !== null)
                .map((d) => ({
                  id: d.id,
                  lat: d.lat!,
                  lon: d.lon!,
                  round: 0,
                  label: `${d.seq}. ${d.address}`,
                  state: recorded.has(d.id) ? 'talked' : d.state,
                }))}
              routes={[
                {
                  round: 0,
                  path: [
                    { lat: round.startLat, lon: round.startLon },
                    ...round.doors.filter((d) => d.lat !== null).map((d) => ({ lat: d.lat!, lon: d.lon! })),
                  ],
                },
              ]}
            />
          </>
        ) : null}
      </Stack>
    </>
  );
}
