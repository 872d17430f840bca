import { Alert, Anchor, Badge, Button, Card, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PersonDetail, PersonSummary } from '../../../shared/registry.schemas.ts';
import { api } from '../../api.ts';
import { useCan } from '../../app/session.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ConsentsCard } from './ConsentsCard.tsx';
import { ContactMomentDialog } from './ContactMomentDialog.tsx';
import { formatDate, fullName, languageName } from './format.ts';
import { RecordUnavailable } from './NotFoundRecord.tsx';
import { PersonForm } from './PersonForm.tsx';
import { PurposeGate, PurposeNote } from './PurposeGate.tsx';
import type { ReadPurpose } from './purpose.ts';
import { HoldList, RightsCard } from './RightsCard.tsx';
import { fetchPerson, registryKeys } from './registryApi.ts';
import { Timeline } from './Timeline.tsx';
import {
  type ContactKind,
  emptyPersonForm,
  fromIsoDate,
  type PersonFormValues,
  serverFormErrors,
  toPatchBody,
} from './validation.ts';

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <PurposeGate title={t('registry.person.title')}>
      {(purpose, change) => <PersonRecord key={id} id={id} purpose={purpose} onChangePurpose={change} />}
    </PurposeGate>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="record-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PersonRecord({
  id,
  purpose,
  onChangePurpose,
}: {
  id: string;
  purpose: ReadPurpose;
  onChangePurpose: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const canRecordContact = useCan('timeline.write');
  const detail = useQuery({
    queryKey: registryKeys.person(id, purpose),
    queryFn: ({ signal }) => fetchPerson(id, purpose, signal),
  });

  if (detail.isPending) {
    return (
      <>
        <PageTitle title={t('registry.person.title')} />
        <Loading />
      </>
    );
  }
  if (detail.error)
    return <RecordUnavailable error={detail.error} kind="person" onChangePurpose={onChangePurpose} />;

  const { person, households, consents, timeline, legalHolds } = detail.data;
  const name = person.anonymised ? t('registry.person.anonymisedName') : fullName(person);
  const unknown = t('registry.unknown');

  return (
    <>
      <PageTitle
        title={name}
        actions={
          person.anonymised ? (
            <Badge size="lg" variant="light" color="gray" tt="none">
              {t('registry.person.anonymisedBadge')}
            </Badge>
          ) : null
        }
      />
      <PurposeNote purpose={purpose} onChange={onChangePurpose} />
      {person.anonymised ? (
        <Alert color="gray" variant="light" mb="md" title={t('registry.person.anonymisedTitle')}>
          {t('registry.person.anonymisedBody')}
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="md" component="section" aria-labelledby="record-title">
              <Title order={2} size="h4" id="record-title" mb="sm">
                {t('registry.person.recordTitle')}
              </Title>
              <dl className="record">
                {person.otherNames ? (
                  <Field label={t('registry.form.otherNames')}>{person.otherNames}</Field>
                ) : null}
                <Field label={t('registry.person.birthDate')}>
                  {person.birthDate
                    ? `${formatDate(person.birthDate)}${person.age !== null ? ` (${t('registry.person.age', { count: person.age })})` : ''}`
                    : unknown}
                </Field>
                <Field label={t('registry.form.languages')}>
                  {person.languages.length ? person.languages.map(languageName).join(', ') : unknown}
                </Field>
                <Field label={t('registry.form.preferredLanguage')}>
                  {person.preferredLanguage ? languageName(person.preferredLanguage) : unknown}
                </Field>
                <Field label={t('registry.person.contacts')}>
                  {person.contacts.length ? (
                    <ul className="plain-list">
                      {person.contacts.map((contact) => (
                        <li key={`${contact.channel}-${contact.value}`}>
                          {t(`registry.channels.${contact.channel}`)}: {contact.value}
                          {contact.label ? ` (${contact.label})` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t('registry.person.noContacts')
                  )}
                </Field>
                <Field label={t('registry.form.contactPreferences')}>
                  {person.contactPreferences.length
                    ? person.contactPreferences.map((c) => t(`registry.channels.${c}`)).join(', ')
                    : unknown}
                </Field>
                <Field label={t('registry.form.nationalNumber')}>
                  {person.hasNationalNumber
                    ? t('registry.person.nationalNumberKept')
                    : t('registry.person.nationalNumberNone')}
                </Field>
                <Field label={t('registry.person.address')}>{person.address ?? unknown}</Field>
                <Field label={t('registry.person.neighbourhood')}>
                  {person.neighbourhoodName ?? unknown}
                </Field>
              </dl>
            </Card>

            <Card withBorder padding="md" component="section" aria-labelledby="households-title">
              <Title order={2} size="h4" id="households-title" mb="sm">
                {t('registry.person.householdsTitle')}
              </Title>
              {households.length === 0 ? (
                <Text>{t('registry.person.noHouseholds')}</Text>
              ) : (
                <List spacing="xs">
                  {households.map((h) => (
                    <List.Item key={h.householdId}>
                      <Anchor component={Link} to={`/households/${h.householdId}`} fw={600}>
                        {t('registry.person.householdLink', { name: h.householdName })}
                      </Anchor>{' '}
                      ({t(`registry.relations.${h.relation}`)})
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>

            <ConsentsCard personId={person.id} consents={consents} />

            <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
              <Group justify="space-between" mb="sm" wrap="wrap">
                <Title order={2} size="h4" id="timeline-title">
                  {t('registry.timeline.title')}
                </Title>
                {canRecordContact && !person.anonymised ? (
                  <Button size="xs" variant="light" onClick={() => setRecording(true)}>
                    {t('registry.contactMoment.record')}
                  </Button>
                ) : null}
              </Group>
              <Timeline entries={timeline} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <RightsCard
              personId={person.id}
              name={name}
              anonymised={person.anonymised}
              onRectify={() => setEditing(true)}
            />
            <Card withBorder padding="md" component="section" aria-labelledby="holds-title">
              <Title order={2} size="h4" id="holds-title" mb="sm">
                {t('registry.holds.title')}
              </Title>
              {legalHolds.length === 0 ? (
                <Text>{t('registry.holds.none')}</Text>
              ) : (
                <>
                  <Text size="sm" mb="xs">
                    {t('registry.holds.intro')}
                  </Text>
                  <HoldList holds={legalHolds} />
                </>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {recording ? <ContactMomentDialog personId={id} onClose={() => setRecording(false)} /> : null}
      {editing ? <RectifyDialog person={detail.data.person} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function formValuesOf(person: PersonDetail['person']): PersonFormValues {
  return {
    ...emptyPersonForm,
    givenName: person.givenName,
    familyName: person.familyName,
    otherNames: person.otherNames ?? '',
    birthDate: fromIsoDate(person.birthDate),
    languages: person.languages,
    preferredLanguage: person.preferredLanguage ?? '',
    contacts: person.contacts.map((c) => ({
      channel: (['phone', 'sms', 'email'].includes(c.channel) ? c.channel : 'phone') as ContactKind,
      value: c.value,
      label: c.label ?? '',
    })),
    contactPreferences: person.contactPreferences,
  };
}

/** Rectification: the resident (or staff on their behalf) corrects what is wrong. */
function RectifyDialog({ person, onClose }: { person: PersonDetail['person']; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = useMemo(() => formValuesOf(person), [person]);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const save = useMutation({
    mutationFn: (values: PersonFormValues) =>
      api<PersonSummary>(`/api/persons/${person.id}`, {
        method: 'PATCH',
        body: toPatchBody(values, initial),
      }),
    onSuccess: () => {
      notify(t('registry.rectify.done'));
      void queryClient.invalidateQueries({ queryKey: registryKeys.personAll(person.id) });
      onClose();
    },
    onError: (error) => setServerErrors(serverFormErrors(error)),
  });
  return (
    <Dialog opened onClose={onClose} title={t('registry.rectify.title')} size="xl">
      <PersonForm
        initial={initial}
        withAddress={false}
        serverErrors={serverErrors}
        hasNationalNumber={person.hasNationalNumber}
        submitLabel={t('registry.rectify.submit')}
        busy={save.isPending}
        onSubmit={(values) => {
          if (Object.keys(toPatchBody(values, initial)).length === 0) {
            onClose();
            return;
          }
          save.mutate(values);
        }}
        onCancel={onClose}
      >
        <ErrorAlert error={save.error} />
      </PersonForm>
    </Dialog>
  );
}
