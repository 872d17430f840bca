import {
  Button,
  Card,
  Checkbox,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type HelpType, helpTypeInputSchema } from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { helpKeys, useCatalogue } from './helpApi.ts';
import { check, type FieldErrors, serverErrors } from './validation.ts';

/** The catalogue of kinds of help: each municipality keeps its own. */
export function TypesPage() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const emptyForm = { code: '', nl: '', en: '', fr: '', children: false, car: false };
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const update = async (type: HelpType, change: Partial<Pick<HelpType, 'active' | 'requiredMeans'>>) => {
    setFailure(null);
    try {
      await api(`/api/help/types/${type.id}`, { method: 'PATCH', body: change });
      await queryClient.invalidateQueries({ queryKey: helpKeys.catalogue });
    } catch (error) {
      setFailure(error);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = {
      code: form.code,
      names: { nl: form.nl, en: form.en, fr: form.fr },
      requiredScreenings: form.children ? ['good_conduct_children'] : [],
      requiredMeans: form.car ? ['car'] : [],
    };
    const checked = check(helpTypeInputSchema, body);
    setErrors(checked.errors);
    if (!checked.data) return;
    setBusy(true);
    try {
      await api('/api/help/types', { method: 'POST', body: checked.data });
      notify(t('help.types.added'));
      setForm(emptyForm);
      await queryClient.invalidateQueries({ queryKey: helpKeys.catalogue });
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const fe = (field: string) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <>
      <PageTitle title={t('help.types.title')} intro={t('help.types.intro')} />
      <ErrorAlert error={failure ?? catalogue.error} />
      <Stack gap="lg">
        <Card withBorder padding="md">
          {!catalogue.data ? (
            <Loading />
          ) : (
            <ScrollTable label={t('help.types.title')} minWidth={640}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('help.types.name')}</Table.Th>
                    <Table.Th scope="col">{t('help.types.screening')}</Table.Th>
                    <Table.Th scope="col">{t('help.types.transport')}</Table.Th>
                    <Table.Th scope="col">{t('help.types.offered')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {catalogue.data.helpTypes.map((type) => (
                    <Table.Tr key={type.id}>
                      <Table.Th scope="row">
                        {type.names.nl}
                        <Text size="xs" c="dimmed">
                          {type.names.en} · {type.names.fr}
                        </Text>
                      </Table.Th>
                      <Table.Td>
                        {type.requiredScreenings.includes('good_conduct_children')
                          ? t('help.screening.goodConductOn')
                          : '—'}
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          checked={type.requiredMeans.includes('car')}
                          onChange={(e) => {
                            const car = e.currentTarget.checked;
                            const others = type.requiredMeans.filter((m) => m !== 'car');
                            void update(type, { requiredMeans: car ? [...others, 'car'] : others });
                          }}
                          label={t('help.means.car')}
                          aria-label={t('common.labelled', {
                            label: t('help.types.needsCar'),
                            value: type.names.nl,
                          })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Switch
                          checked={type.active}
                          onChange={() => void update(type, { active: !type.active })}
                          label={type.active ? t('help.types.on') : t('help.types.off')}
                          aria-label={t('common.labelled', {
                            label: t('help.types.offered'),
                            value: type.names.nl,
                          })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="add-type-title">
          <Title order={2} size="h4" id="add-type-title" mb="sm">
            {t('help.types.add')}
          </Title>
          <form onSubmit={add} noValidate>
            <Stack gap="sm">
              <TextInput
                label={t('help.types.code')}
                description={t('help.types.codeHint')}
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
                error={fe('code')}
                required
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {(['nl', 'en', 'fr'] as const).map((l) => (
                  <TextInput
                    key={l}
                    label={t(`help.types.name_${l}`)}
                    value={form[l]}
                    onChange={(e) => setForm({ ...form, [l]: e.currentTarget.value })}
                    error={fe(`names.${l}`)}
                    required
                  />
                ))}
              </SimpleGrid>
              <Checkbox
                label={t('help.types.children')}
                checked={form.children}
                onChange={(e) => setForm({ ...form, children: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('help.types.needsCar')}
                checked={form.car}
                onChange={(e) => setForm({ ...form, car: e.currentTarget.checked })}
              />
              <div>
                <Button type="submit" loading={busy}>
                  {t('help.types.addButton')}
                </Button>
              </div>
            </Stack>
          </form>
        </Card>
      </Stack>
    </>
  );
}
