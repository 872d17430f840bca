import { Accordion, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/index.ts';

interface OutboxMessage {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;
const IN_APP_PATHS = ['/set-password'];

/** Makes links in an e-mail clickable; links into this app open here, whatever host the e-mail names. */
function linkify(body: string): ReactNode[] {
  return body.split(URL_PATTERN).map((part, index) => {
    if (index % 2 === 0) return part;
    let url: URL | null = null;
    try {
      url = new URL(part);
    } catch {
      return part;
    }
    if (IN_APP_PATHS.includes(url.pathname)) {
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
        <Anchor key={index} component={Link} to={url.pathname + url.search}>
          {part}
        </Anchor>
      );
    }
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
      <Anchor key={index} href={part} rel="noopener noreferrer">
        {part}
      </Anchor>
    );
  });
}

export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: () => api<OutboxMessage[]>('/api/admin/outbox', { query: { limit: 100 } }),
  });

  const statusLabel = (status: string) =>
    ['pending', 'sent', 'failed', 'kept'].includes(status) ? t(`outbox.status.${status}`) : status;

  return (
    <>
      <PageTitle title={t('outbox.title')} intro={t('outbox.intro')} />
      <ErrorAlert error={outbox.error} />
      {outbox.isPending ? <Loading /> : null}
      {outbox.data && outbox.data.length === 0 ? <Text>{t('outbox.none')}</Text> : null}
      {outbox.data && outbox.data.length > 0 ? (
        <Accordion variant="separated" multiple bg="transparent">
          {outbox.data.map((message) => (
            <Accordion.Item key={message.id} value={message.id} bg="white">
              <Accordion.Control>
                <Stack gap={2}>
                  <Text fw={600}>{message.subject}</Text>
                  <Group gap="xs">
                    <Text size="sm">
                      {t('common.labelled', { label: t('outbox.colTo'), value: message.toAddress })}
                    </Text>
                    <Text size="sm">· {formatDateTime(message.createdAt)}</Text>
                    <Badge variant="outline" color="gray.8" tt="none" size="sm">
                      {statusLabel(message.status)}
                    </Badge>
                  </Group>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" fw={600} mb={4}>
                  {t('outbox.showBody')}
                </Text>
                {message.status === 'sent' && message.body === '' ? (
                  <Text size="sm">{t('outbox.bodyErased')}</Text>
                ) : (
                  <pre className="mail-body">{linkify(message.body)}</pre>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
    </>
  );
}
