import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, onAuthFailure } from '../api.ts';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { AlertsPage } from '../features/coaching/AlertsPage.tsx';
import { CoachesPage } from '../features/coaching/CoachesPage.tsx';
import { CoachHomePage } from '../features/coaching/CoachHomePage.tsx';
import { CoachingPage } from '../features/coaching/CoachingPage.tsx';
import { DashboardPage } from '../features/coaching/DashboardPage.tsx';
import { FamilyPage } from '../features/coaching/FamilyPage.tsx';
import { MatchmakingPage } from '../features/coaching/MatchmakingPage.tsx';
import { MyReferralsPage } from '../features/coaching/MyReferralsPage.tsx';
import { ProgrammesPage } from '../features/coaching/ProgrammesPage.tsx';
import { ReferPage } from '../features/coaching/ReferPage.tsx';
import { ReferralPage } from '../features/coaching/ReferralPage.tsx';
import { AskHelpPage } from '../features/help/AskHelpPage.tsx';
import { BoardPage } from '../features/help/BoardPage.tsx';
import { ConfirmSignupPage } from '../features/help/ConfirmSignupPage.tsx';
import { FeedbackPage } from '../features/help/FeedbackPage.tsx';
import { FiguresPage } from '../features/help/FiguresPage.tsx';
import { EditNeedPage, NeedFormPage } from '../features/help/NeedFormPage.tsx';
import { NeedPage } from '../features/help/NeedPage.tsx';
import { NeedsPage } from '../features/help/NeedsPage.tsx';
import { TypesPage } from '../features/help/TypesPage.tsx';
import { VolunteerHomePage } from '../features/help/VolunteerHomePage.tsx';
import { VolunteerProfilePage } from '../features/help/VolunteerProfilePage.tsx';
import { VolunteerSignupPage } from '../features/help/VolunteerSignupPage.tsx';
import { VolunteersPage } from '../features/help/VolunteersPage.tsx';
import { ForgotPasswordPage } from '../features/identity/ForgotPasswordPage.tsx';
import { SetPasswordPage } from '../features/identity/SetPasswordPage.tsx';
import { SignInPage } from '../features/identity/SignInPage.tsx';
import { UsersPage } from '../features/identity/UsersPage.tsx';
import { OutboxPage } from '../features/mail/OutboxPage.tsx';
import { CampaignEditPage, CampaignFormPage } from '../features/outreach/CampaignFormPage.tsx';
import { CampaignPage } from '../features/outreach/CampaignPage.tsx';
import { CampaignsPage } from '../features/outreach/CampaignsPage.tsx';
import { ConcernsPage } from '../features/outreach/ConcernsPage.tsx';
import { ReviewsPage } from '../features/outreach/ReviewsPage.tsx';
import { ShiftsPage } from '../features/outreach/ShiftsPage.tsx';
import { VisitorDayPage } from '../features/outreach/VisitorDayPage.tsx';
import { AddressImportPage } from '../features/registry/AddressImportPage.tsx';
import { CreatePersonPage } from '../features/registry/CreatePersonPage.tsx';
import { HouseholdPage } from '../features/registry/HouseholdPage.tsx';
import { NeighbourhoodsPage } from '../features/registry/NeighbourhoodsPage.tsx';
import { PersonPage } from '../features/registry/PersonPage.tsx';
import { ResidentsPage } from '../features/registry/ResidentsPage.tsx';
import { CasePage } from '../features/signals/CasePage.tsx';
import { CasesPage } from '../features/signals/CasesPage.tsx';
import { CommitteePage } from '../features/signals/CommitteePage.tsx';
import { MeetingPage } from '../features/signals/MeetingPage.tsx';
import { PartnerPortalPage } from '../features/signals/PartnerPortalPage.tsx';
import { ReviewPage } from '../features/signals/ReviewPage.tsx';
import { SetupPage as SignalsSetupPage } from '../features/signals/SetupPage.tsx';
import { UploadPage } from '../features/signals/UploadPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { HomePage } from './HomePage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAction } from './RequireAction.tsx';
import { rememberSignedIn } from './session.tsx';

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
