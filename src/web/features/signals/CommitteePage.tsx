import { Anchor, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../registry/format.ts';
import { createMeeting, fetchMeetings, signalKeys } from './signalsApi.ts';

/** Meetings of the local advisory committee; a new one takes every request awaiting a decision. */
export function CommitteePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meetings = useQuery({ queryKey: signalKeys.meetings, queryFn: fetchMeetings });
  const [meetsOn, setMeetsOn] = useState('');
  const [location, setLocation] = useState('');
  const [tried, setTried] = useState(false);
  const create = useMutation({
    mutationFn: () => createMeeting(meetsOn, location),
    onSuccess: ({ id }) => {
      void queryClient.invalidateQueries({ queryKey: signalKeys.all });
      void navigate(`/signals/committee/${id}`);
    },
  });
  return (
    <>
      <PageTitle title={t('signals.committee.title')} intro={t('signals.committee.intro')} />
      <ErrorAlert error={meetings.error ?? create.error} />
      <Stack gap="lg" maw={800}>
        <Card
          withBorder
          padding="md"
          component="form"
          aria-labelledby="plan-title"
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (meetsOn) create.mutate();
          }}
        >
          <Title order={2} size="h4" id="plan-title" mb="xs">
            {t('signals.committee.plan')}
          </Title>
          {meetings.data ? (
            <Text mb="sm">{t('signals.committee.awaiting', { n: meetings.data.awaiting })}</Text>
          ) : null}
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('signals.committee.date')}
              value={meetsOn}
              onChange={(e) => setMeetsOn(e.currentTarget.value)}
              error={tried && !meetsOn ? t('signals.committee.dateMissing') : undefined}
              required
            />
            <TextInput
              label={t('signals.committee.location')}
              value={location}
              onChange={(e) => setLocation(e.currentTarget.value)}
              maxLength={200}
            />
            <Button type="submit" loading={create.isPending}>
              {t('signals.committee.create')}
            </Button>
          </Group>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="meetings-title">
          <Title order={2} size="h4" id="meetings-title" mb="xs">
            {t('signals.committee.meetings')}
          </Title>
          {meetings.data && meetings.data.meetings.length === 0 ? (
            <Text>{t('signals.committee.none')}</Text>
          ) : null}
          <List>
            {meetings.data?.meetings.map((m) => (
              <List.Item key={m.id}>
                <Anchor component={Link} to={`/signals/committee/${m.id}`}>
                  {formatDate(m.meetsOn)}
                  {m.location ? ` · ${m.location}` : ''}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Card>
      </Stack>
    </>
  );
}
