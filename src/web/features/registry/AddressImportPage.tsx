import { Alert, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportRowError } from '../../../shared/registry.schemas.ts';
import { ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilePickerCard, PreviewCard, useFileCheck } from '../../components/FileCheck.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { rowReason } from '../../components/rowReason.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { importFields } from './importFields.ts';
import { fetchImport, previewImport, registryKeys, startImport } from './registryApi.ts';

const MAX_BYTES = 50 * 1024 * 1024;

function RowErrors({ errors }: { errors: ImportRowError[] }) {
  const { t, i18n } = useTranslation();
  const shown = errors.slice(0, 200);
  return (
    <>
      <ScrollTable label={t('registry.import.errorsTitle')} minWidth={480}>
        <Table verticalSpacing="xs" striped bg="white">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('registry.import.colRow')}</Table.Th>
              <Table.Th scope="col">{t('registry.import.colField')}</Table.Th>
              <Table.Th scope="col">{t('registry.import.colReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same row and field can fail twice
              <Table.Tr key={index}>
                <Table.Td>{error.row === 0 ? t('registry.import.wholeFile') : error.row}</Table.Td>
                <Table.Td>
                  {importFields.includes(error.field)
                    ? t(`registry.import.fields.${error.field}`)
                    : error.field}
                </Table.Td>
                <Table.Td>{rowReason(i18n, 'registry.import.reasons', error)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {errors.length > shown.length ? (
        <Text size="sm" mt="xs">
          {t('registry.import.moreErrors', { count: errors.length - shown.length })}
        </Text>
      ) : null}
    </>
  );
}

function rowErrorsOf(error: unknown): ImportRowError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return null;
  const rows = (error.details as Partial<ImportRowError>[]).filter((d) => typeof d?.row === 'number');
  return rows.length > 0 ? (rows as ImportRowError[]) : null;
}

/** Load the address register from a CSV export: check first, then import everything or nothing. */
export function AddressImportPage() {
  const { t } = useTranslation();
  const [importId, setImportId] = useState<string | null>(null);

  const preview = useMutation({ mutationFn: (data: ArrayBuffer) => previewImport(data) });
  const start = useMutation({
    mutationFn: ({ data, name }: { data: ArrayBuffer; name: string }) => startImport(data, name),
    onSuccess: (job) => setImportId(job.id),
  });
  const progress = useQuery({
    queryKey: registryKeys.addressImport(importId ?? ''),
    queryFn: () => fetchImport(importId as string),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 1000),
  });

  const check = useFileCheck({
    maxBytes: MAX_BYTES,
    tooLarge: t('registry.import.tooLarge'),
    onReset: () => {
      setImportId(null);
      preview.reset();
      start.reset();
    },
    onRead: (data) => preview.mutate(data),
  });
  const { file, bytes } = check;

  const result: ImportPreview | undefined = preview.data;
  const job = progress.data;
  const percent = job && job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : 0;
  const startRowErrors = rowErrorsOf(start.error);

  return (
    <>
      <PageTitle title={t('registry.import.title')} intro={t('registry.import.intro')} />
      <Stack gap="lg" maw={960}>
        <FilePickerCard
          label={t('registry.import.file')}
          description={t('registry.import.fileHelp')}
          placeholder={t('registry.import.choose')}
          accept=".csv,text/csv"
          clearLabel={t('registry.import.clear')}
          checking={preview.isPending ? t('registry.import.checking') : null}
          check={check}
        />

        <ErrorAlert error={preview.error} />

        {result ? (
          <PreviewCard
            title={t('registry.import.previewTitle')}
            facts={[
              { label: t('registry.import.rows'), value: result.rows },
              { label: t('registry.import.valid'), value: result.valid },
              { label: t('registry.import.existing'), value: result.existing },
              {
                label: t('registry.import.format'),
                value: t('registry.import.formatValue', {
                  encoding: result.encoding.toUpperCase(),
                  separator: result.separator,
                  coordinates: t(`registry.import.coordinates.${result.coordinateSystem}`),
                }),
              },
            ]}
          >
            {result.sample.length > 0 ? (
              <>
                <Title order={3} size="h5" mt="md" mb="xs">
                  {t('registry.import.sampleTitle')}
                </Title>
                <ScrollTable label={t('registry.import.sampleTitle')} minWidth={560}>
                  <Table verticalSpacing="xs" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('registry.form.street')}</Table.Th>
                        <Table.Th scope="col">{t('registry.form.houseNumber')}</Table.Th>
                        <Table.Th scope="col">{t('registry.form.box')}</Table.Th>
                        <Table.Th scope="col">{t('registry.form.postcode')}</Table.Th>
                        <Table.Th scope="col">{t('registry.form.municipality')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.sample.slice(0, 10).map((row, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no id yet
                        <Table.Tr key={index}>
                          <Table.Td>{row.street}</Table.Td>
                          <Table.Td>{row.houseNumber}</Table.Td>
                          <Table.Td>{row.box ?? ''}</Table.Td>
                          <Table.Td>{row.postcode}</Table.Td>
                          <Table.Td>{row.municipality}</Table.Td>
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
                  {t('registry.import.errorsTitle')}
                </Title>
                <Text mb="xs">{t('registry.import.errorsIntro', { n: result.errors.length })}</Text>
                <RowErrors errors={result.errors} />
              </>
            ) : (
              <Group mt="md">
                <Button
                  onClick={() => bytes && file && start.mutate({ data: bytes, name: file.name })}
                  loading={start.isPending}
                  disabled={importId !== null || result.valid === 0}
                >
                  {t('registry.import.start', { count: result.valid })}
                </Button>
              </Group>
            )}
          </PreviewCard>
        ) : null}

        {startRowErrors ? (
          <Card withBorder padding="md">
            <Text mb="xs">{t('registry.import.errorsIntro', { n: startRowErrors.length })}</Text>
            <RowErrors errors={startRowErrors} />
          </Card>
        ) : (
          <ErrorAlert error={start.error} />
        )}

        {importId ? (
          <Card withBorder padding="md" component="section" aria-labelledby="progress-title">
            <Title order={2} size="h4" id="progress-title" mb="sm">
              {t('registry.import.progressTitle')}
            </Title>
            <ErrorAlert error={progress.error} />
            <Progress
              value={job?.status === 'done' ? 100 : percent}
              size="lg"
              aria-label={t('registry.import.progressLabel')}
              color={job?.status === 'failed' ? 'red' : undefined}
              mb="sm"
            />
            <div aria-live="polite">
              {!job || job.status === 'running' ? (
                <Text>
                  {t('registry.import.running', {
                    done: job?.processedRows ?? 0,
                    count: job?.totalRows ?? 0,
                  })}
                </Text>
              ) : null}
              {job?.status === 'done' ? (
                <Alert
                  color="green"
                  variant="outline"
                  title={
                    <Text span fw={700} c="dark.9">
                      {t('registry.import.doneTitle')}
                    </Text>
                  }
                >
                  {t('registry.import.done', { count: job.insertedRows, existing: job.existingRows })}
                </Alert>
              ) : null}
              {job?.status === 'failed' ? (
                <Alert color="red" variant="light" title={t('errors.title')} role="alert">
                  {t('registry.import.failed')}
                  {job.error ? ` (${job.error})` : ''}
                </Alert>
              ) : null}
            </div>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
