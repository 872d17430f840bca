import { Button, Card, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type HelpNeedStatus, helpNeedStatuses } from '../../../shared/help.schemas.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useNeeds } from './helpApi.ts';
import { NeedTable } from './NeedTable.tsx';

/**
 * Every request this person may see; a partner organisation sees the ones it posted. A status
 * narrows the list (kept in the address, so it can be shared and survives going back).
 */
export function NeedsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status = helpNeedStatuses.find((s) => s === asked) as HelpNeedStatus | undefined;
  const needs = useNeeds(status);
  const canWrite = useCan('help.needs.write');
  return (
    <>
      <PageTitle
        title={t('help.needs.title')}
        intro={t('help.needs.intro')}
        actions={
          canWrite ? (
            <Button component={Link} to="/help/needs/new">
              {t('help.board.newNeed')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={needs.error} />
      <NativeSelect
        label={t('help.needs.statusFilter')}
        value={status ?? ''}
        onChange={(event) => {
          const next = event.currentTarget.value;
          setParams(next ? { status: next } : {}, { replace: true });
        }}
        data={[
          { value: '', label: t('help.needs.allStatuses') },
          ...helpNeedStatuses.map((s) => ({ value: s, label: t(`help.status.${s}`) })),
        ]}
        maw={320}
        mb="md"
      />
      <Card withBorder padding="md">
        {!needs.data ? (
          <Loading />
        ) : needs.data.length === 0 ? (
          <Text>{status ? t('help.needs.noneInStatus') : t('help.needs.none')}</Text>
        ) : (
          <NeedTable needs={needs.data} label={t('help.needs.title')} />
        )}
      </Card>
    </>
  );
}
