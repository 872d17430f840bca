import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { committeeDecisions, type Meeting } from '../../../shared/signals.schemas.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../registry/format.ts';
import { decideItem, fetchMeeting, signalKeys } from './signalsApi.ts';

function DecisionForm({ item, onDone }: { item: Meeting['items'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<string>(committeeDecisions[0]);
  const [unanimous, setUnanimous] = useState(true);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      decideItem(item.id, { decision, unanimous, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => {
      notify(t('signals.committee.saved'));
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <ErrorAlert error={save.error} />
      <Stack gap="xs">
        <NativeSelect
          label={t('signals.committee.decision')}
          value={decision}
          onChange={(e) => setDecision(e.currentTarget.value)}
          data={committeeDecisions.map((value) => ({ value, label: t(`signals.value.${value}`) }))}
        />
        <Checkbox
          label={t('signals.committee.unanimous')}
          checked={unanimous}
          onChange={(e) => setUnanimous(e.currentTarget.checked)}
        />
        <Textarea
          label={t('signals.case.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={1}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('signals.committee.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One meeting: the agenda, a decision per request, the minutes as a printable page. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const meeting = useQuery({ queryKey: signalKeys.meeting(id), queryFn: () => fetchMeeting(id) });
  if (meeting.isPending) return <Loading />;
  if (meeting.error || !meeting.data) return <ErrorAlert error={meeting.error} />;
  const m = meeting.data;
  return (
    <>
      <PageTitle
        title={t('signals.committee.meetingTitle', { date: formatDate(m.meetsOn) })}
        intro={m.location ?? undefined}
        actions={
          <Button
            component="a"
            href={`/api/signals/committee/meetings/${m.id}/minutes.html`}
            target="_blank"
            variant="default"
          >
            {t('signals.committee.minutes')}
          </Button>
        }
      />
      {m.items.length === 0 ? <Text>{t('signals.committee.emptyAgenda')}</Text> : null}
      <Stack gap="md" maw={900}>
        {m.items.map((item, index) => (
          <Card key={item.id} withBorder padding="md" component="section" aria-labelledby={`item-${item.id}`}>
            <Title order={2} size="h4" id={`item-${item.id}`}>
              {index + 1}. {item.householdName}
            </Title>
            <Text mb="xs">
              {t(`signals.value.${item.request}`)}
              {item.requestedDate ? ` · ${formatDate(item.requestedDate)}` : ''}
              {' · '}
              <Anchor component={Link} to={`/signals/cases/${item.caseId}`}>
                {t('signals.committee.openCase')}
              </Anchor>
            </Text>
            {item.note ? (
              <Text size="sm" mb="xs">
                {item.note}
              </Text>
            ) : null}
            {item.winterBan ? (
              <Text c="red.9" fw={600} mb="sm">
                {t('common.labelled', {
                  label: t('signals.case.winterTitle'),
                  value: t('signals.case.winterBody'),
                })}
              </Text>
            ) : null}
            {item.decision ? (
              <Text fw={600}>
                {t('signals.committee.decided', {
                  decision: t(`signals.value.${item.decision}`),
                  how: item.unanimous
                    ? t('signals.committee.unanimously')
                    : t('signals.committee.byMajority'),
                })}
              </Text>
            ) : (
              <DecisionForm
                item={item}
                onDone={() => void queryClient.invalidateQueries({ queryKey: signalKeys.all })}
              />
            )}
          </Card>
        ))}
      </Stack>
    </>
  );
}
