import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, languageName } from '../registry/format.ts';
import { coachingKeys, fieldErrors, localToday, usePrograms, useReferral } from './coachingApi.ts';

/** One referral for the coordinator: what the referrer told, the consent, and the intake's outcome. */
export function ReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const referral = useReferral(id);
  const programmes = usePrograms();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<'accepted' | 'waiting' | 'not_now'>('accepted');
  const [cohortId, setCohortId] = useState('');
  const [intakeOn, setIntakeOn] = useState(localToday());
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (referral.error) return <ErrorAlert error={referral.error} />;
  if (!referral.data || !programmes.data) return <Loading />;
  const r = referral.data;
  const cohorts = programmes.data.find((p) => p.id === r.programmeId)?.cohorts ?? [];
  const chosenCohort = cohortId || cohorts[0]?.id || '';
  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ reasonForFamily: 'errors.required' });
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await api(`/api/coaching/referrals/${r.id}/intake`, {
        method: 'POST',
        body: {
          outcome,
          cohortId: outcome === 'accepted' ? chosenCohort : undefined,
          intakeOn,
          reasonForFamily: reason,
          notes: notes || undefined,
        },
      });
      await queryClient.invalidateQueries({ queryKey: coachingKeys.all });
      notify(t('coaching.intake.saved'));
      navigate('/coaching');
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={`${r.parentFirstNames} ${r.familyName}`} intro={t('coaching.intake.intro')} />
      <ErrorAlert error={failure} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('coaching.intake.family')}
            </Title>
            <Text>{t('coaching.board.child', { name: r.childFirstName, count: r.childAge })}</Text>
            {r.childAge < r.programmeAges.from || r.childAge > r.programmeAges.to ? (
              <Alert color="yellow" variant="light" role="note">
                {t('coaching.intake.outsideAges', {
                  name: r.childFirstName,
                  count: r.childAge,
                  from: r.programmeAges.from,
                  to: r.programmeAges.to,
                })}
              </Alert>
            ) : null}
            <Text>
              {r.address} {r.areaName ? `(${r.areaName})` : ''}
            </Text>
            {r.phone ? <Text>{r.phone}</Text> : null}
            <Text>
              {t('coaching.intake.languages', { list: r.languages.map(languageName).join(', ') || '—' })}
            </Text>
            {r.sharedBackground ? (
              <Text>{t('coaching.intake.background', { background: r.sharedBackground })}</Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('coaching.intake.referredBy', {
                organisation: r.referrerOrganisation,
                name: r.referrerName,
                date: formatDate(r.createdAt),
              })}
            </Text>
            <Title order={3} size="h4" mt="sm">
              {t('coaching.intake.situation')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.situation}</Text>
            <Text size="xs" c="dimmed">
              {t('coaching.intake.situationPrivate')}
            </Text>
            <Group gap="xs" mt="sm">
              <Badge variant="filled" color="teal.9" tt="none">
                {t('coaching.intake.consent', {
                  method: t(`coaching.refer.${r.consent.method === 'verbal' ? 'verbal' : 'signedForm'}`),
                  date: formatDate(r.consent.on),
                })}
              </Badge>
              {r.consent.freeToRefuse ? (
                <Badge variant="filled" color="teal.9" tt="none">
                  {t('coaching.intake.freeToRefuse')}
                </Badge>
              ) : null}
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          {r.trajectoryId ? (
            <Text>{t('coaching.board.withCoach', { name: r.coachName })}</Text>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Title order={2} size="h3">
                  {t('coaching.intake.decision')}
                </Title>
                {r.status !== 'referred' ? (
                  <Text size="sm">
                    {t('coaching.intake.current', { status: t(`coaching.status.${r.status}`) })}
                  </Text>
                ) : null}
                <Radio.Group
                  label={t('coaching.intake.outcome')}
                  value={outcome}
                  onChange={(v) => setOutcome(v as typeof outcome)}
                >
                  <Stack mt="xs" gap="xs">
                    <Radio value="accepted" label={t('coaching.status.accepted')} />
                    <Radio value="waiting" label={t('coaching.status.waiting')} />
                    <Radio value="not_now" label={t('coaching.status.not_now')} />
                  </Stack>
                </Radio.Group>
                {outcome === 'accepted' ? (
                  <NativeSelect
                    label={t('coaching.intake.cohort')}
                    value={chosenCohort}
                    onChange={(e) => setCohortId(e.currentTarget.value)}
                    data={cohorts.map((c) => ({
                      value: c.id,
                      label: t('coaching.intake.cohortOption', {
                        name: c.name,
                        accepted: c.accepted,
                        size: c.size,
                      }),
                    }))}
                    error={fe('cohortId')}
                  />
                ) : null}
                <TextInput
                  type="date"
                  label={t('coaching.intake.intakeOn')}
                  value={intakeOn}
                  onChange={(e) => setIntakeOn(e.currentTarget.value)}
                  error={fe('intakeOn')}
                />
                <Textarea
                  label={t('coaching.intake.reason')}
                  description={t('coaching.intake.reasonHint')}
                  required
                  autosize
                  minRows={2}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={fe('reasonForFamily')}
                />
                <Textarea
                  label={t('coaching.intake.notes')}
                  autosize
                  minRows={2}
                  value={notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                />
                <Group>
                  <Button type="submit" loading={busy}>
                    {t('coaching.intake.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Card>
      </SimpleGrid>
    </>
  );
}
