import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  commitments,
  transportMeans,
  type VolunteerView,
  volunteerProfileInputSchema,
} from '../../../shared/help.schemas.ts';
import { languageChoices } from '../../../shared/languages.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { focusFirstError } from '../../components/focusFirstError.ts';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { languageName } from '../registry/format.ts';
import { clock } from './format.ts';
import { helpKeys, useCatalogue, useVolunteerHome } from './helpApi.ts';
import { type SlotForm, SlotsEditor, toSlots } from './TimingFields.tsx';
import { check, errorAt, type FieldErrors, serverErrors } from './validation.ts';

interface ProfileForm {
  phone: string;
  helpTypes: string[];
  languages: string[];
  homeAreaId: string;
  maxDistanceKm: number | string;
  commitment: (typeof commitments)[number];
  slots: SlotForm[];
  away: { from: string; to: string }[];
  means: string[];
  capacity: number | string;
  wantsCoaching: boolean;
}

function fromProfile(p: VolunteerView | null): ProfileForm {
  return {
    phone: p?.phone ?? '',
    helpTypes: p?.helpTypes ?? [],
    languages: p?.languages.length ? p.languages : [currentLanguage()],
    homeAreaId: p?.homeAreaId ?? '',
    maxDistanceKm: p?.maxDistanceKm ?? 3,
    commitment: p?.commitment ?? 'both',
    slots: (p?.slots ?? []).map((s) => ({ day: String(s.day), start: clock(s.start), end: clock(s.end) })),
    away: p?.away ?? [],
    means: p?.means ?? [],
    capacity: p?.capacity ?? 1,
    wantsCoaching: p?.wantsCoaching ?? false,
  };
}

