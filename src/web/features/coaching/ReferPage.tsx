import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { referrerKinds } from '../../../shared/coaching.schemas.ts';
import { languageChoices } from '../../../shared/languages.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { languageName } from '../registry/format.ts';
import { coachingKeys, fieldErrors, localToday, useReferOptions } from './coachingApi.ts';

const empty = {
  programmeId: '',
  referrerKind: 'kindergarten' as (typeof referrerKinds)[number],
  referrerOrganisation: '',
  parentFirstNames: '',
  familyName: '',
  childFirstName: '',
  childBirthDate: '',
  street: '',
  houseNumber: '',
  postcode: '3600',
  areaId: '',
  phone: '',
  sharedBackground: '',
  genderPreference: '',
  situation: '',
  consentGiven: false,
  consentFreeToRefuse: false,
  consentMethod: 'signed_form' as 'signed_form' | 'verbal',
  consentOn: localToday(),
};

/** A referrer proposes a family, in a short form, with the family's consent. */
export function ReferPage() {
  const { t } = useTranslation();
  const options = useReferOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(empty);
  const [languages, setLanguages] = useState<string[]>([]);
  const [wantsBackground, setWantsBackground] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (options.error) return <ErrorAlert error={options.error} />;
  if (!options.data) return <Loading />;
  const programmeId = form.programmeId || options.data.programmes[0]?.id || '';
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const fe = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    for (const field of [
      'referrerOrganisation',
      'parentFirstNames',
      'familyName',
      'childFirstName',
      'childBirthDate',
      'street',
      'houseNumber',
      'areaId',
      'situation',
    ] as const) {
      if (!form[field].trim()) local[field] = 'errors.required';
    }
    if (!form.consentGiven) local.consentGiven = 'coaching.fieldErrors.consent';
    if (!form.consentFreeToRefuse) local.consentFreeToRefuse = 'coaching.fieldErrors.consent';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await api('/api/coaching/refer', {
        method: 'POST',
        body: {
          ...form,
          programmeId,
          phone: form.phone || undefined,
          sharedBackground: wantsBackground && form.sharedBackground ? form.sharedBackground : undefined,
          genderPreference: form.genderPreference || undefined,
          languages,
          interests: [],
        },
      });
      await queryClient.invalidateQueries({ queryKey: coachingKeys.mine });
      notify(t('coaching.refer.sent', { name: form.familyName }));
      navigate('/coaching/my-referrals');
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
      <PageTitle title={t('coaching.refer.title')} intro={t('coaching.refer.intro')} />
      <ErrorAlert error={failure} />
      {Object.keys(errors).length > 0 ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          {t('errors.VALIDATION_FAILED')}
        </Alert>
      ) : null}
      <Card withBorder padding="md" maw={760}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {options.data.programmes.length > 1 ? (
              <NativeSelect
                label={t('coaching.refer.programme')}
                value={programmeId}
                onChange={(e) => set({ programmeId: e.currentTarget.value })}
                data={options.data.programmes.map((p) => ({ value: p.id, label: p.name }))}
              />
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('coaching.refer.referrerKind')}
                value={form.referrerKind}
                onChange={(e) => set({ referrerKind: e.currentTarget.value as typeof form.referrerKind })}
                data={referrerKinds.map((k) => ({ value: k, label: t(`coaching.referrerKinds.${k}`) }))}
              />
              <TextInput
                label={t('coaching.refer.organisation')}
                required
                value={form.referrerOrganisation}
                onChange={(e) => set({ referrerOrganisation: e.currentTarget.value })}
                error={fe('referrerOrganisation')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('coaching.refer.parentFirstNames')}
                description={t('coaching.refer.parentFirstNamesHint')}
                required
                value={form.parentFirstNames}
                onChange={(e) => set({ parentFirstNames: e.currentTarget.value })}
                error={fe('parentFirstNames')}
              />
              <TextInput
                label={t('coaching.refer.familyName')}
                required
                value={form.familyName}
                onChange={(e) => set({ familyName: e.currentTarget.value })}
                error={fe('familyName')}
              />
              <TextInput
                label={t('coaching.refer.childFirstName')}
                required
                value={form.childFirstName}
                onChange={(e) => set({ childFirstName: e.currentTarget.value })}
                error={fe('childFirstName')}
              />
              <TextInput
                type="date"
                label={t('coaching.refer.childBirthDate')}
                required
                value={form.childBirthDate}
                onChange={(e) => set({ childBirthDate: e.currentTarget.value })}
                error={fe('childBirthDate')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('coaching.refer.street')}
                required
                value={form.street}
                onChange={(e) => set({ street: e.currentTarget.value })}
                error={fe('street')}
              />
              <TextInput
                label={t('coaching.refer.houseNumber')}
                required
                value={form.houseNumber}
                onChange={(e) => set({ houseNumber: e.currentTarget.value })}
                error={fe('houseNumber')}
              />
              <TextInput
                label={t('coaching.refer.postcode')}
                required
                inputMode="numeric"
                value={form.postcode}
                onChange={(e) => set({ postcode: e.currentTarget.value })}
                error={fe('postcode')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('coaching.refer.area')}
                required
                value={form.areaId}
                onChange={(e) => set({ areaId: e.currentTarget.value })}
                data={[
                  { value: '', label: t('coaching.refer.chooseArea') },
                  ...options.data.areas.map((a) => ({ value: a.id, label: a.name })),
                ]}
                error={fe('areaId')}
              />
              <TextInput
                type="tel"
                label={t('coaching.refer.phone')}
                value={form.phone}
                onChange={(e) => set({ phone: e.currentTarget.value })}
                error={fe('phone')}
              />
            </SimpleGrid>
            <Checkbox.Group
              label={t('coaching.refer.languages')}
              description={t('coaching.refer.languagesHint')}
              value={languages}
              onChange={setLanguages}
            >
              <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" spacing="xs">
                {languageChoices(languages).map((code) => (
                  <Checkbox key={code} value={code} label={languageName(code)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox
              label={t('coaching.refer.wantsBackground')}
              description={t('coaching.refer.wantsBackgroundHint')}
              checked={wantsBackground}
              onChange={(e) => setWantsBackground(e.currentTarget.checked)}
            />
            {wantsBackground ? (
              <TextInput
                label={t('coaching.refer.background')}
                value={form.sharedBackground}
                onChange={(e) => set({ sharedBackground: e.currentTarget.value })}
              />
            ) : null}
            <NativeSelect
              label={t('coaching.refer.genderPreference')}
              value={form.genderPreference}
              onChange={(e) => set({ genderPreference: e.currentTarget.value })}
              data={[
                { value: '', label: t('coaching.refer.noPreference') },
                { value: 'female', label: t('coaching.gender.female') },
                { value: 'male', label: t('coaching.gender.male') },
              ]}
            />
            <Textarea
              label={t('coaching.refer.situation')}
              description={t('coaching.refer.situationHint')}
              required
              autosize
              minRows={3}
              value={form.situation}
              onChange={(e) => set({ situation: e.currentTarget.value })}
              error={fe('situation')}
            />
            <Card withBorder padding="sm" bg="gray.0">
              <Stack gap="sm">
                <Checkbox
                  label={t('coaching.refer.consentGiven')}
                  checked={form.consentGiven}
                  onChange={(e) => set({ consentGiven: e.currentTarget.checked })}
                  error={fe('consentGiven')}
                />
                <Checkbox
                  label={t('coaching.refer.consentFree')}
                  checked={form.consentFreeToRefuse}
                  onChange={(e) => set({ consentFreeToRefuse: e.currentTarget.checked })}
                  error={fe('consentFreeToRefuse')}
                />
                <Radio.Group
                  label={t('coaching.refer.consentMethod')}
                  value={form.consentMethod}
                  onChange={(v) => set({ consentMethod: v as typeof form.consentMethod })}
                >
                  <Group mt="xs">
                    <Radio value="signed_form" label={t('coaching.refer.signedForm')} />
                    <Radio value="verbal" label={t('coaching.refer.verbal')} />
                  </Group>
                </Radio.Group>
                <TextInput
                  type="date"
                  label={t('coaching.refer.consentOn')}
                  value={form.consentOn}
                  onChange={(e) => set({ consentOn: e.currentTarget.value })}
                  error={fe('consentOn')}
                />
              </Stack>
            </Card>
            <Group>
              <Button type="submit" loading={busy}>
                {t('coaching.refer.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
