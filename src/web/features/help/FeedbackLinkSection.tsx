import { Alert, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackLink, NeedDetail } from '../../../shared/help.schemas.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { formatMoment } from './format.ts';

/**
 * Staff ask the family for its own feedback: a single-use link by e-mail, or shown here once to
 * pass on (by text message, on paper). Only the newest link works.
 */
export function FeedbackLinkSection({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const link = need.feedbackLink;

  const ask = async (byEmail: boolean) => {
    setBusy(true);
    setFailure(null);
    setShown(null);
    try {
      const made = await api<FeedbackLink>(`/api/help/needs/${need.id}/feedback-link`, {
        method: 'POST',
        body: { byEmail },
      });
      if (made.url) setShown(made.url);
      else notify(t('help.feedbackLink.mailed'));
      await queryClient.invalidateQueries({ queryKey: ['help'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const status = !link
    ? t('help.feedbackLink.none')
    : link.usedAt
      ? t('help.feedbackLink.used', { at: formatMoment(link.usedAt) })
      : new Date(link.expiresAt).getTime() <= Date.now()
        ? t('help.feedbackLink.expired')
        : t(link.sentByEmail ? 'help.feedbackLink.sentByEmail' : 'help.feedbackLink.handedOut', {
            at: formatMoment(link.createdAt),
            until: formatMoment(link.expiresAt),
          });

  return (
    <Stack gap="xs" mb="md" component="section" aria-labelledby="feedback-link-title">
      <Title order={3} size="h5" id="feedback-link-title">
        {t('help.feedbackLink.title')}
      </Title>
      <Text size="sm">{status}</Text>
      <ErrorAlert error={failure} />
      {shown ? (
        <Alert color="blue" variant="light" role="status">
          <Stack gap="xs">
            <Text size="sm">{t('help.feedbackLink.passOn')}</Text>
            <TextInput
              label={t('help.feedbackLink.linkLabel')}
              value={shown}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={shown}>
              {({ copied, copy }) => (
                <div>
                  <Button variant="light" size="xs" onClick={copy}>
                    {copied ? t('help.feedbackLink.copied') : t('help.feedbackLink.copy')}
                  </Button>
                </div>
              )}
            </CopyButton>
          </Stack>
        </Alert>
      ) : null}
      <Group gap="xs">
        {need.familyHasEmail ? (
          <Button variant="light" size="xs" loading={busy} onClick={() => ask(true)}>
            {link ? t('help.feedbackLink.mailAgain') : t('help.feedbackLink.mail')}
          </Button>
        ) : null}
        <Button size="xs" loading={busy} onClick={() => ask(false)}>
          {link && !link.usedAt ? t('help.feedbackLink.makeNewLink') : t('help.feedbackLink.makeLink')}
        </Button>
      </Group>
      {link && !link.usedAt ? (
        <Text size="xs" c="dimmed">
          {t('help.feedbackLink.makeNewLinkHint')}
        </Text>
      ) : null}
    </Stack>
  );
}
