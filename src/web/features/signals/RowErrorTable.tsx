import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RowError } from '../../../shared/signals.schemas.ts';
import { rowReason } from '../../components/rowReason.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';

/** Bad rows of a file: line, field and reason, so the sender can fix the file. */
export function RowErrorTable({ errors }: { errors: RowError[] }) {
  const { t, i18n } = useTranslation();
  const shown = errors.slice(0, 200);
  return (
    <>
      <ScrollTable label={t('signals.upload.errorsTitle')} minWidth={480}>
        <Table verticalSpacing="xs" striped bg="white">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('signals.upload.colRow')}</Table.Th>
              <Table.Th scope="col">{t('signals.upload.colField')}</Table.Th>
              <Table.Th scope="col">{t('signals.upload.colReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same row and field can fail twice
              <Table.Tr key={index}>
                <Table.Td>{error.row === 0 ? t('signals.upload.wholeFile') : error.row}</Table.Td>
                <Table.Td>{t(`signals.field.${error.field}`, { defaultValue: error.field })}</Table.Td>
                <Table.Td>{rowReason(i18n, 'signals.upload.reasons', error)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {errors.length > shown.length ? (
        <Text size="sm" mt="xs">
          {t('signals.upload.moreErrors', { count: errors.length - shown.length })}
        </Text>
      ) : null}
    </>
  );
}
