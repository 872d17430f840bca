import { Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Consent,
  consentMethods,
  consentPurposes,
  legalBases,
} from '../../../shared/registry.schemas.ts';
import { api } from '../../api.ts';
import { useCan } from '../../app/session.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { registryKeys } from './registryApi.ts';

function ConsentForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [purpose, setPurpose] = useState('');
  const [status, setStatus] = useState<'given' | 'withdrawn'>('given');
  const [legalBasis, setLegalBasis] = useState<string>('consent');
  const [method, setMethod] = useState<string>('signed_form');
  const [note, setNote] = useState('');
  const [purposeError, setPurposeError] = useState<string | undefined>();

  const save = useMutation({
    mutationFn: () =>
      api<Consent>(`/api/persons/${personId}/consents`, {
        method: 'POST',
        body: { purpose, status, legalBasis, method, note: note.trim() || undefined },
      }),
    onSuccess: () => {
      notify(t('registry.consents.saved'));
      void queryClient.invalidateQueries({ queryKey: registryKeys.personAll(personId) });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!purpose) {
      setPurposeError(t('errors.required'));
      return;
    }
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={save.error} />
        <NativeSelect
          label={t('registry.consents.purpose')}
          value={purpose}
          onChange={(event) => {
            setPurpose(event.currentTarget.value);
            setPurposeError(undefined);
          }}
          error={purposeError}
          data={[
            { value: '', label: t('registry.purpose.choose') },
            ...consentPurposes.map((p) => ({ value: p, label: t(`registry.consentPurposes.${p}`) })),
          ]}
          data-autofocus
        />
        <Radio.Group
          label={t('registry.consents.status')}
          value={status}
          onChange={(value) => setStatus(value as 'given' | 'withdrawn')}
        >
          <Group mt="xs">
            <Radio value="given" label={t('registry.consents.given')} />
            <Radio value="withdrawn" label={t('registry.consents.withdrawn')} />
          </Group>
        </Radio.Group>
        <NativeSelect
          label={t('registry.consents.legalBasis')}
          value={legalBasis}
          onChange={(event) => setLegalBasis(event.currentTarget.value)}
          data={legalBases.map((b) => ({ value: b, label: t(`registry.legalBases.${b}`) }))}
        />
        <NativeSelect
          label={t('registry.consents.method')}
          value={method}
          onChange={(event) => setMethod(event.currentTarget.value)}
          data={consentMethods.map((m) => ({ value: m, label: t(`registry.consentMethods.${m}`) }))}
        />
        <Textarea
          label={t('registry.consents.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={200}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('registry.form.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('registry.consents.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the resident agreed to, per purpose; the newest statement counts. */
export function ConsentsCard({ personId, consents }: { personId: string; consents: Consent[] }) {
  const { t } = useTranslation();
  const canWrite = useCan('consents.write');
  const [open, setOpen] = useState(false);
  const sorted = [...consents].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="consents-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="consents-title">
          {t('registry.consents.title')}
        </Title>
        {canWrite ? (
          <Button size="xs" variant="light" onClick={() => setOpen(true)}>
            {t('registry.consents.record')}
          </Button>
        ) : null}
      </Group>
      {sorted.length === 0 ? (
        <Text>{t('registry.consents.none')}</Text>
      ) : (
        <ul className="consent-list">
          {sorted.map((consent) => (
            <li key={consent.id}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{t(`registry.consentPurposes.${consent.purpose}`)}</Text>
                <span className="status">
                  <span
                    className={`status-dot ${consent.status === 'given' ? 'active' : 'inactive'}`}
                    aria-hidden="true"
                  />
                  {t(consent.status === 'given' ? 'registry.consents.given' : 'registry.consents.withdrawn')}
                </span>
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  t(`registry.legalBases.${consent.legalBasis}`),
                  t(`registry.consentMethods.${consent.method}`),
                  formatDateTime(consent.recordedAt),
                  consent.recordedByName,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {consent.note ? <Text size="sm">{consent.note}</Text> : null}
            </li>
          ))}
        </ul>
      )}
      <Dialog opened={open} onClose={() => setOpen(false)} title={t('registry.consents.record')} size="md">
        <ConsentForm personId={personId} onDone={() => setOpen(false)} />
      </Dialog>
    </Card>
  );
}
