import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { type ReadPurpose, useReadPurpose } from './purpose.ts';

/**
 * Asks why the viewer opens a resident's record before anything is shown, offering only the
 * purposes the viewer's roles may give (even when that is one: the choice is the point). The
 * purpose is sent with every read, written to the audit trail, and remembered for this session.
 */
export function PurposeGate({
  title,
  children,
}: {
  title: string;
  children: (purpose: ReadPurpose, change: () => void) => ReactNode;
}) {
  const { purpose, allowed, setPurpose } = useReadPurpose();
  if (purpose) return <>{children(purpose, () => setPurpose(null))}</>;
  return (
    <>
      <PageTitle title={title} />
      <PurposeForm purposes={allowed} onChoose={setPurpose} />
    </>
  );
}

function PurposeForm({
  purposes,
  onChoose,
}: {
  purposes: readonly ReadPurpose[];
  onChoose: (purpose: ReadPurpose) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string>('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!(purposes as readonly string[]).includes(value)) {
      setError(t('registry.purpose.required'));
      return;
    }
    onChoose(value as ReadPurpose);
    // The form disappears; keyboard and screen reader users continue at the start of the content.
    requestAnimationFrame(() => document.getElementById('main')?.focus());
  };
  return (
    <Card withBorder padding="lg" maw={560} component="section" aria-labelledby="purpose-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id="purpose-title">
            {t('registry.purpose.title')}
          </Title>
          <Text>{t('registry.purpose.intro')}</Text>
          <NativeSelect
            label={t('registry.purpose.label')}
            description={t('registry.purpose.yours')}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            data={[
              { value: '', label: t('registry.purpose.choose') },
              ...purposes.map((p) => ({ value: p, label: t(`registry.purposes.${p}`) })),
            ]}
          />
          <Group>
            <Button type="submit">{t('registry.purpose.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A line saying which purpose the record was opened for, with a way to change it. */
export function PurposeNote({ purpose, onChange }: { purpose: ReadPurpose; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mb="md" wrap="wrap">
      <Text size="sm">{t('registry.purpose.current', { purpose: t(`registry.purposes.${purpose}`) })}</Text>
      <Button variant="subtle" size="compact-sm" onClick={onChange}>
        {t('registry.purpose.change')}
      </Button>
    </Group>
  );
}
