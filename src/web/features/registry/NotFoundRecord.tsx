import { Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { meKey } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

/**
 * A record that could not be opened. The API answers "not found" both when it does not exist and
 * when the viewer has no access, so the page says both, without suggesting which.
 */
export function RecordUnavailable({
  error,
  kind,
  onChangePurpose,
}: {
  error: unknown;
  kind: 'person' | 'household';
  /** Ask for the purpose again (when the one given no longer fits the reader's roles). */
  onChangePurpose?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const title = t(kind === 'person' ? 'registry.person.title' : 'registry.household.title');
  // The purpose remembered in this tab no longer fits the reader's roles (they changed since):
  // say so, and ask again with the roles as they are now.
  if (error instanceof ApiError && error.fields.purpose && onChangePurpose) {
    return (
      <>
        <PageTitle title={title} />
        <Text mb="md" maw={640}>
          {t('registry.purpose.notYours')}
        </Text>
        <Group>
          <Button
            onClick={async () => {
              // The roles as they are now first, so the question offers only what they allow.
              await queryClient.invalidateQueries({ queryKey: meKey });
              onChangePurpose();
            }}
          >
            {t('registry.purpose.change')}
          </Button>
        </Group>
      </>
    );
  }
  const unavailable = error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');
  if (!unavailable) {
    return (
      <>
        <PageTitle title={title} />
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
