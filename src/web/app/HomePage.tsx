import { Badge, Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { navItems } from './AppLayout.tsx';
import { useMe } from './session.tsx';

/** What each place is for, in a line: every navigation item but the start page has one. */
export const descriptions: Record<string, string> = {
  '/users': 'home.usersText',
  '/audit': 'home.auditText',
  '/outbox': 'home.outboxText',
  '/neighbourhoods': 'home.neighbourhoodsText',
  '/residents': 'home.residentsText',
  '/addresses/import': 'home.addressImportText',
  '/help/me': 'home.helpMeText',
  '/help/board': 'home.helpBoardText',
  '/help/needs': 'home.helpNeedsText',
  '/help/volunteers': 'home.helpVolunteersText',
  '/help/figures': 'home.helpFiguresText',
  '/help/types': 'home.helpTypesText',
  '/coaching/me': 'home.coachingMeText',
  '/coaching': 'home.coachingText',
  '/coaching/programmes': 'home.coachingProgrammesText',
  '/coaching/alerts': 'home.coachingAlertsText',
  '/coaching/coaches': 'home.coachingCoachesText',
  '/coaching/refer': 'home.coachingReferText',
  '/coaching/my-referrals': 'home.coachingMyReferralsText',
  '/coaching/dashboard': 'home.coachingDashboardText',
  '/outreach/day': 'home.outreachDayText',
  '/outreach/concerns': 'home.outreachConcernsText',
  '/outreach': 'home.outreachText',
  '/signals/cases': 'home.signalsCasesText',
  '/signals/review': 'home.signalsReviewText',
  '/signals/committee': 'home.signalsCommitteeText',
  '/signals/portal': 'home.signalsPortalText',
  '/signals/upload': 'home.signalsUploadText',
  '/signals/setup': 'home.signalsSetupText',
};

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const shortcuts = navItems.filter((item) => item.action && me.actions.includes(item.action));
  // A resident works in no service: what they can do here is ask for help or offer it.
  const residentOnly = me.roles.length > 0 && me.roles.every((role) => role === 'resident');

  return (
    <>
      <PageTitle
        title={t('home.greeting', { name: me.user.displayName })}
        intro={t(residentOnly ? 'home.residentIntro' : 'home.municipality', { municipality: me.tenant.name })}
      />
      {residentOnly ? <ResidentCards slug={me.tenant.slug} municipality={me.tenant.name} /> : null}
      {residentOnly ? null : (
        <Card withBorder padding="lg" mb="lg" component="section" aria-labelledby="roles-title">
          <Title order={2} size="h4" id="roles-title" mb="sm">
            {t('home.rolesTitle')}
          </Title>
          {me.roles.length === 0 ? (
            <Text>{t('home.noRoles')}</Text>
          ) : (
            <Group gap="xs">
              {me.roles.map((role) => (
                <Badge key={role} variant="light" size="lg" tt="none">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
          )}
        </Card>
      )}
      {shortcuts.length > 0 ? (
        <section aria-labelledby="shortcuts-title">
          <Title order={2} size="h4" id="shortcuts-title" mb="sm">
            {t('home.shortcutsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {shortcuts.map((item) => (
              <Card key={item.to} withBorder padding="lg">
                <Title order={3} size="h5" mb={4}>
                  {t(item.label)}
                </Title>
                <Text size="sm" mb="md" style={{ flex: 1 }}>
                  {t(descriptions[item.to] ?? '')}
                </Text>
                <Button
                  component={Link}
                  to={item.to}
                  variant="light"
                  aria-label={t('common.labelled', { label: t('home.open'), value: t(item.label) })}
                >
                  {t('home.open')}
                </Button>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      ) : null}
    </>
  );
}

/** For a resident: the city's public pages, and where to ask what the city keeps about them. */
function ResidentCards({ slug, municipality }: { slug: string; municipality: string }) {
  const { t } = useTranslation();
  const cards = [
    {
      to: `/help/ask?tenant=${encodeURIComponent(slug)}`,
      title: 'home.residentAskTitle',
      text: 'home.residentAskText',
    },
    {
      to: `/help/volunteer?tenant=${encodeURIComponent(slug)}`,
      title: 'home.residentVolunteerTitle',
      text: 'home.residentVolunteerText',
    },
  ];
  return (
    <section aria-labelledby="resident-title">
      <Title order={2} size="h4" id="resident-title" mb="sm">
        {t('home.shortcutsTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg">
        {cards.map((card) => (
          <Card key={card.to} withBorder padding="lg">
            <Title order={3} size="h5" mb={4}>
              {t(card.title, { municipality })}
            </Title>
            <Text size="sm" mb="md" style={{ flex: 1 }}>
              {t(card.text)}
            </Text>
            <Button component={Link} to={card.to} variant="light">
              {t(card.title, { municipality })}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm">{t('home.residentData', { municipality })}</Text>
    </section>
  );
}
