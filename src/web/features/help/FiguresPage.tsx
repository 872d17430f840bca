import { Card, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { hours, typeLabel } from './format.ts';
import { useCatalogue, useFigures } from './helpApi.ts';

/**
 * Per kind of help and neighbourhood, over the last year: no person, only counts. A count under 5
 * comes as null and reads "fewer than 5"; a share, median or sum worked out from fewer than 5
 * requests comes as null too and reads "too few requests".
 */
export function FiguresPage() {
  const { t } = useTranslation();
  const figures = useFigures();
  const catalogue = useCatalogue();
  const percent = new Intl.NumberFormat(locales[currentLanguage()], { style: 'percent' });
  const number = new Intl.NumberFormat(locales[currentLanguage()], { maximumFractionDigits: 1 });
  const small = figures.data?.smallNumber ?? 5;
  // In the order of the names the reader sees, then by neighbourhood.
  const label = (code: string) => typeLabel(catalogue.data?.helpTypes, code);
  const collator = new Intl.Collator(locales[currentLanguage()]);
  const rows = [...(figures.data?.rows ?? [])].sort(
    (a, b) =>
      collator.compare(label(a.helpType), label(b.helpType)) || collator.compare(a.areaName, b.areaName),
  );
  const count = (value: number | null) =>
    value === null ? (
      <>
        <span aria-hidden="true">—</span>
        <VisuallyHidden>{t('help.figures.withheld')}</VisuallyHidden>
      </>
    ) : (
      number.format(value)
    );
  const tooFew = t('help.figures.tooFew');
  return (
    <>
      <PageTitle title={t('help.figures.title')} intro={t('help.figures.intro', { n: small })} />
      <ErrorAlert error={figures.error} />
      <Card withBorder padding="md">
        {!figures.data ? (
          <Loading />
        ) : figures.data.rows.length === 0 ? (
          <Text>{t('help.figures.none')}</Text>
        ) : (
          <ScrollTable label={t('help.figures.title')} minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('help.need.type')}</Table.Th>
                  <Table.Th scope="col">{t('help.need.area')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.needs')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.matched')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.within48h')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.median')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.noMatch')}</Table.Th>
                  <Table.Th scope="col">{t('help.figures.hours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.helpType}/${r.areaName}`}>
                    <Table.Th scope="row">{label(r.helpType)}</Table.Th>
                    <Table.Td>{r.areaName}</Table.Td>
                    <Table.Td>{count(r.needs)}</Table.Td>
                    <Table.Td>{count(r.matched)}</Table.Td>
                    <Table.Td>
                      {r.shareWithin48h === null ? count(null) : percent.format(r.shareWithin48h)}
                    </Table.Td>
                    <Table.Td>
                      {r.medianHoursToMatch === null
                        ? tooFew
                        : t('help.figures.hoursValue', { n: number.format(r.medianHoursToMatch) })}
                    </Table.Td>
                    <Table.Td>{count(r.noMatch)}</Table.Td>
                    <Table.Td>{r.minutes === null ? tooFew : hours(r.minutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>
    </>
  );
}
