import { Alert, Anchor, Button, Card, List, NativeSelect, Stack, Text } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import {
  type Address,
  type duplicateCandidateSchema,
  householdRelations,
} from '../../../shared/registry.schemas.ts';

type HouseholdRelation = (typeof householdRelations)[number];

import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, fullName } from './format.ts';
import { PersonForm } from './PersonForm.tsx';
import { emptyPersonForm, type PersonFormValues, serverFormErrors, toCreateBody } from './validation.ts';

type Candidate = z.infer<typeof duplicateCandidateSchema>;

function duplicateCandidates(error: unknown): Candidate[] | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const details = error.details as { reason?: string; candidates?: Candidate[] } | undefined;
  if (details?.reason !== 'possible_duplicate' || !Array.isArray(details.candidates)) return null;
  return details.candidates;
}

/** Register a resident; warns when the person may be known already. */
export function CreatePersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [lastValues, setLastValues] = useState<PersonFormValues | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  // Opened from a household page: the new resident joins that household.
  const [params] = useSearchParams();
  const householdParam = params.get('household') ?? '';
  const householdId = /^[0-9a-f-]{36}$/i.test(householdParam) ? householdParam : null;
  const [relation, setRelation] = useState<HouseholdRelation>('child');

  // The warning appears below the form: bring it into view (it is also announced as an alert).
  useEffect(() => {
    if (candidates) warningRef.current?.scrollIntoView({ block: 'center' });
  }, [candidates]);

  const register = async (values: PersonFormValues, confirmNotDuplicate: boolean) => {
    setBusy(true);
    setFailure(null);
    setLastValues(values);
    let personId: string;
    try {
      const created = await api<{ id: string }>('/api/persons', {
        method: 'POST',
        body: {
          ...toCreateBody(values, confirmNotDuplicate),
          household: householdId ? { id: householdId, relation } : undefined,
        },
      });
      personId = created.id;
    } catch (error) {
      setBusy(false);
      const found = duplicateCandidates(error);
      if (found) {
        setCandidates(found);
        return;
      }
      setServerErrors(serverFormErrors(error));
      setFailure(error);
      return;
    }
    setCandidates(null);
    // With an address, the new resident gets a household there (the usual case at the counter).
    const a = values.address;
    if (a.street.trim() && !householdId) {
      try {
        const address = await api<Address>('/api/addresses', {
          method: 'POST',
          body: {
            street: a.street.trim(),
            houseNumber: a.houseNumber.trim(),
            box: a.box.trim() || undefined,
            postcode: a.postcode.trim(),
            municipality: a.municipality.trim(),
          },
        });
        await api('/api/households', {
          method: 'POST',
          body: {
            name: values.familyName.trim(),
            addressId: address.id,
            members: [{ personId, relation: 'reference_person' }],
          },
        });
      } catch {
        notify(t('registry.create.addressFailed'), 'error');
      }
    }
    setBusy(false);
    void queryClient.invalidateQueries({ queryKey: ['persons'] });
    notify(t('registry.create.done', { name: `${values.givenName} ${values.familyName}` }));
    navigate(householdId ? `/households/${householdId}` : `/persons/${personId}`);
  };

  return (
    <>
      <PageTitle title={t('registry.create.title')} intro={t('registry.create.intro')} />
      <Card withBorder padding="lg" maw={880}>
        <PersonForm
          initial={emptyPersonForm}
          withAddress={!householdId}
          serverErrors={serverErrors}
          submitLabel={t('registry.create.submit')}
          busy={busy && !candidates}
          onSubmit={(values) => void register(values, false)}
          onCancel={() => navigate('/residents')}
        >
          {householdId ? (
            <Stack gap="xs">
              <Text fw={600}>{t('registry.create.householdTitle')}</Text>
              <Text size="sm">{t('registry.create.householdIntro')}</Text>
              <NativeSelect
                label={t('registry.household.relation')}
                value={relation}
                onChange={(event) => setRelation(event.currentTarget.value as HouseholdRelation)}
                data={householdRelations.map((r) => ({ value: r, label: t(`registry.relations.${r}`) }))}
                maw={320}
              />
            </Stack>
          ) : null}
          <ErrorAlert error={failure} />
          {candidates && lastValues ? (
            <Alert
              ref={warningRef}
              color="indigo"
              variant="outline"
              title={t('registry.create.duplicateTitle')}
              role="alert"
            >
              <Stack gap="sm">
                <Text>{t('registry.create.duplicateIntro')}</Text>
                <List spacing="xs">
                  {candidates.map((candidate) => (
                    <List.Item key={candidate.id}>
                      <Anchor component={Link} to={`/persons/${candidate.id}`} fw={600}>
                        {fullName(candidate)}
                      </Anchor>
                      {' — '}
                      {[
                        candidate.birthDate
                          ? t('registry.create.born', { date: formatDate(candidate.birthDate) })
                          : null,
                        candidate.address,
                        t(`registry.duplicateReasons.${candidate.reason}`),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </List.Item>
                  ))}
                </List>
                <Text>{t('registry.create.duplicateQuestion')}</Text>
                <div>
                  <Button loading={busy} onClick={() => void register(lastValues, true)}>
                    {t('registry.create.registerAnyway')}
                  </Button>
                </div>
              </Stack>
            </Alert>
          ) : null}
        </PersonForm>
      </Card>
    </>
  );
}
