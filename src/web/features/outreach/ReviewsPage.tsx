import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReviewDoor, ReviewVisit } from '../../../shared/outreach.schemas.ts';
import { needKinds, visitOutcomes } from '../../../shared/outreach.schemas.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { useCampaign, useResolveDoor, useReviews } from './outreachApi.ts';
import { RefusedAlert } from './RefusedAlert.tsx';

/**
 * Doors two visitors recorded: every record side by side, and the coordinator settles what
 * happened there by keeping one record or putting the outcome and needs together.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const reviews = useReviews(id);
  const [settled, setSettled] = useState<string | null>(null);

  if (reviews.error) return <ErrorAlert error={reviews.error} />;
  if (!reviews.data) return <Loading />;
  return (
    <>
      <PageTitle title={t('outreach.review.title')} intro={t('outreach.review.intro')} />
      <Stack gap="md">
        <Anchor component={Link} to={`/outreach/campaigns/${id}`}>
          {t('outreach.edit.backTo', { name: campaign.data?.name ?? '' })}
        </Anchor>
        {settled ? (
          <Alert
            color="indigo"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setSettled(null)}
          >
            {t('outreach.review.settled', { door: settled })}
          </Alert>
        ) : null}
        {reviews.data.length === 0 ? <Text>{t('outreach.review.none')}</Text> : null}
        {reviews.data.map((door) => (
          <ReviewCard key={door.doorId} door={door} onSettled={() => setSettled(door.address)} />
        ))}
      </Stack>
    </>
  );
}

function ReviewCard({ door, onSettled }: { door: ReviewDoor; onSettled: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveDoor();
  const outcomes = visitOutcomes.filter((o) => door.visits.some((v) => v.outcome === o));
  const heard = [...new Set(door.visits.flatMap((v) => v.needs))];
  const [outcome, setOutcome] = useState<string>(outcomes.at(-1) ?? '');
  const [needs, setNeeds] = useState<string[]>(heard);
  const [note, setNote] = useState('');
  const headingId = `review-${door.doorId}`;

  const settle = (input: Parameters<typeof resolve.mutate>[0]['input']) =>
    resolve.mutate({ doorId: door.doorId, input }, { onSuccess: onSettled });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {door.label}
          </Title>
          <Text size="sm">{door.address}</Text>
          <Text size="sm">
            {t('outreach.review.nowShown', { state: t(`outreach.doorState.${door.state}`) })}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {door.visits.map((visit, index) => (
            <VisitCard
              key={visit.id}
              visit={visit}
              index={index}
              onKeep={() =>
                settle({ choice: 'visit', visitId: visit.id, ...(note.trim() ? { note: note.trim() } : {}) })
              }
              busy={resolve.isPending}
            />
          ))}
        </SimpleGrid>
        <fieldset className="plain-fieldset">
          <legend>{t('outreach.review.mergeTitle')}</legend>
          <Stack gap="xs">
            <Text size="sm">{t('outreach.review.mergeHelp')}</Text>
            <Radio.Group label={t('outreach.review.outcome')} value={outcome} onChange={setOutcome}>
              <Group gap="md" mt="xs">
                {outcomes.map((o) => (
                  <Radio key={o} value={o} label={t(`outreach.outcome.${o}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox.Group label={t('outreach.review.needs')} value={needs} onChange={setNeeds}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
                {needKinds.map((k) => (
                  <Checkbox key={k} value={k} label={t(`outreach.need.${k}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Textarea
              label={t('outreach.review.note')}
              description={t('outreach.review.noteHelp')}
              autosize
              minRows={1}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="default"
                loading={resolve.isPending}
                onClick={() =>
                  settle({
                    choice: 'merge',
                    outcome: outcome as ReviewVisit['outcome'],
                    needs: needs as (typeof needKinds)[number][],
                    ...(note.trim() ? { note: note.trim() } : {}),
                  })
                }
              >
                {t('outreach.review.merge')}
              </Button>
            </Group>
          </Stack>
        </fieldset>
        <RefusedAlert error={resolve.error} />
      </Stack>
    </Card>
  );
}

function VisitCard({
  visit,
  index,
  onKeep,
  busy,
}: {
  visit: ReviewVisit;
  index: number;
  onKeep: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(locales[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <Card withBorder padding="sm" bg="gray.0">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between">
          <Title order={3} size="h5">
            {t('outreach.review.record', { n: index + 1, visitor: visit.visitorName })}
          </Title>
          {visit.conflict ? (
            <Badge color="red.9" variant="filled">
              {t('outreach.review.conflict')}
            </Badge>
          ) : null}
        </Group>
        <Text fw={700}>{t(`outreach.outcome.${visit.outcome}`)}</Text>
        <dl className="plain-dl">
          <dt>{t('outreach.review.received')}</dt>
          <dd>{when.format(new Date(visit.receivedAt))}</dd>
          {visit.retryHint ? (
            <>
              <dt>{t('outreach.doorstep.retryHint')}</dt>
              <dd>{visit.retryHint}</dd>
            </>
          ) : null}
          <dt>{t('outreach.review.needs')}</dt>
          <dd>{visit.needs.map((n) => t(`outreach.need.${n}`)).join(', ') || '—'}</dd>
          {visit.followUps.length ? (
            <>
              <dt>{t('outreach.doorstep.followUps')}</dt>
              <dd>
                {visit.followUps
                  .map(
                    (f) =>
                      `${t(`outreach.followUp.${f.kind}`)} (${
                        f.consent ? t('outreach.review.consent') : t('outreach.review.noConsent')
                      })`,
                  )
                  .join(', ')}
              </dd>
            </>
          ) : null}
          {visit.note ? (
            <>
              <dt>{t('outreach.doorstep.note')}</dt>
              <dd>{visit.note}</dd>
            </>
          ) : null}
        </dl>
        <Group>
          <Button
            size="xs"
            h="auto"
            py={6}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
            onClick={onKeep}
            loading={busy}
          >
            {t('outreach.review.keep', { visitor: visit.visitorName })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
