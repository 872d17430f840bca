import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { useConcernDone, useConcerns } from './outreachApi.ts';

/** For social workers: concerns about safety at home and referrals heard on the doorstep. */
export function ConcernsPage() {
  const { t } = useTranslation();
  const concerns = useConcerns();
  const done = useConcernDone();
  const date = new Intl.DateTimeFormat(locales[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <>
      <PageTitle title={t('outreach.concerns.title')} intro={t('outreach.concerns.intro')} />
      <ErrorAlert error={concerns.error ?? done.error} />
      {!concerns.data ? (
        <Loading />
      ) : concerns.data.length === 0 ? (
        <Card withBorder padding="md">
          <Text>{t('outreach.concerns.none')}</Text>
        </Card>
      ) : (
        <Stack gap="sm">
          {concerns.data.map((c) => (
            <Card withBorder padding="md" key={c.id}>
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <div>
                  <Group gap="xs">
                    <Badge color={c.kind === 'safety' ? 'red' : 'indigo'}>
                      {t(`outreach.concerns.kind.${c.kind}`)}
                    </Badge>
                    <Title order={2} size="h4">
                      <Link to={`/households/${c.householdId}`}>{c.householdName}</Link>
                    </Title>
                  </Group>
                  <Text size="sm">{c.address}</Text>
                  <Text size="sm">
                    {t('outreach.concerns.heard', {
                      campaign: c.campaignName,
                      visitor: c.visitorName,
                      when: date.format(new Date(c.createdAt)),
                    })}
                  </Text>
                  {c.note ? <Text mt="xs">{c.note}</Text> : null}
                </div>
                <Button variant="default" onClick={() => done.mutate(c.id)} loading={done.isPending}>
                  {t('outreach.concerns.taken')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
