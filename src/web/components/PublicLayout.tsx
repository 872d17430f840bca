import { Box, Container, Group } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Loading } from './Loading.tsx';
import { SkipLink } from './SkipLink.tsx';

/** Layout for pages open to everyone: sign-in, password pages, not found. Shows `Loading` while a page's code arrives. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Link to="/" className="brand">
              {t('app.name')}
            </Link>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size="sm" py="lg" px="sm" component="main" id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}
