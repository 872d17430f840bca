import { Alert, Button, Card, Code, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import {
  adoptKey,
  type CreatedKey,
  createKey,
  fetchKeys,
  revokeKey,
  rotateKey,
  signalKeys,
} from './signalsApi.ts';

/**
 * A partner's API keys: make one (shown once), replace it, revoke it. A partner manages its own;
 * an administrator manages them on a partner's behalf by passing `partnerId`.
 */
export function KeysCard({ partnerId, partnerName }: { partnerId?: string; partnerName?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queryKey = [...signalKeys.keys, partnerId ?? 'own'];
  const keys = useQuery({ queryKey, queryFn: () => fetchKeys(partnerId) });
  const [label, setLabel] = useState('');
  const [postcodes, setPostcodes] = useState('');
  const [shown, setShown] = useState<CreatedKey | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey });
  const postcodeList = postcodes
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean);
  const create = useMutation({
    mutationFn: () => createKey(label.trim(), { partnerId, postcodes: postcodeList }),
    onSuccess: (key) => {
      setShown(key);
      setLabel('');
      setPostcodes('');
      refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (id: string) => rotateKey(id, partnerId),
    onSuccess: (key) => {
      setShown(key);
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => revokeKey(id, partnerId), onSuccess: refresh });
  const [adoptLabel, setAdoptLabel] = useState('');
  const [otherKey, setOtherKey] = useState('');
  const adopt = useMutation({
    mutationFn: () => adoptKey(adoptLabel.trim(), otherKey.trim(), partnerId),
    onSuccess: () => {
      setAdoptLabel('');
      setOtherKey('');
      refresh();
    },
  });
  const titleId = `keys-title-${partnerId ?? 'own'}`;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="xs">
        {partnerName ? t('signals.keys.titleFor', { partner: partnerName }) : t('signals.keys.title')}
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
      <ErrorAlert error={keys.error ?? create.error ?? rotate.error ?? revoke.error ?? adopt.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (label.trim()) create.mutate();
        }}
      >
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput
            label={t('signals.keys.label')}
            description={t('signals.keys.labelHelp')}
            descriptionProps={{ c: 'gray.8' }}
            value={label}
            onChange={(event) => setLabel(event.currentTarget.value)}
            maxLength={100}
            required
          />
          <TextInput
            label={t('signals.keys.postcodes')}
            description={t('signals.keys.postcodesHelp')}
            descriptionProps={{ c: 'gray.8' }}
            value={postcodes}
            onChange={(event) => setPostcodes(event.currentTarget.value)}
            maxLength={500}
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
                <Table.Th scope="col">{t('signals.keys.postcodes')}</Table.Th>
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
                    {key.postcodes.length > 0 ? key.postcodes.join(', ') : t('signals.keys.allPostcodes')}
                  </Table.Td>
                  <Table.Td>
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('signals.keys.never')}
                  </Table.Td>
                  <Table.Td>{key.revokedAt ? t('signals.keys.revoked') : t('signals.keys.active')}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? null : (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => rotate.mutate(key.id)}>
                          {t('signals.keys.rotate')}
                        </Button>
                        <Button size="xs" variant="default" c="red.9" onClick={() => revoke.mutate(key.id)}>
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
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (adoptLabel.trim() && otherKey.trim()) adopt.mutate();
        }}
      >
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('signals.keys.adoptTitle')}
        </Title>
        <Text size="sm" mb="xs" c="gray.8">
          {t('signals.keys.adoptHelp')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('signals.keys.adoptLabel')}
            value={adoptLabel}
            onChange={(event) => setAdoptLabel(event.currentTarget.value)}
            maxLength={100}
            required
          />
          <TextInput
            label={t('signals.keys.adoptKey')}
            value={otherKey}
            onChange={(event) => setOtherKey(event.currentTarget.value)}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <Button type="submit" variant="default" loading={adopt.isPending}>
            {t('signals.keys.adopt')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
