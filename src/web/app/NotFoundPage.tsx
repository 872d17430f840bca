import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('notFound.title')} intro={t('notFound.body')} />
      <Button component={Link} to="/">
        {t('app.home')}
      </Button>
    </>
  );
}
