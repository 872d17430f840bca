import { Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The one h1 of a page; also sets the document title. */
export function PageTitle({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Stack gap={4} mb="lg">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.75rem', alignItems: 'center' }}>
        <Title order={1} style={{ flex: '1 1 auto' }}>
          {title}
        </Title>
        {actions}
      </div>
      {intro ? <Text c="dimmed">{intro}</Text> : null}
    </Stack>
  );
}
