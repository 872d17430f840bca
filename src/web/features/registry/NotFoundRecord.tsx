import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

/**
 * A record that could not be opened. The API answers "not found" both when it does not exist and
 * when the viewer has no access, so the page says both, without suggesting which.
 */
export function RecordUnavailable({ error, kind }: { error: unknown; kind: 'person' | 'household' }) {
  const { t } = useTranslation();
  const unavailable = error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');
  if (!unavailable) {
    return (
      <>
        <PageTitle title={t(kind === 'person' ? 'registry.person.title' : 'registry.household.title')} />
        <ErrorAlert error={error} />
      </>
    );
  }
  return (
    <>
      <PageTitle
        title={t(
          kind === 'person' ? 'registry.unavailable.personTitle' : 'registry.unavailable.householdTitle',
        )}
      />
      <Text mb="md" maw={640}>
        {t('registry.unavailable.body')}
      </Text>
      <Group>
        <Button component={Link} to="/residents" variant="default">
          {t('registry.unavailable.back')}
        </Button>
      </Group>
    </>
  );
}
