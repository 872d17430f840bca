import { Button, Card, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useNeeds } from './helpApi.ts';
import { NeedTable } from './NeedTable.tsx';

/** Every request this person may see; a partner organisation sees the ones it posted. */
export function NeedsPage() {
  const { t } = useTranslation();
  const needs = useNeeds();
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
      <Card withBorder padding="md">
        {!needs.data ? (
          <Loading />
        ) : needs.data.length === 0 ? (
          <Text>{t('help.needs.none')}</Text>
        ) : (
          <NeedTable needs={needs.data} label={t('help.needs.title')} />
        )}
      </Card>
    </>
  );
}
