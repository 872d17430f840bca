import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UploadPreview } from '../../../shared/signals.schemas.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilePickerCard, PreviewCard, useFileCheck } from '../../components/FileCheck.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage, formatDateTime, locales } from '../../i18n/index.ts';
import { RowErrorTable } from './RowErrorTable.tsx';
import {
  fetchUploads,
  formatEuro,
  importUpload,
  previewUpload,
  rowErrorsOf,
  signalKeys,
} from './signalsApi.ts';

const MAX_BYTES = 20 * 1024 * 1024;

/** For partners without IT: upload a spreadsheet, see what would be saved, then send it. */
export function UploadPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = locales[currentLanguage()];
  const uploads = useQuery({ queryKey: signalKeys.uploads, queryFn: fetchUploads });
  const preview = useMutation({
    mutationFn: ({ data, name }: { data: ArrayBuffer; name: string }) => previewUpload(data, name),
  });
  const send = useMutation({
    mutationFn: ({ data, name }: { data: ArrayBuffer; name: string }) => importUpload(data, name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: signalKeys.all }),
  });

  const check = useFileCheck({
    maxBytes: MAX_BYTES,
    tooLarge: t('signals.upload.tooLarge'),
    onReset: () => {
      preview.reset();
      send.reset();
    },
    onRead: (data, chosen) => preview.mutate({ data, name: chosen.name }),
  });
  const { file, bytes } = check;

  const result: UploadPreview | undefined = preview.data;
  const sendErrors = rowErrorsOf(send.error);

  return (
    <>
      <PageTitle title={t('signals.upload.title')} intro={t('signals.upload.intro')} />
      <Stack gap="lg" maw={1000}>
        <FilePickerCard
          label={t('signals.upload.file')}
          description={t('signals.upload.fileHelp')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          clearLabel={t('signals.upload.clear')}
          checking={preview.isPending ? t('signals.upload.checking') : null}
          check={check}
        />

        {rowErrorsOf(preview.error) ? (
          <Card withBorder padding="md">
            <RowErrorTable errors={rowErrorsOf(preview.error)!} />
          </Card>
        ) : (
          <ErrorAlert error={preview.error} />
        )}

        {result ? (
          <PreviewCard
            title={t('signals.upload.previewTitle')}
            facts={[
              { label: t('signals.upload.rows'), value: result.rows },
              { label: t('signals.upload.valid'), value: result.valid },
              { label: t('signals.upload.duplicates'), value: result.duplicates },
              {
                label: t('signals.upload.format'),
                value:
                  result.format === 'xlsx'
                    ? 'Excel'
                    : t('signals.upload.csvFormat', {
                        encoding: (result.encoding ?? '').toUpperCase(),
                        separator: result.separator === '\t' ? 'tab' : result.separator,
                      }),
              },
            ]}
          >
            {result.sample.length > 0 ? (
              <>
                <Title order={3} size="h5" mt="md" mb="xs">
                  {t('signals.upload.sampleTitle')}
                </Title>
                <ScrollTable label={t('signals.upload.sampleTitle')} minWidth={720}>
                  <Table verticalSpacing="xs" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('signals.field.reference')}</Table.Th>
                        <Table.Th scope="col">{t('signals.field.kind')}</Table.Th>
                        <Table.Th scope="col">{t('signals.upload.colName')}</Table.Th>
                        <Table.Th scope="col">{t('signals.upload.colAddress')}</Table.Th>
                        <Table.Th scope="col">{t('signals.field.amount')}</Table.Th>
                        <Table.Th scope="col">{t('signals.field.plannedAction')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.sample.slice(0, 10).map((row) => (
                        <Table.Tr key={row.row}>
                          <Table.Td>{row.reference}</Table.Td>
                          <Table.Td>{t(`signals.kind.${row.kind}`)}</Table.Td>
                          <Table.Td>{row.name}</Table.Td>
                          <Table.Td>{row.address}</Table.Td>
                          <Table.Td>{formatEuro(row.amountCents, locale)}</Table.Td>
                          <Table.Td>
                            {row.plannedAction === 'none'
                              ? '—'
                              : `${t(`signals.action.${row.plannedAction}`)} ${row.plannedDate ?? ''}`}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              </>
            ) : null}
            {result.errors.length > 0 ? (
              <>
                <Title order={3} size="h5" mt="md" mb="xs">
                  {t('signals.upload.errorsTitle')}
                </Title>
                <Text mb="xs">{t('signals.upload.errorsIntro', { count: result.errors.length })}</Text>
                <RowErrorTable errors={result.errors} />
              </>
            ) : (
              <Group mt="md">
                <Button
                  onClick={() => bytes && file && send.mutate({ data: bytes, name: file.name })}
                  loading={send.isPending}
                  disabled={send.isSuccess || result.valid === 0}
                >
                  {t('signals.upload.send', { count: result.valid })}
                </Button>
              </Group>
            )}
          </PreviewCard>
        ) : null}

        {sendErrors ? (
          <Card withBorder padding="md">
            <RowErrorTable errors={sendErrors} />
          </Card>
        ) : (
          <ErrorAlert error={send.error} />
        )}
        <div aria-live="polite">
          {send.data ? (
            <Card withBorder padding="md" role="status">
              <Text fw={700}>{t('signals.upload.doneTitle')}</Text>
              <Text>
                {t('signals.upload.done', { count: send.data.created, duplicates: send.data.duplicates })}
              </Text>
            </Card>
          ) : null}
        </div>

        <Card withBorder padding="md" component="section" aria-labelledby="uploads-title">
          <Title order={2} size="h4" id="uploads-title" mb="sm">
            {t('signals.upload.historyTitle')}
          </Title>
          <ErrorAlert error={uploads.error} />
          {uploads.data && uploads.data.length === 0 ? <Text>{t('signals.upload.noHistory')}</Text> : null}
          {uploads.data && uploads.data.length > 0 ? (
            <ScrollTable label={t('signals.upload.historyTitle')} minWidth={520}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('signals.upload.colWhen')}</Table.Th>
                    <Table.Th scope="col">{t('signals.upload.colFile')}</Table.Th>
                    <Table.Th scope="col">{t('signals.upload.rows')}</Table.Th>
                    <Table.Th scope="col">{t('signals.upload.colNew')}</Table.Th>
                    <Table.Th scope="col">{t('signals.upload.duplicates')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {uploads.data.map((upload) => (
                    <Table.Tr key={upload.id}>
                      <Table.Td>{formatDateTime(upload.createdAt)}</Table.Td>
                      <Table.Td>{upload.fileName ?? t('signals.upload.viaApi')}</Table.Td>
                      <Table.Td>{upload.rows}</Table.Td>
                      <Table.Td>{upload.created}</Table.Td>
                      <Table.Td>{upload.duplicates}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
        </Card>
      </Stack>
    </>
  );
}
