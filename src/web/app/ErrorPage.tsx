import { Button, Container, Group, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../api.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Shown when a page fails to render: plain words, a way back, nothing technical. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    document.title = `${t('errorPage.title')} · ${t('app.name')}`;
    console.warn(error);
  }, [error, t]);

  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Container size="sm" py="xl" component="main" id="main">
      {notFound ? (
        <NotFoundPage />
      ) : (
        <>
          <Title order={1} mb="sm">
            {t('errorPage.title')}
          </Title>
          <Text mb="lg">{error instanceof ApiError ? t(`errors.${error.code}`) : t('errorPage.body')}</Text>
          <Group>
            <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
            <Button component="a" href="/" variant="default">
              {t('app.home')}
            </Button>
          </Group>
        </>
      )}
    </Container>
  );
}
