import {
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CoachHome, coachProfileInputSchema, genders } from '../../../shared/coaching.schemas.ts';
import { languageChoices } from '../../../shared/languages.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { check, errorAt, type FieldErrors } from '../help/validation.ts';
import { languageName } from '../registry/format.ts';
import { coachingKeys } from './coachingApi.ts';
import { apiFieldErrors, numberOf, requireFilled } from './formErrors.ts';

type Profile = NonNullable<CoachHome['profile']>;

const formOf = (p: Profile) => ({
  background: p.background ?? '',
  backgroundConsent: p.background !== null,
  interests: p.interests.join(', '),
  gender: p.gender ?? '',
  areaId: p.areaId ?? '',
  maxDistanceKm: String(p.maxDistanceKm),
  hoursPerMonth: String(p.hoursPerMonth),
  availableUntil: p.availableUntil ?? '',
  capacity: String(p.capacity),
});

/** The coach views and changes their own profile: what matchmaking uses to find them a family. */
export function CoachProfileForm({ profile, areas }: { profile: Profile; areas: CoachHome['areas'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(profile));
  const [languages, setLanguages] = useState<string[]>(profile.languages);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const fe = (field: string) => {
    const key = errorAt(errors, field);
    return key ? t(key) : undefined;
  };
  const offered = languageChoices(profile.languages);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const value = {
      languages,
      background: form.backgroundConsent && form.background.trim() ? form.background : undefined,
      backgroundConsent: form.backgroundConsent,
      interests: form.interests
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean),
      gender: form.gender || undefined,
      areaId: form.areaId,
      maxDistanceKm: numberOf(form.maxDistanceKm),
      hoursPerMonth: numberOf(form.hoursPerMonth),
      availableUntil: form.availableUntil || undefined,
      capacity: numberOf(form.capacity),
    };
    const { data, errors: found } = check(coachProfileInputSchema, value);
    const local = requireFilled(found, {
      areaId: form.areaId,
      maxDistanceKm: form.maxDistanceKm,
      hoursPerMonth: form.hoursPerMonth,
      capacity: form.capacity,
    });
    if (local.languages) local.languages = 'coaching.profile.languagesRequired';
    if (form.background.trim() && !form.backgroundConsent)
      local.backgroundConsent = 'coaching.profile.consentNeeded';
    setErrors(local);
    if (!data || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const saved = await api<Profile>('/api/coaching/me/profile', { method: 'PUT', body: data });
      setForm(formOf(saved));
      setLanguages(saved.languages);
      notify(t('coaching.profile.saved'));
      await queryClient.invalidateQueries({ queryKey: coachingKeys.me });
    } catch (error) {
      const fields = apiFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" mt="xl" component="section" aria-labelledby="coach-profile">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id="coach-profile">
            {t('coaching.profile.title')}
          </Title>
          <Text size="sm">{t('coaching.profile.intro')}</Text>
          <ErrorAlert error={failure} />
          <Checkbox.Group
            label={t('coaching.profile.languages')}
            description={t('coaching.profile.languagesHint')}
            value={languages}
            onChange={setLanguages}
            error={fe('languages')}
            required
          >
            <SimpleGrid cols={{ base: 2, xs: 3, sm: 4 }} mt="xs" spacing="xs">
              {offered.map((code) => (
                <Checkbox key={code} value={code} label={languageName(code)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TextInput
            label={t('coaching.profile.interests')}
            description={t('coaching.profile.interestsHint')}
            value={form.interests}
            onChange={(e) => set({ interests: e.currentTarget.value })}
            error={fe('interests')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('coaching.profile.area')}
              value={form.areaId}
              onChange={(e) => set({ areaId: e.currentTarget.value })}
              data={[
                { value: '', label: t('coaching.profile.chooseArea') },
                ...areas.map((a) => ({ value: a.id, label: a.name })),
              ]}
              error={fe('areaId')}
              required
            />
            <TextInput
              type="number"
              inputMode="decimal"
              min={0.5}
              max={50}
              step={0.5}
              label={t('coaching.profile.distance')}
              description={t('coaching.profile.distanceHint')}
              value={form.maxDistanceKm}
              onChange={(e) => set({ maxDistanceKm: e.currentTarget.value })}
              error={fe('maxDistanceKm')}
              required
            />
            <TextInput
              type="number"
              inputMode="numeric"
              min={1}
              max={80}
              label={t('coaching.profile.hours')}
              value={form.hoursPerMonth}
              onChange={(e) => set({ hoursPerMonth: e.currentTarget.value })}
              error={fe('hoursPerMonth')}
              required
            />
            <NativeSelect
              label={t('coaching.profile.capacity')}
              description={t('coaching.profile.capacityHint')}
              value={form.capacity}
              onChange={(e) => set({ capacity: e.currentTarget.value })}
              data={['1', '2', '3']}
              error={fe('capacity')}
              required
            />
            <TextInput
              type="date"
              label={t('coaching.profile.availableUntil')}
              description={t('coaching.profile.availableUntilHint')}
              value={form.availableUntil}
              onChange={(e) => set({ availableUntil: e.currentTarget.value })}
              error={fe('availableUntil')}
            />
            <NativeSelect
              label={t('coaching.profile.gender')}
              description={t('coaching.profile.genderHint')}
              value={form.gender}
              onChange={(e) => set({ gender: e.currentTarget.value })}
              data={[
                { value: '', label: t('coaching.profile.genderNone') },
                ...genders.map((g) => ({ value: g, label: t(`coaching.profile.genders.${g}`) })),
              ]}
              error={fe('gender')}
            />
          </SimpleGrid>
          <Stack gap="xs">
            <Text size="sm">{t('coaching.profile.backgroundExplain')}</Text>
            <TextInput
              label={t('coaching.profile.background')}
              value={form.background}
              onChange={(e) => set({ background: e.currentTarget.value })}
              error={fe('background')}
            />
            <Checkbox
              label={t('coaching.profile.backgroundConsent')}
              checked={form.backgroundConsent}
              onChange={(e) => set({ backgroundConsent: e.currentTarget.checked })}
              error={fe('backgroundConsent')}
            />
          </Stack>
          <Group>
            <Button type="submit" loading={busy}>
              {t('coaching.profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
