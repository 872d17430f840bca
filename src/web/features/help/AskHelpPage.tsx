import { Alert, Button, Card, Checkbox, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName, spokenLanguages } from '../../../shared/spoken-languages.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { focusFirstError } from '../../components/focusFirstError.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import {
  rememberTenant,
  tenantOptions,
  useChosenTenant,
  useMunicipalityTexts,
  useTenants,
} from '../identity/tenants.ts';
import { usePublicCatalogue } from './helpApi.ts';
import { emptyTiming, TimingFields, toTiming } from './TimingFields.tsx';
import { check, type FieldErrors, serverErrors } from './validation.ts';

/**
 * The form's rules are the API's own (help.schemas.ts, with zod): fetched when the resident starts
 * filling in the form and awaited when it is sent, so that a first visit on a phone downloads only
 * what shows the page. A failure to fetch them shows when the form is sent.
 */
const loadRules = () => import('../../../shared/help.schemas.ts');

/** A short form for residents: someone of the city calls back and looks for a volunteer. */
export function AskHelpPage() {
  const { t } = useTranslation();
  const tenants = useTenants();
  const [tenant, setTenant] = useChosenTenant();
  useMunicipalityTexts(tenant);
  const catalogue = usePublicCatalogue(tenant);
  // The language the resident speaks best: volunteers who speak it are asked first. The page's own
  // language unless they choose another.
  const [spoken, setSpoken] = useState<string>(currentLanguage());
  const [form, setForm] = useState({ name: '', phone: '', areaId: '', helpType: '', description: '' });
  const [timing, setTiming] = useState(emptyTiming);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const fe = (field: string) => (errors[field] ? t(errors[field]!) : undefined);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    setFailure(null);
    const body = {
      tenant,
      ...form,
      language: spoken,
      timing: toTiming(timing),
      consentGiven: consent,
    };
    setBusy(true);
    try {
      const { publicNeedInputSchema } = await loadRules();
      const checked = check(publicNeedInputSchema, body);
      setErrors(checked.errors);
      if (!checked.data) return focusFirstError(formElement);
      await api('/api/help/public/needs', { method: 'POST', body: checked.data });
      rememberTenant(tenant);
      setSent(true);
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error);
      focusFirstError(formElement);
    } finally {
      setBusy(false);
    }
  };

  const language = currentLanguage();
  return (
    <Card withBorder padding="lg" shadow="xs">
      <PageTitle title={t('help.ask.title')} intro={t('help.ask.intro')} />
      {sent ? (
        <Alert color="green" variant="light" role="status">
          {t('help.ask.sent')}
        </Alert>
      ) : (
        <>
          <ErrorAlert error={failure} />
          <form onSubmit={submit} onFocus={() => loadRules().catch(() => undefined)} noValidate>
            <Stack gap="md">
              <NativeSelect
                label={t('signIn.municipality')}
                value={tenant}
                onChange={(e) => {
                  // Neighbourhoods and kinds of help belong to a municipality: choose them again.
                  setTenant(e.currentTarget.value);
                  set({ areaId: '', helpType: '' });
                  setErrors(({ tenant: _chosen, ...rest }) => rest);
                }}
                data={tenantOptions(tenants.data, t('signIn.chooseMunicipality'))}
                error={fe('tenant')}
                required
              />
              <TextInput
                label={t('help.ask.name')}
                autoComplete="name"
                value={form.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                error={fe('name')}
                required
              />
              <TextInput
                label={t('help.ask.phone')}
                description={t('help.ask.phoneHint')}
                type="tel"
                autoComplete="tel"
                value={form.phone}
                onChange={(e) => set({ phone: e.currentTarget.value })}
                error={fe('phone')}
                required
              />
              <NativeSelect
                label={t('help.ask.language')}
                description={t('help.ask.languageHint')}
                value={spoken}
                onChange={(e) => setSpoken(e.currentTarget.value)}
                data={spokenLanguages.map((code) => ({
                  value: code,
                  label: languageName(code, locales[language]),
                }))}
                error={fe('language')}
              />
              <NativeSelect
                label={t('help.need.area')}
                description={t('help.ask.areaHint')}
                value={form.areaId}
                onChange={(e) => set({ areaId: e.currentTarget.value })}
                data={[
                  { value: '', label: t('help.choose') },
                  ...(catalogue.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name })),
                ]}
                error={fe('areaId')}
                required
              />
              <NativeSelect
                label={t('help.need.type')}
                value={form.helpType}
                onChange={(e) => set({ helpType: e.currentTarget.value })}
                data={[
                  { value: '', label: t('help.choose') },
                  ...(catalogue.data?.helpTypes ?? []).map((h) => ({
                    value: h.code,
                    label: h.names[language],
                  })),
                ]}
                error={fe('helpType')}
                required
              />
              <Textarea
                label={t('help.ask.description')}
                description={t('help.ask.descriptionHint')}
                autosize
                minRows={3}
                value={form.description}
                onChange={(e) => set({ description: e.currentTarget.value })}
                error={fe('description')}
                required
              />
              <TimingFields value={timing} onChange={setTiming} errors={errors} />
              <Checkbox
                label={t('help.ask.consent')}
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
                error={errors.consentGiven ? t('help.ask.consentNeeded') : undefined}
              />
              <Button type="submit" loading={busy} size="md">
                {t('help.ask.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </Card>
  );
}
