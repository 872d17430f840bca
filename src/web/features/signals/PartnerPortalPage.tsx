import { Alert, Badge, Button, Card, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import {
  type CreatedKey,
  createKey,
  fetchKeys,
  fetchSubmissions,
  revokeKey,
  rotateKey,
  signalKeys,
} from './signalsApi.ts';

/** A partner's own page: what it sent, whether someone picked it up (never why), and its API keys. */
export function PartnerPortalPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const submissions = useQuery({ queryKey: signalKeys.submissions, queryFn: fetchSubmissions });
  const keys = useQuery({ queryKey: signalKeys.keys, queryFn: fetchKeys });
  const [label, setLabel] = useState('');
  const [shown, setShown] = useState<CreatedKey | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: signalKeys.keys });
  const create = useMutation({
    mutationFn: () => createKey(label.trim()),
    onSuccess: (key) => {
      setShown(key);
      setLabel('');
      refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: rotateKey,
    onSuccess: (key) => {
      setShown(key);
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: revokeKey, onSuccess: refresh });

  const list = submissions.data?.submissions ?? [];
  const picked = list.filter((s) => s.status === 'picked_up').length;

  return (
    <>
      <PageTitle
        title={t('signals.portal.title')}
        intro={
          submissions.data ? t('signals.portal.intro', { partner: submissions.data.partnerName }) : undefined
        }
        actions={
          <Button component={Link} to="/signals/upload">
            {t('signals.portal.upload')}
          </Button>
        }
      />
      <Stack gap="lg" maw={1000}>
        <Card withBorder padding="md" component="section" aria-labelledby="submissions-title">
          <Title order={2} size="h4" id="submissions-title" mb="xs">
            {t('signals.portal.submissionsTitle')}
          </Title>
          <Text mb="sm" c="dimmed">
            {t('signals.portal.submissionsIntro')}
          </Text>
          <ErrorAlert error={submissions.error} />
          {submissions.data ? (
            <Text mb="sm">{t('signals.portal.counts', { total: list.length, picked })}</Text>
          ) : null}
          {list.length > 0 ? (
            <ScrollTable label={t('signals.portal.submissionsTitle')} minWidth={480}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('signals.field.reference')}</Table.Th>
                    <Table.Th scope="col">{t('signals.field.kind')}</Table.Th>
                    <Table.Th scope="col">{t('signals.portal.received')}</Table.Th>
                    <Table.Th scope="col">{t('signals.portal.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.reference}</Table.Td>
                      <Table.Td>{t(`signals.kind.${s.kind}`)}</Table.Td>
                      <Table.Td>{formatDateTime(s.receivedAt)}</Table.Td>
                      <Table.Td>
                        <Badge color={s.status === 'picked_up' ? 'teal.9' : 'gray.7'} variant="filled">
                          {t(`signals.portal.${s.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="keys-title">
          <Title order={2} size="h4" id="keys-title" mb="xs">
            {t('signals.keys.title')}
          </Title>
          <Text mb="sm" c="dimmed">
            {t('signals.keys.intro')}
          </Text>
          {shown ? (
            <Alert color="yellow" variant="light" title={t('signals.keys.shownTitle')} mb="md" role="status">
              <Text mb="xs">{t('signals.keys.shownOnce')}</Text>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {shown.key}
              </Code>
              <Button variant="default" mt="sm" onClick={() => setShown(null)}>
                {t('signals.keys.stored')}
              </Button>
            </Alert>
          ) : null}
          <ErrorAlert error={keys.error ?? create.error ?? rotate.error ?? revoke.error} />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (label.trim()) create.mutate();
            }}
          >
            <Group align="flex-end" mb="md">
              <TextInput
                label={t('signals.keys.label')}
                description={t('signals.keys.labelHelp')}
                descriptionProps={{ c: 'gray.8' }}
                value={label}
                onChange={(event) => setLabel(event.currentTarget.value)}
                maxLength={100}
                required
              />
              <Button type="submit" loading={create.isPending}>
                {t('signals.keys.create')}
              </Button>
            </Group>
          </form>
          {keys.data && keys.data.length > 0 ? (
            <ScrollTable label={t('signals.keys.title')} minWidth={560}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('signals.keys.label')}</Table.Th>
                    <Table.Th scope="col">{t('signals.keys.start')}</Table.Th>
                    <Table.Th scope="col">{t('signals.keys.lastUsed')}</Table.Th>
                    <Table.Th scope="col">{t('signals.portal.status')}</Table.Th>
                    <Table.Th scope="col">{t('signals.keys.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {keys.data.map((key) => (
                    <Table.Tr key={key.id}>
                      <Table.Td>{key.label}</Table.Td>
                      <Table.Td>
                        <Code>{key.prefix}</Code>
                      </Table.Td>
                      <Table.Td>
                        {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('signals.keys.never')}
                      </Table.Td>
                      <Table.Td>
                        {key.revokedAt ? t('signals.keys.revoked') : t('signals.keys.active')}
                      </Table.Td>
                      <Table.Td>
                        {key.revokedAt ? null : (
                          <Group gap="xs" wrap="nowrap">
                            <Button size="xs" variant="default" onClick={() => rotate.mutate(key.id)}>
                              {t('signals.keys.rotate')}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              c="red.9"
                              onClick={() => revoke.mutate(key.id)}
                            >
                              {t('signals.keys.revoke')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
          <Text size="sm" mt="sm">
            {t('signals.keys.docs')} <a href="/api/docs">/api/docs</a>
          </Text>
        </Card>
      </Stack>
    </>
  );
}
