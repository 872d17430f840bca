import { AppShell, Burger, Button, Divider, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Action } from '../../shared/permissions.ts';
import type { Me } from '../../shared/schemas.ts';
import { api } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/Loading.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import i18n, { changeLanguage, setMunicipality, storedLanguage } from '../i18n/index.ts';
import { keepLoadedFiles } from '../offline.ts';
import { MeContext, rememberSignedIn, useMeQuery } from './session.tsx';

interface NavItem {
  to: string;
  label: string;
  action?: Action;
}

export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/residents', label: 'nav.residents', action: 'persons.read' },
  { to: '/help/me', label: 'nav.helpMe', action: 'help.volunteer' },
  { to: '/help/board', label: 'nav.helpBoard', action: 'help.match' },
  { to: '/help/needs', label: 'nav.helpNeeds', action: 'help.needs.read' },
  { to: '/help/volunteers', label: 'nav.helpVolunteers', action: 'help.volunteers.manage' },
  { to: '/help/figures', label: 'nav.helpFigures', action: 'help.insight' },
  { to: '/help/types', label: 'nav.helpTypes', action: 'help.types.manage' },
  { to: '/coaching/me', label: 'nav.coachingMe', action: 'coaching.coach' },
  { to: '/coaching', label: 'nav.coaching', action: 'coaching.manage' },
  { to: '/coaching/programmes', label: 'nav.coachingProgrammes', action: 'coaching.manage' },
  { to: '/coaching/alerts', label: 'nav.coachingAlerts', action: 'coaching.manage' },
  { to: '/coaching/coaches', label: 'nav.coachingCoaches', action: 'coaching.manage' },
  { to: '/coaching/refer', label: 'nav.coachingRefer', action: 'coaching.refer' },
  { to: '/coaching/my-referrals', label: 'nav.coachingMyReferrals', action: 'coaching.refer' },
  { to: '/coaching/dashboard', label: 'nav.coachingDashboard', action: 'coaching.insight' },
  { to: '/outreach/day', label: 'nav.outreachDay', action: 'outreach.visit' },
  { to: '/outreach/concerns', label: 'nav.outreachConcerns', action: 'outreach.concerns' },
  { to: '/outreach', label: 'nav.outreach', action: 'outreach.progress' },
  { to: '/neighbourhoods', label: 'nav.neighbourhoods', action: 'neighbourhoods.read' },
  { to: '/addresses/import', label: 'nav.addressImport', action: 'addresses.import' },
  { to: '/signals/cases', label: 'signals.nav.cases', action: 'signals.cases' },
  { to: '/signals/review', label: 'signals.nav.review', action: 'signals.review' },
  { to: '/signals/committee', label: 'signals.nav.committee', action: 'signals.committee' },
  { to: '/signals/portal', label: 'signals.nav.portal', action: 'signals.send' },
  { to: '/signals/upload', label: 'signals.nav.upload', action: 'signals.send' },
  { to: '/signals/setup', label: 'signals.nav.setup', action: 'signals.partners' },
  { to: '/users', label: 'nav.users', action: 'users.read' },
  { to: '/audit', label: 'nav.audit', action: 'audit.read' },
  { to: '/outbox', label: 'nav.outbox', action: 'outbox.read' },
];

/** Aligns the interface language with the account once after signing in. */
function useAccountLanguage(me: Me | null | undefined) {
  const done = useRef(false);
  useEffect(() => {
    if (!me || done.current) return;
    done.current = true;
    const chosen = storedLanguage();
    if (chosen && chosen !== me.user.language) {
      void api('/api/auth/language', { method: 'PUT', body: { language: chosen } }).catch(() => undefined);
    } else if (!chosen && i18n.language !== me.user.language) {
      void changeLanguage(me.user.language);
    }
  }, [me]);
}

/** The signed-in part of the app: header, navigation per role, main content. */
export function AppLayout() {
  const { data: me, isPending, error } = useMeQuery();
  const location = useLocation();
  useAccountLanguage(me);

  if (isPending) {
    return (
      <main id="main">
        <Loading />
      </main>
    );
  }
  if (error) throw error;
  if (!me) {
    const next = location.pathname + location.search;
    const target = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  // Before any text below renders: "{{programme}}" is this municipality's own name for volunteer help.
  setMunicipality(me.tenant.name);
  return (
    <MeContext.Provider value={me}>
      <Shell me={me} />
    </MeContext.Provider>
  );
}

function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const [busy, setBusy] = useState<'here' | 'everywhere' | null>(null);

  // Close the mobile menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change on purpose
  useEffect(() => {
    close();
  }, [location.pathname, close]);

  // A visitor's round opens at the door without a connection: the day's page is fetched now, and
  // the worker keeps it with everything else this tab loaded before it was there.
  const visits = me.actions.includes('outreach.visit');
  useEffect(() => {
    if (!visits) return;
    void import('../features/outreach/VisitorDayPage.tsx').then(keepLoadedFiles).catch(() => {});
  }, [visits]);

  const signOut = async (everywhere: boolean) => {
    setBusy(everywhere ? 'everywhere' : 'here');
    try {
      await api('/api/auth/logout', { method: 'POST', body: { everywhere } });
    } catch {
      // Signed out already, or the server is away: we still leave the signed-in part.
    }
    rememberSignedIn(false);
    window.location.assign(`/sign-in?reason=${everywhere ? 'signed-out-everywhere' : 'signed-out'}`);
  };

  const items = navItems.filter((item) => !item.action || me.actions.includes(item.action));
  // A person's or household's page belongs to the residents section.
  const section = /^\/(persons|households)\//.test(location.pathname) ? '/residents' : location.pathname;
  // The longest matching item wins, so /outreach/day does not also light up /outreach.
  const isActive = (to: string) =>
    to === '/'
      ? section === '/'
      : section.startsWith(to) &&
        !items.some(
          (other) => other.to.length > to.length && other.to.startsWith(to) && section.startsWith(other.to),
        );

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('app.closeMenu') : t('app.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Link to="/" className="brand">
              {t('app.name')}
            </Link>
            <Text size="sm" fw={600} c="gray.8" truncate visibleFrom="xs">
              {me.tenant.name}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('app.mainNav')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                variant="filled"
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="sm" />
          <Text size="sm" c="gray.8" mb="xs">
            {t('app.signedInAs', { name: me.user.displayName })}
          </Text>
          <Stack gap="xs">
            <Button variant="default" onClick={() => void signOut(false)} loading={busy === 'here'}>
              {t('app.signOut')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              c="red.9"
              onClick={() => void signOut(true)}
              loading={busy === 'everywhere'}
            >
              {t('app.signOutEverywhere')}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
