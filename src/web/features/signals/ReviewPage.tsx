import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { formatDate } from '../registry/format.ts';
import { decideReview, fetchReview, signalKeys } from './signalsApi.ts';

/** Signals whose household is uncertain: staff choose one of the suggestions, or none. */
export function ReviewPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const review = useQuery({ queryKey: signalKeys.review, queryFn: fetchReview });
  const decide = useMutation({
    mutationFn: ({ signalId, householdId }: { signalId: string; householdId: string | null }) =>
      decideReview(signalId, householdId),
    onSuccess: () => {
      notify(t('signals.review.saved'));
      void queryClient.invalidateQueries({ queryKey: signalKeys.all });
    },
  });
  return (
    <>
      <PageTitle title={t('signals.review.title')} intro={t('signals.review.intro')} />
      <ErrorAlert error={review.error ?? decide.error} />
      {review.isPending ? <Loading /> : null}
      {review.data && review.data.length === 0 ? <Text>{t('signals.review.empty')}</Text> : null}
      <Stack gap="md" maw={960}>
        {review.data?.map((item) => (
          <Card
            key={item.signalId}
            withBorder
            padding="md"
            component="section"
            aria-labelledby={`r-${item.signalId}`}
          >
            <Title order={2} size="h4" id={`r-${item.signalId}`}>
              {item.name}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('signals.review.from', {
                partner: item.partnerName,
                kind: t(`signals.kind.${item.kind}`),
                when: formatDateTime(item.receivedAt),
              })}
            </Text>
            <Text mb="xs">
              {item.address}
              {item.birthDate ? ` · ${t('signals.review.born', { date: formatDate(item.birthDate) })}` : ''}
            </Text>
            <Title order={3} size="h5" mt="sm" mb="xs">
              {t('signals.review.suggestions')}
            </Title>
            <Stack gap="xs">
              {item.candidates.map((candidate) => (
                <Group key={candidate.householdId} justify="space-between" wrap="wrap">
                  <div>
                    <Text fw={600}>{candidate.householdName}</Text>
                    <Text size="sm">
                      {candidate.address} · {t(`signals.review.reason.${candidate.reason}`)}{' '}
                      <Badge color="indigo.8" variant="filled">
                        {t('signals.review.confidence', { percent: Math.round(candidate.confidence * 100) })}
                      </Badge>
                    </Text>
                  </div>
                  <Button
                    onClick={() =>
                      decide.mutate({ signalId: item.signalId, householdId: candidate.householdId })
                    }
                    loading={decide.isPending}
                    aria-label={t('signals.review.linkTo', {
                      household: candidate.householdName,
                      name: item.name,
                    })}
                  >
                    {t('signals.review.link')}
                  </Button>
                </Group>
              ))}
            </Stack>
            <Group mt="md">
              <Button
                variant="default"
                onClick={() => decide.mutate({ signalId: item.signalId, householdId: null })}
                loading={decide.isPending}
              >
                {t('signals.review.none')}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}