/** What help the volunteer offers, where, when and how much. */
export function VolunteerProfilePage() {
  const { t } = useTranslation();
  const home = useVolunteerHome();
  const catalogue = useCatalogue();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (home.data && !form) setForm(fromProfile(home.data.profile));
  }, [home.data, form]);

  if (home.error) return <ErrorAlert error={home.error} />;
  if (!form || !catalogue.data) return <Loading />;

  const set = (change: Partial<ProfileForm>) => setForm({ ...form, ...change });
  const fe = (field: string) => {
    const key = errorAt(errors, field);
    return key ? t(key) : undefined;
  };
  const language = currentLanguage();
  const languageOptions = languageChoices(form.languages);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    setFailure(null);
    const body = {
      ...form,
      phone: form.phone.trim() || null,
      maxDistanceKm: Number(form.maxDistanceKm),
      capacity: Number(form.capacity),
      slots: toSlots(form.slots),
    };
    const checked = check(volunteerProfileInputSchema, body);
    setErrors(checked.errors);
    if (!checked.data) return focusFirstError(formElement);
    setBusy(true);
    try {
      await api('/api/help/me/profile', { method: 'PUT', body: checked.data });
      await queryClient.invalidateQueries({ queryKey: helpKeys.me });
      notify(t('help.profile.saved'));
      navigate('/help/me');
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error);
      focusFirstError(formElement);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('help.profile.title')} intro={t('help.profile.intro')} />
      <Card withBorder padding="lg" maw={880}>
        <ErrorAlert error={failure} />
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <Checkbox.Group
              label={t('help.profile.helpTypes')}
              value={form.helpTypes}
              onChange={(helpTypes) => set({ helpTypes })}
              error={fe('helpTypes')}
              required
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                {catalogue.data.helpTypes
                  .filter((h) => h.active)
                  .map((h) => (
                    <Checkbox key={h.code} value={h.code} label={h.names[language]} />
                  ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('help.profile.languages')}
              value={form.languages}
              onChange={(languages) => set({ languages })}
              error={fe('languages')}
              required
            >
              <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" spacing="xs">
                {languageOptions.map((code) => (
                  <Checkbox key={code} value={code} label={languageName(code)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('help.profile.homeArea')}
                description={t('help.profile.homeAreaHint')}
                value={form.homeAreaId}
                onChange={(e) => set({ homeAreaId: e.currentTarget.value })}
                data={[
                  { value: '', label: t('help.choose') },
                  ...catalogue.data.areas.map((a) => ({ value: a.id, label: a.name })),
                ]}
                error={fe('homeAreaId')}
                required
              />
              <NumberInput
                label={t('help.profile.distance')}
                description={t('help.profile.distanceHint')}
                value={form.maxDistanceKm}
                onChange={(maxDistanceKm) => set({ maxDistanceKm })}
                decimalScale={1}
                step={0.5}
                suffix=" km"
                error={fe('maxDistanceKm')}
                required
              />
            </SimpleGrid>
            <Radio.Group
              label={t('help.profile.commitment')}
              value={form.commitment}
              onChange={(commitment) => set({ commitment: commitment as ProfileForm['commitment'] })}
            >
              <Group mt="xs">
                {commitments.map((c) => (
                  <Radio key={c} value={c} label={t(`help.commitment.${c}`)} />
                ))}
              </Group>
            </Radio.Group>
            <SlotsEditor
              slots={form.slots}
              onChange={(slots) => set({ slots })}
              errors={errors}
              prefix="slots"
              legend={t('help.profile.slots')}
            />
            <fieldset className="help-fieldset">
              <legend>{t('help.profile.away')}</legend>
              <Stack gap="xs">
                {form.away.length === 0 ? <Text size="sm">{t('help.profile.noAway')}</Text> : null}
                {form.away.map((range, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
                  <Group key={i} gap="xs" align="flex-start">
                    <TextInput
                      type="date"
                      label={t('help.timing.from')}
                      value={range.from}
                      onChange={(e) => {
                        const from = e.currentTarget.value;
                        set({ away: form.away.map((r, j) => (j === i ? { ...r, from } : r)) });
                      }}
                      error={fe(`away.${i}.from`)}
                    />
                    <TextInput
                      type="date"
                      label={t('help.timing.to')}
                      value={range.to}
                      onChange={(e) => {
                        const to = e.currentTarget.value;
                        set({ away: form.away.map((r, j) => (j === i ? { ...r, to } : r)) });
                      }}
                      error={fe(`away.${i}.to`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={28}
                      size="lg"
                      onClick={() => set({ away: form.away.filter((_, j) => j !== i) })}
                      aria-label={t('help.profile.removeAway', { n: i + 1 })}
                    >
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  </Group>
                ))}
                <div>
                  <Button
                    variant="light"
                    size="xs"
                    onClick={() => set({ away: [...form.away, { from: '', to: '' }] })}
                  >
                    {t('help.profile.addAway')}
                  </Button>
                </div>
              </Stack>
            </fieldset>
            <Checkbox.Group
              label={t('help.profile.means')}
              value={form.means}
              onChange={(means) => set({ means })}
              error={fe('means')}
              required
            >
              <Group mt="xs">
                {transportMeans.map((m) => (
                  <Checkbox key={m} value={m} label={t(`help.means.${m}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('help.profile.capacity')}
                description={t('help.profile.capacityHint')}
                value={form.capacity}
                onChange={(capacity) => set({ capacity })}
                min={1}
                max={10}
                allowDecimal={false}
                error={fe('capacity')}
                required
              />
              <TextInput
                label={t('help.profile.phone')}
                description={t('help.profile.phoneHint')}
                type="tel"
                autoComplete="tel"
                value={form.phone}
                onChange={(e) => set({ phone: e.currentTarget.value })}
                error={fe('phone')}
              />
            </SimpleGrid>
            <Checkbox
              label={t('help.signup.coach')}
              description={t('help.signup.coachHint')}
              checked={form.wantsCoaching}
              onChange={(e) => set({ wantsCoaching: e.currentTarget.checked })}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('help.profile.save')}
              </Button>
              <Button variant="default" onClick={() => navigate('/help/me')}>
                {t('help.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
