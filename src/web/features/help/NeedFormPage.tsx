import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type NeedDetail, needEditSchema, needInputSchema, urgencies } from '../../../shared/help.schemas.ts';
import { languageChoices } from '../../../shared/languages.ts';
import { api } from '../../api.ts';
import { useCan, useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { languageName } from '../registry/format.ts';
import { fetchHousehold } from '../registry/registryApi.ts';
import { useCatalogue, useNeed, usePostingOrganisations } from './helpApi.ts';
import { emptyTiming, fromTiming, TimingFields, toTiming } from './TimingFields.tsx';
import { check, errorAt, type FieldErrors, serverErrors } from './validation.ts';

/** Change a request while nobody has been asked: the same form, filled in. */
export function EditNeedPage() {
  const { id = '' } = useParams();
  const need = useNeed(id);
  if (need.error) return <ErrorAlert error={need.error} />;
  if (!need.data) return <Loading />;
  return <NeedFormPage editing={need.data} />;
}

/** Staff post a request on a family's behalf (most often); a partner describes who asks. */
export function NeedFormPage({ editing }: { editing?: NeedDetail } = {}) {
  const { t } = useTranslation();
  const me = useMe();
  const mayFindFamily = useCan('persons.read');
  const [params] = useSearchParams();
  const householdId = editing ? (editing.householdId ?? '') : (params.get('householdId') ?? '');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useCatalogue();
  const household = useQuery({
    queryKey: ['households', householdId, 'help_matching'],
    queryFn: () => fetchHousehold(householdId, 'help_matching'),
    enabled: householdId.length > 0,
  });
  // A partner in several partner organisations names the one the request is posted for.
  const organisations = usePostingOrganisations(!editing && me.roles.includes('partner'));
  const [form, setForm] = useState({
    requesterName: editing?.requesterName ?? '',
    requesterPhone: editing?.requesterPhone ?? '',
    areaId: editing?.areaId ?? '',
    helpType: editing?.helpType ?? '',
    description: editing?.description ?? '',
    arrangements: editing?.arrangements ?? '',
    urgency: (editing?.urgency ?? 'normal') as (typeof urgencies)[number],
    sensitive: editing?.sensitive ?? false,
    consentGiven: false,
    organisationId: '',
  });
  const [languages, setLanguages] = useState<string[] | null>(editing ? editing.languages : null);
  const [timing, setTiming] = useState(() =>
    editing ? fromTiming(editing.timing as Parameters<typeof fromTiming>[0]) : emptyTiming(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!catalogue.data || (householdId && household.isPending) || organisations.isLoading) return <Loading />;
  if (household.error) return <ErrorAlert error={household.error} />;
  if (organisations.error) return <ErrorAlert error={organisations.error} />;

  const familyLanguages = [
    ...new Set(
      (household.data?.members ?? []).map((m) => m.preferredLanguage).filter((l): l is string => !!l),
    ),
  ];
  const chosenLanguages = languages ?? familyLanguages;
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const fe = (field: string) => {
    const key = errorAt(errors, field);
    return key ? t(key) : undefined;
  };
  const language = currentLanguage();
  const offered = organisations.data ?? [];
  // Only a partner in more than one organisation chooses; the oldest comes first and is the default.
  const choosingOrganisation = !editing && offered.length > 1;
  const organisationId = form.organisationId || (offered[0]?.id ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = {
      ...(householdId
        ? { householdId }
        : {
            requester: {
              name: form.requesterName,
              ...(form.requesterPhone.trim() ? { phone: form.requesterPhone.trim() } : {}),
            },
            areaId: form.areaId || undefined,
          }),
      helpType: form.helpType,
      description: form.description,
      // Left out when empty on a new request; on a change, empty clears them (see needEditSchema).
      ...(form.arrangements.trim() || editing ? { arrangements: form.arrangements } : {}),
      timing: toTiming(timing),
      languages: chosenLanguages,
      urgency: form.urgency,
      sensitive: form.sensitive,
      consentGiven: form.consentGiven,
      ...(choosingOrganisation ? { organisationId } : {}),
    };
    if (editing) {
      const {
        householdId: _household,
        requester: _requester,
        consentGiven: _consent,
        organisationId: _organisation,
        ...edit
      } = body as typeof body & {
        householdId?: string;
        requester?: unknown;
      };
      const checked = check(needEditSchema, householdId ? { ...edit, areaId: undefined } : edit);
      setErrors(checked.errors);
      if (!checked.data) return;
      setBusy(true);
      try {
        await api(`/api/help/needs/${editing.id}`, { method: 'PUT', body: checked.data });
        await queryClient.invalidateQueries({ queryKey: ['help'] });
        notify(t('help.needForm.changed'));
        navigate(`/help/needs/${editing.id}`);
      } catch (error) {
        setErrors(serverErrors(error));
        setFailure(error);
      } finally {
        setBusy(false);
      }
      return;
    }
    const checked = check(needInputSchema, body);
    setErrors(checked.errors);
    if (!checked.data) return;
    setBusy(true);
    try {
      const created = await api<{ id: string }>('/api/help/needs', { method: 'POST', body: checked.data });
      await queryClient.invalidateQueries({ queryKey: ['help'] });
      notify(t('help.needForm.saved'));
      navigate(`/help/needs/${created.id}`);
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const isPartner = me.roles.every((r) => r === 'partner');
  return (
    <>
      <PageTitle
        title={
          editing
            ? t('help.needForm.editTitle')
            : household.data
              ? t('help.needForm.titleFor', { name: household.data.household.name })
              : t('help.needForm.title')
        }
        intro={t('help.needForm.intro')}
      />
      <Card withBorder padding="lg" maw={880}>
        <ErrorAlert error={failure} />
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            {choosingOrganisation ? (
              <NativeSelect
                label={t('help.needForm.organisation')}
                description={t('help.needForm.organisationHint')}
                value={organisationId}
                onChange={(e) => set({ organisationId: e.currentTarget.value })}
                data={offered.map((o) => ({ value: o.id, label: o.name }))}
                error={fe('organisationId')}
                required
              />
            ) : null}
            {household.data ? (
              <Text>
                {t('help.needForm.forHousehold', {
                  name: household.data.household.name,
                  area: household.data.household.neighbourhoodName ?? '—',
                })}
              </Text>
            ) : (
              <fieldset className="help-fieldset">
                <legend>{isPartner ? t('help.needForm.whoPartner') : t('help.needForm.who')}</legend>
                {/* Staff who may open families post for one from its page, so its address and timeline are used. */}
                {!editing && mayFindFamily ? (
                  <Text size="sm" mb="xs">
                    {t('help.needForm.forFamilyHint')}{' '}
                    <Anchor component={Link} to="/residents">
                      {t('help.needForm.findFamily')}
                    </Anchor>
                  </Text>
                ) : null}
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    readOnly={!!editing}
                    label={t('help.ask.name')}
                    value={form.requesterName}
                    onChange={(e) => set({ requesterName: e.currentTarget.value })}
                    error={fe('requester.name') ?? fe('householdId')}
                    required
                  />
                  <TextInput
                    readOnly={!!editing}
                    label={t('help.ask.phone')}
                    type="tel"
                    value={form.requesterPhone}
                    onChange={(e) => set({ requesterPhone: e.currentTarget.value })}
                    error={fe('requester.phone')}
                  />
                  <NativeSelect
                    label={t('help.need.area')}
                    value={form.areaId}
                    onChange={(e) => set({ areaId: e.currentTarget.value })}
                    data={[
                      { value: '', label: t('help.choose') },
                      ...catalogue.data.areas.map((a) => ({ value: a.id, label: a.name })),
                    ]}
                    error={fe('areaId')}
                    required
                  />
                </SimpleGrid>
              </fieldset>
            )}
            <NativeSelect
              label={t('help.need.type')}
              value={form.helpType}
              onChange={(e) => set({ helpType: e.currentTarget.value })}
              data={[
                { value: '', label: t('help.choose') },
                ...catalogue.data.helpTypes
                  .filter((h) => h.active)
                  .map((h) => ({ value: h.code, label: h.names[language] })),
              ]}
              error={fe('helpType')}
              required
            />
            <Textarea
              label={t('help.need.description')}
              description={t('help.needForm.descriptionHint')}
              autosize
              minRows={3}
              value={form.description}
              onChange={(e) => set({ description: e.currentTarget.value })}
              error={fe('description')}
              required
            />
            <Textarea
              label={t('help.need.arrangements')}
              description={t('help.needForm.arrangementsHint')}
              autosize
              minRows={2}
              value={form.arrangements}
              onChange={(e) => set({ arrangements: e.currentTarget.value })}
              error={fe('arrangements')}
            />
            <TimingFields value={timing} onChange={setTiming} errors={errors} />
            <Checkbox.Group
              label={t('help.needForm.languages')}
              description={t('help.needForm.languagesHint')}
              value={chosenLanguages}
              onChange={setLanguages}
              error={fe('languages')}
            >
              <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" spacing="xs">
                {languageChoices(chosenLanguages).map((code) => (
                  <Checkbox key={code} value={code} label={languageName(code)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Radio.Group
              label={t('help.need.urgency')}
              value={form.urgency}
              onChange={(urgency) => set({ urgency: urgency as typeof form.urgency })}
            >
              <Group mt="xs">
                {urgencies.map((u) => (
                  <Radio key={u} value={u} label={t(`help.urgency.${u}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox
              label={t('help.needForm.sensitive')}
              description={t('help.needForm.sensitiveHint')}
              checked={form.sensitive}
              onChange={(e) => set({ sensitive: e.currentTarget.checked })}
            />
            {editing ? null : (
              <Checkbox
                label={householdId ? t('help.needForm.consentFamily') : t('help.needForm.consentPerson')}
                description={householdId ? t('help.needForm.consentHint') : undefined}
                checked={form.consentGiven}
                onChange={(e) => set({ consentGiven: e.currentTarget.checked })}
                error={fe('consentGiven')}
              />
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {editing ? t('help.needForm.saveChanges') : t('help.needForm.submit')}
              </Button>
              <Button variant="default" onClick={() => navigate(-1)}>
                {t('help.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
