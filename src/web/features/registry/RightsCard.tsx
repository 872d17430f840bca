import { Alert, Button, Card, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { useCan } from '../../app/session.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { formatDate } from './format.ts';
import { registryKeys } from './registryApi.ts';

interface Hold {
  id?: string;
  module?: string;
  reason?: string;
  until?: string | null;
}

/** The legal holds named in a 409 answer, or null when the refusal had another cause. */
function legalHolds(error: unknown): Hold[] | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const details = error.details as { reason?: string; holds?: Hold[] } | undefined;
  if (details?.reason !== 'legal_hold') return null;
  return Array.isArray(details.holds) ? details.holds : [];
}

export function HoldList({ holds }: { holds: Hold[] }) {
  const { t, i18n } = useTranslation();
  const moduleName = (module?: string) =>
    module && i18n.exists(`registry.modules.${module}`) ? t(`registry.modules.${module}`) : (module ?? '');
  return (
    <List spacing={4}>
      {holds.map((hold, index) => (
        <List.Item key={hold.id ?? index}>
          <strong>{moduleName(hold.module)}</strong>
          {hold.reason ? `: ${hold.reason}` : ''}
          {hold.until ? ` (${t('registry.holds.until', { date: formatDate(hold.until) })})` : ''}
        </List.Item>
      ))}
    </List>
  );
}

function EraseDialog({
  personId,
  kind,
  name,
  opened,
  onClose,
}: {
  personId: string;
  kind: 'anonymise' | 'erase';
  name: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: () =>
      kind === 'anonymise'
        ? api<{ id: string }>(`/api/persons/${personId}/anonymise`, {
            method: 'POST',
            body: { reason: reason.trim() },
          })
        : api<{ id: string }>(`/api/persons/${personId}`, {
            method: 'DELETE',
            body: { reason: reason.trim() },
          }),
    onSuccess: () => {
      onClose();
      if (kind === 'anonymise') {
        notify(t('registry.rights.anonymised'));
        void queryClient.invalidateQueries({ queryKey: registryKeys.personAll(personId) });
      } else {
        notify(t('registry.rights.erased'));
        queryClient.removeQueries({ queryKey: registryKeys.personAll(personId) });
        void queryClient.invalidateQueries({ queryKey: ['persons', 'search'] });
        navigate('/residents');
      }
    },
  });
  const holds = legalHolds(run.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError(t('registry.rights.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    run.mutate();
  };

  const prefix = kind === 'anonymise' ? 'registry.rights.anonymise' : 'registry.rights.erase';
  return (
    <Dialog opened={opened} onClose={onClose} title={t(`${prefix}Title`, { name })} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t(`${prefix}Explain`)}</Text>
          <Text fw={600}>{t('registry.rights.irreversible')}</Text>
          {holds ? (
            <Alert color="red" variant="light" title={t('registry.rights.holdTitle')} role="alert">
              <Text mb="xs">{t('registry.rights.holdBody')}</Text>
              <HoldList holds={holds} />
            </Alert>
          ) : (
            <ErrorAlert error={run.error} />
          )}
          <Textarea
            label={t('registry.rights.reason')}
            description={t('registry.rights.reasonHelp')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <div className="dialog-actions">
            <Button variant="default" onClick={onClose}>
              {t('registry.form.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={run.isPending} disabled={holds !== null}>
              {t(`${prefix}Confirm`)}
            </Button>
          </div>
        </Stack>
      </form>
    </Dialog>
  );
}

/** The resident's rights: see everything, have it corrected, anonymised or erased. */
export function RightsCard({
  personId,
  name,
  anonymised,
  onRectify,
}: {
  personId: string;
  name: string;
  anonymised: boolean;
  onRectify: () => void;
}) {
  const { t } = useTranslation();
  const canRights = useCan('persons.rights');
  const canWrite = useCan('persons.write');
  const [dialog, setDialog] = useState<'anonymise' | 'erase' | null>(null);
  if (!canRights && !canWrite) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="rights-title">
      <Title order={2} size="h4" id="rights-title" mb={4}>
        {t('registry.rights.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('registry.rights.intro')}
      </Text>
      <Stack gap="xs">
        {canRights ? (
          <>
            <Button
              component="a"
              href={`/api/persons/${personId}/export`}
              download={`inwoner-${personId}.json`}
              variant="light"
            >
              {t('registry.rights.exportJson')}
            </Button>
            <Button
              component="a"
              href={`/api/persons/${personId}/export.html`}
              target="_blank"
              rel="noopener"
              variant="light"
            >
              {t('registry.rights.exportHtml')}
            </Button>
          </>
        ) : null}
        {canWrite && !anonymised ? (
          <Button variant="light" onClick={onRectify}>
            {t('registry.rights.rectify')}
          </Button>
        ) : null}
        {canRights ? (
          <>
            {!anonymised ? (
              <Button variant="outline" color="red.9" onClick={() => setDialog('anonymise')}>
                {t('registry.rights.anonymise')}
              </Button>
            ) : null}
            <Button variant="outline" color="red.9" onClick={() => setDialog('erase')}>
              {t('registry.rights.erase')}
            </Button>
          </>
        ) : null}
      </Stack>
      {dialog ? (
        <EraseDialog personId={personId} kind={dialog} name={name} opened onClose={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}
