import {
  Button,
  Checkbox,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { languageChoices } from '../../../shared/languages.ts';
import { limburgPostcodes } from '../../../shared/postcodes.ts';
import { contactChannels } from '../../../shared/registry.schemas.ts';
import { languageName } from './format.ts';
import { type PersonFormValues, validatePersonForm } from './validation.ts';

/**
 * The fields of a resident, for registering and for rectifying. Checked as the API checks them
 * (see validation.ts); messages appear next to the field, also those the server sends back.
 */
export function PersonForm({
  initial,
  withAddress,
  serverErrors,
  submitLabel,
  busy,
  hasNationalNumber,
  onSubmit,
  onCancel,
  children,
}: {
  initial: PersonFormValues;
  withAddress: boolean;
  serverErrors: FormErrors;
  submitLabel: string;
  busy: boolean;
  hasNationalNumber?: boolean;
  onSubmit: (values: PersonFormValues) => void;
  onCancel?: () => void;
  /** Shown above the buttons (a duplicate warning, a failure). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: validatePersonForm,
    validateInputOnBlur: true,
  });
  const { setErrors } = form;

  useEffect(() => {
    if (Object.keys(serverErrors).length > 0) setErrors(serverErrors);
  }, [serverErrors, setErrors]);

  /** Input props with the error translated (errors are kept as translation keys). */
  const field = (path: string) => {
    const props = form.getInputProps(path);
    const error = form.errors[path];
    return { ...props, error: typeof error === 'string' ? t(error) : undefined };
  };

  const languageOptions = languageChoices(form.values.languages);
  const postcode = form.values.address.postcode.trim();

  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack gap="lg">
        <Fieldset
          legend={t('registry.form.identity')}
          variant="unstyled"
          classNames={{ legend: 'form-legend' }}
        >
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('registry.form.givenName')}
                autoComplete="off"
                required
                {...field('givenName')}
              />
              <TextInput
                label={t('registry.form.familyName')}
                autoComplete="off"
                required
                {...field('familyName')}
              />
            </SimpleGrid>
            <TextInput
              label={t('registry.form.otherNames')}
              description={t('registry.form.otherNamesHelp')}
              autoComplete="off"
              {...field('otherNames')}
            />
            <TextInput
              label={t('registry.form.birthDate')}
              description={t('registry.form.birthDateHelp')}
              autoComplete="off"
              inputMode="numeric"
              maw={260}
              {...field('birthDate')}
            />
            <TextInput
              label={t('registry.form.nationalNumber')}
              description={
                hasNationalNumber
                  ? t('registry.form.nationalNumberStored')
                  : t('registry.form.nationalNumberHelp')
              }
              autoComplete="off"
              inputMode="numeric"
              maw={320}
              {...field('nationalNumber')}
            />
          </Stack>
        </Fieldset>

        <Fieldset
          legend={t('registry.form.languagesTitle')}
          variant="unstyled"
          classNames={{ legend: 'form-legend' }}
        >
          <Stack gap="md">
            <Checkbox.Group
              label={t('registry.form.languages')}
              description={t('registry.form.languagesHelp')}
              {...form.getInputProps('languages')}
            >
              <SimpleGrid cols={{ base: 2, xs: 3, md: 4 }} spacing="xs" mt="xs">
                {languageOptions.map((code) => (
                  <Checkbox key={code} value={code} label={languageName(code)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <NativeSelect
              label={t('registry.form.preferredLanguage')}
              maw={320}
              data={[
                { value: '', label: t('registry.form.noPreference') },
                ...languageOptions.map((code) => ({ value: code, label: languageName(code) })),
              ]}
              {...field('preferredLanguage')}
            />
          </Stack>
        </Fieldset>

        <Fieldset
          legend={t('registry.form.contactTitle')}
          variant="unstyled"
          classNames={{ legend: 'form-legend' }}
        >
          <Stack gap="sm">
            {form.values.contacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('registry.form.noContacts')}
              </Text>
            ) : null}
            {form.values.contacts.map((contact, index) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                key={index}
                align="flex-start"
                gap="sm"
                wrap="wrap"
              >
                <NativeSelect
                  label={t('registry.form.contactKind', { number: index + 1 })}
                  data={(['phone', 'sms', 'email'] as const).map((c) => ({
                    value: c,
                    label: t(`registry.channels.${c}`),
                  }))}
                  w={150}
                  {...field(`contacts.${index}.channel`)}
                />
                <TextInput
                  label={t('registry.form.contactValue', { number: index + 1 })}
                  type={contact.channel === 'email' ? 'email' : 'tel'}
                  autoComplete="off"
                  style={{ flex: '1 1 12rem' }}
                  {...field(`contacts.${index}.value`)}
                />
                <CloseButton
                  mt={28}
                  aria-label={t('registry.form.removeContact', { number: index + 1 })}
                  onClick={() => form.removeListItem('contacts', index)}
                />
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="sm"
                onClick={() => form.insertListItem('contacts', { channel: 'phone', value: '', label: '' })}
              >
                {t('registry.form.addContact')}
              </Button>
            </Group>
            <Checkbox.Group
              label={t('registry.form.contactPreferences')}
              description={t('registry.form.contactPreferencesHelp')}
              {...form.getInputProps('contactPreferences')}
            >
              <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs" mt="xs">
                {contactChannels.map((channel) => (
                  <Checkbox key={channel} value={channel} label={t(`registry.channels.${channel}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Stack>
        </Fieldset>

        {withAddress ? (
          <Fieldset
            legend={t('registry.form.addressTitle')}
            variant="unstyled"
            classNames={{ legend: 'form-legend' }}
          >
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('registry.form.addressHelp')}
              </Text>
              <TextInput label={t('registry.form.street')} autoComplete="off" {...field('address.street')} />
              <SimpleGrid cols={2} spacing="sm" maw={320}>
                <TextInput
                  label={t('registry.form.houseNumber')}
                  autoComplete="off"
                  {...field('address.houseNumber')}
                />
                <TextInput label={t('registry.form.box')} autoComplete="off" {...field('address.box')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('registry.form.postcode')}
                  inputMode="numeric"
                  autoComplete="off"
                  {...field('address.postcode')}
                  onBlur={(event) => {
                    form.getInputProps('address.postcode').onBlur?.(event);
                    const known = limburgPostcodes[form.values.address.postcode.trim()];
                    if (known && !form.values.address.municipality.trim())
                      form.setFieldValue('address.municipality', known);
                  }}
                />
                <TextInput
                  label={t('registry.form.municipality')}
                  autoComplete="off"
                  description={
                    postcode && limburgPostcodes[postcode] ? limburgPostcodes[postcode] : undefined
                  }
                  {...field('address.municipality')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
        ) : null}

        {children}

        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('registry.form.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
