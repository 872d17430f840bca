import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, onAuthFailure } from '../api.ts';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { SignInPage } from '../features/identity/SignInPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { HomePage } from './HomePage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAction } from './RequireAction.tsx';
import { rememberSignedIn } from './session.tsx';

/**
 * A page whose code is fetched when it is first opened, so a first visit downloads the app shell and
 * the sign-in page, not every feature. The layouts show `Loading` while it arrives (Suspense around
 * their outlet); a page that cannot be fetched (say, after a new version replaced its file) fails
 * like any page and shows ErrorPage, which offers to reload.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const AuditPage = page(() => import('../features/audit/AuditPage.tsx'), 'AuditPage');
const AlertsPage = page(() => import('../features/coaching/AlertsPage.tsx'), 'AlertsPage');
const CoachesPage = page(() => import('../features/coaching/CoachesPage.tsx'), 'CoachesPage');
const CoachHomePage = page(() => import('../features/coaching/CoachHomePage.tsx'), 'CoachHomePage');
const CoachingPage = page(() => import('../features/coaching/CoachingPage.tsx'), 'CoachingPage');
const DashboardPage = page(() => import('../features/coaching/DashboardPage.tsx'), 'DashboardPage');
const FamilyPage = page(() => import('../features/coaching/FamilyPage.tsx'), 'FamilyPage');
const MatchmakingPage = page(() => import('../features/coaching/MatchmakingPage.tsx'), 'MatchmakingPage');
const MyReferralsPage = page(() => import('../features/coaching/MyReferralsPage.tsx'), 'MyReferralsPage');
const ProgrammesPage = page(() => import('../features/coaching/ProgrammesPage.tsx'), 'ProgrammesPage');
const ReferPage = page(() => import('../features/coaching/ReferPage.tsx'), 'ReferPage');
const ReferralPage = page(() => import('../features/coaching/ReferralPage.tsx'), 'ReferralPage');
const AskHelpPage = page(() => import('../features/help/AskHelpPage.tsx'), 'AskHelpPage');
const BoardPage = page(() => import('../features/help/BoardPage.tsx'), 'BoardPage');
const ConfirmSignupPage = page(() => import('../features/help/ConfirmSignupPage.tsx'), 'ConfirmSignupPage');
const FeedbackPage = page(() => import('../features/help/FeedbackPage.tsx'), 'FeedbackPage');
const FiguresPage = page(() => import('../features/help/FiguresPage.tsx'), 'FiguresPage');
const EditNeedPage = page(() => import('../features/help/NeedFormPage.tsx'), 'EditNeedPage');
const NeedFormPage = page(() => import('../features/help/NeedFormPage.tsx'), 'NeedFormPage');
const NeedPage = page(() => import('../features/help/NeedPage.tsx'), 'NeedPage');
const NeedsPage = page(() => import('../features/help/NeedsPage.tsx'), 'NeedsPage');
const TypesPage = page(() => import('../features/help/TypesPage.tsx'), 'TypesPage');
const VolunteerHomePage = page(() => import('../features/help/VolunteerHomePage.tsx'), 'VolunteerHomePage');
const VolunteerProfilePage = page(
  () => import('../features/help/VolunteerProfilePage.tsx'),
  'VolunteerProfilePage',
);
const VolunteerSignupPage = page(
  () => import('../features/help/VolunteerSignupPage.tsx'),
  'VolunteerSignupPage',
);
const VolunteersPage = page(() => import('../features/help/VolunteersPage.tsx'), 'VolunteersPage');
const ForgotPasswordPage = page(
  () => import('../features/identity/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const SetPasswordPage = page(() => import('../features/identity/SetPasswordPage.tsx'), 'SetPasswordPage');
const UsersPage = page(() => import('../features/identity/UsersPage.tsx'), 'UsersPage');
const OutboxPage = page(() => import('../features/mail/OutboxPage.tsx'), 'OutboxPage');
const CampaignEditPage = page(() => import('../features/outreach/CampaignFormPage.tsx'), 'CampaignEditPage');
const CampaignFormPage = page(() => import('../features/outreach/CampaignFormPage.tsx'), 'CampaignFormPage');
const CampaignPage = page(() => import('../features/outreach/CampaignPage.tsx'), 'CampaignPage');
const CampaignsPage = page(() => import('../features/outreach/CampaignsPage.tsx'), 'CampaignsPage');
const ConcernsPage = page(() => import('../features/outreach/ConcernsPage.tsx'), 'ConcernsPage');
const ReviewsPage = page(() => import('../features/outreach/ReviewsPage.tsx'), 'ReviewsPage');
const ShiftsPage = page(() => import('../features/outreach/ShiftsPage.tsx'), 'ShiftsPage');
const VisitorDayPage = page(() => import('../features/outreach/VisitorDayPage.tsx'), 'VisitorDayPage');
const AddressImportPage = page(
  () => import('../features/registry/AddressImportPage.tsx'),
  'AddressImportPage',
);
const CreatePersonPage = page(() => import('../features/registry/CreatePersonPage.tsx'), 'CreatePersonPage');
const HouseholdPage = page(() => import('../features/registry/HouseholdPage.tsx'), 'HouseholdPage');
const NeighbourhoodsPage = page(
  () => import('../features/registry/NeighbourhoodsPage.tsx'),
  'NeighbourhoodsPage',
);
const PersonPage = page(() => import('../features/registry/PersonPage.tsx'), 'PersonPage');
const ResidentsPage = page(() => import('../features/registry/ResidentsPage.tsx'), 'ResidentsPage');
const CasePage = page(() => import('../features/signals/CasePage.tsx'), 'CasePage');
const CasesPage = page(() => import('../features/signals/CasesPage.tsx'), 'CasesPage');
const CommitteePage = page(() => import('../features/signals/CommitteePage.tsx'), 'CommitteePage');
const MeetingPage = page(() => import('../features/signals/MeetingPage.tsx'), 'MeetingPage');
const PartnerPortalPage = page(
  () => import('../features/signals/PartnerPortalPage.tsx'),
  'PartnerPortalPage',
);
const ReviewPage = page(() => import('../features/signals/ReviewPage.tsx'), 'ReviewPage');
const SignalsSetupPage = page(() => import('../features/signals/SetupPage.tsx'), 'SetupPage');
const UploadPage = page(() => import('../features/signals/UploadPage.tsx'), 'UploadPage');

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const router = createBrowserRouter([
  {
    errorElement: <ErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'set-password', element: <SetPasswordPage /> },
          { path: 'help/volunteer', element: <VolunteerSignupPage /> },
          { path: 'help/confirm', element: <ConfirmSignupPage /> },
          { path: 'help/ask', element: <AskHelpPage /> },
          { path: 'help/feedback', element: <FeedbackPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'residents',
            element: (
              <RequireAction action="persons.read">
                <ResidentsPage />
              </RequireAction>
            ),
          },
          {
            path: 'residents/new',
            element: (
              <RequireAction action="persons.write">
                <CreatePersonPage />
              </RequireAction>
            ),
          },
          {
            path: 'persons/:id',
            element: (
              <RequireAction action="persons.read">
                <PersonPage />
              </RequireAction>
            ),
          },
          {
            path: 'households/:id',
            element: (
              <RequireAction action="persons.read">
                <HouseholdPage />
              </RequireAction>
            ),
          },
          {
            path: 'addresses/import',
            element: (
              <RequireAction action="addresses.import">
                <AddressImportPage />
              </RequireAction>
            ),
          },
          {
            path: 'neighbourhoods',
            element: (
              <RequireAction action="neighbourhoods.read">
                <NeighbourhoodsPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching',
            element: (
              <RequireAction action="coaching.manage">
                <CoachingPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/programmes',
            element: (
              <RequireAction action="coaching.manage">
                <ProgrammesPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/referrals/:id',
            element: (
              <RequireAction action="coaching.manage">
                <ReferralPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/cohorts/:id/matchmaking',
            element: (
              <RequireAction action="coaching.manage">
                <MatchmakingPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/alerts',
            element: (
              <RequireAction action="coaching.manage">
                <AlertsPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/coaches',
            element: (
              <RequireAction action="coaching.manage">
                <CoachesPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/refer',
            element: (
              <RequireAction action="coaching.refer">
                <ReferPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/my-referrals',
            element: (
              <RequireAction action="coaching.refer">
                <MyReferralsPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/me',
            element: (
              <RequireAction action="coaching.coach">
                <CoachHomePage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/families/:id',
            element: (
              <RequireAction action="coaching.trajectory">
                <FamilyPage />
              </RequireAction>
            ),
          },
          {
            path: 'coaching/dashboard',
            element: (
              <RequireAction action="coaching.insight">
                <DashboardPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/me',
            element: (
              <RequireAction action="help.volunteer">
                <VolunteerHomePage />
              </RequireAction>
            ),
          },
          {
            path: 'help/me/profile',
            element: (
              <RequireAction action="help.volunteer">
                <VolunteerProfilePage />
              </RequireAction>
            ),
          },
          {
            path: 'help/board',
            element: (
              <RequireAction action="help.match">
                <BoardPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach',
            element: (
              <RequireAction action="outreach.progress">
                <CampaignsPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/new',
            element: (
              <RequireAction action="outreach.manage">
                <CampaignFormPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/campaigns/:id',
            element: (
              <RequireAction action="outreach.progress">
                <CampaignPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/campaigns/:id/edit',
            element: (
              <RequireAction action="outreach.manage">
                <CampaignEditPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/campaigns/:id/shifts',
            element: (
              <RequireAction action="outreach.manage">
                <ShiftsPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/campaigns/:id/reviews',
            element: (
              <RequireAction action="outreach.manage">
                <ReviewsPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/day',
            element: (
              <RequireAction action="outreach.visit">
                <VisitorDayPage />
              </RequireAction>
            ),
          },
          {
            path: 'outreach/concerns',
            element: (
              <RequireAction action="outreach.concerns">
                <ConcernsPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/needs',
            element: (
              <RequireAction action="help.needs.read">
                <NeedsPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/needs/new',
            element: (
              <RequireAction action="help.needs.write">
                <NeedFormPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/needs/:id/edit',
            element: (
              <RequireAction action="help.needs.write">
                <EditNeedPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/needs/:id',
            element: (
              <RequireAction action="help.needs.read">
                <NeedPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/volunteers',
            element: (
              <RequireAction action="help.volunteers.manage">
                <VolunteersPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/figures',
            element: (
              <RequireAction action="help.insight">
                <FiguresPage />
              </RequireAction>
            ),
          },
          {
            path: 'help/types',
            element: (
              <RequireAction action="help.types.manage">
                <TypesPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/cases',
            element: (
              <RequireAction action="signals.cases">
                <CasesPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/cases/:id',
            element: (
              <RequireAction action="signals.cases">
                <CasePage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/review',
            element: (
              <RequireAction action="signals.review">
                <ReviewPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/committee',
            element: (
              <RequireAction action="signals.committee">
                <CommitteePage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/committee/:id',
            element: (
              <RequireAction action="signals.committee">
                <MeetingPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/portal',
            element: (
              <RequireAction action="signals.send">
                <PartnerPortalPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/setup',
            element: (
              <RequireAction action="signals.partners">
                <SignalsSetupPage />
              </RequireAction>
            ),
          },
          {
            path: 'signals/upload',
            element: (
              <RequireAction action="signals.send">
                <UploadPage />
              </RequireAction>
            ),
          },
          {
            path: 'users',
            element: (
              <RequireAction action="users.read">
                <UsersPage />
              </RequireAction>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequireAction action="audit.read">
                <AuditPage />
              </RequireAction>
            ),
          },
          {
            path: 'outbox',
            element: (
              <RequireAction action="outbox.read">
                <OutboxPage />
              </RequireAction>
            ),
          },
        ],
      },
    ],
  },
]);

// When the session has ended, go to sign-in (a full load also forgets any data held in memory).
onAuthFailure((code) => {
  rememberSignedIn(false);
  if (window.location.pathname === '/sign-in') return;
  const next = window.location.pathname + window.location.search;
  const reason = code === 'SESSION_EXPIRED' ? 'expired' : 'signed-out';
  window.location.assign(`/sign-in?reason=${reason}&next=${encodeURIComponent(next)}`);
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
