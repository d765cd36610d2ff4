import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { enrolmentOnlyGuard, roleGuard, signedOutOnly } from './core/auth/role-guard';

const therapist = [roleGuard('therapist')];
const admin = [roleGuard('admin')];

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: () => inject(AuthStore).homeUrl() },
  {
    path: 'login',
    title: 'Sign in — Clinic',
    canActivate: [signedOutOnly],
    loadComponent: () => import('./core/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'invite',
    title: 'Accept invitation — Clinic',
    loadComponent: () => import('./invitation/invitation-page').then((m) => m.InvitationPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password — Clinic',
    loadComponent: () => import('./core/auth/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password — Clinic',
    loadComponent: () => import('./core/auth/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'confirm-email',
    title: 'Confirm your sign-in email — Clinic',
    loadComponent: () => import('./core/auth/confirm-email-page').then((m) => m.ConfirmEmailPage),
  },
  {
    path: 'unsubscribe',
    title: 'Email reminders — Clinic',
    loadComponent: () => import('./notifications/unsubscribe-page').then((m) => m.UnsubscribePage),
  },
  {
    path: 'calendar',
    title: 'Calendar — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./appointments/calendar-page').then((m) => m.CalendarPage),
  },
  {
    path: 'dashboard',
    title: 'Caseload — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./caseload/caseload-dashboard-page').then((m) => m.CaseloadDashboardPage),
  },
  {
    path: 'caseload',
    title: 'All couples — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./caseload/couple-list-page').then((m) => m.CoupleListPage),
  },
  {
    path: 'inbox',
    title: 'Inbox — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./messages/inbox-page').then((m) => m.InboxPage),
  },
  {
    path: 'couples/new',
    title: 'New couple — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./caseload/new-couple-page').then((m) => m.NewCouplePage),
  },
  {
    path: 'couples/:id',
    title: 'Couple — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./couple/workspace/couple-workspace').then((m) => m.CoupleWorkspace),
    children: [
      { path: '', title: 'Overview — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-overview').then((m) => m.CoupleOverview) },
      { path: 'appointments', title: 'Appointments — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sections').then((m) => m.AppointmentsSection) },
      { path: 'sessions', title: 'Sessions — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sessions').then((m) => m.CoupleSessions) },
      { path: 'plan', title: 'Plan — Couple — Clinic', loadComponent: () => import('./treatment-plan/plan-section').then((m) => m.PlanSection) },
      { path: 'cycle-map', title: 'Cycle map — Couple — Clinic', loadComponent: () => import('./cycle-map/cycle-map-editor').then((m) => m.CycleMapEditor) },
      { path: 'homework', title: 'Homework — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sections').then((m) => m.HomeworkSection) },
      { path: 'assessments', title: 'Assessments — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sections').then((m) => m.AssessmentsSection) },
      { path: 'agreements', title: 'Agreements — Couple — Clinic', loadComponent: () => import('./agreements/agreements-section').then((m) => m.AgreementsSection) },
      { path: 'intake', title: 'Intake — Couple — Clinic', loadComponent: () => import('./agreements/intake-section').then((m) => m.IntakeSection) },
      { path: 'messages', title: 'Messages — Couple — Clinic', loadComponent: () => import('./messages/couple-messages').then((m) => m.CoupleMessages) },
      { path: 'safety', title: 'Safety — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sections').then((m) => m.SafetySection) },
      { path: 'progress', title: 'Progress — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-sections').then((m) => m.ProgressSection) },
      { path: 'report', title: 'Progress report — Couple — Clinic', loadComponent: () => import('./couple/workspace/couple-report').then((m) => m.CoupleReport) },
      { path: 'conceptualisation', title: 'Case conceptualisation — Couple — Clinic', loadComponent: () => import('./supervision/conceptualisation-page').then((m) => m.ConceptualisationPage) },
    ],
  },
  {
    path: 'supervision',
    title: 'Supervision — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./supervision/supervision-queue-page').then((m) => m.SupervisionQueuePage),
  },
  {
    path: 'waitlist',
    title: 'Waitlist — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./caseload/waitlist-page').then((m) => m.WaitlistPage),
  },
  {
    path: 'supervision/log',
    title: 'Supervision log — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./supervision/supervision-log-page').then((m) => m.SupervisionLogPage),
  },
  {
    path: 'supervision/couples/:id',
    title: 'Supervised couple (read-only) — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./supervision/supervised-couple-page').then((m) => m.SupervisedCouplePage),
  },
  {
    path: 'supervision/couples/:id/conceptualisation',
    title: 'Case conceptualisation (read-only) — Clinic',
    canActivate: therapist,
    data: { readOnly: true },
    loadComponent: () => import('./supervision/conceptualisation-page').then((m) => m.ConceptualisationPage),
  },
  {
    path: 'supervision/sessions/:sessionId',
    title: 'Supervised session (read-only) — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./supervision/supervised-session-page').then((m) => m.SupervisedSessionPage),
  },
  {
    path: 'couples/:coupleId/sessions/new',
    title: 'New session — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./sessions/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'sessions/:sessionId',
    title: 'Session — Clinic',
    canActivate: therapist,
    loadComponent: () => import('./sessions/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'admin/therapists',
    title: 'Therapists — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/therapists-page').then((m) => m.TherapistsPage),
  },
  {
    path: 'admin/audit',
    title: 'Audit log — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/audit-page').then((m) => m.AuditPage),
  },
  {
    path: 'admin/practice',
    title: 'Practice settings — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/practice-page').then((m) => m.PracticePage),
  },
  {
    path: 'admin/documents',
    title: 'Documents — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/documents-page').then((m) => m.DocumentsPage),
  },
  {
    path: 'admin/forms',
    title: 'Intake forms — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/forms-page').then((m) => m.FormsPage),
  },
  {
    path: 'admin/deliveries',
    title: 'Email delivery log — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/deliveries-page').then((m) => m.DeliveriesPage),
  },
  {
    path: 'admin/retention',
    title: 'Record retention — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/retention-page').then((m) => m.RetentionPage),
  },
  {
    path: 'admin/backups',
    title: 'Backups — Clinic',
    canActivate: admin,
    loadComponent: () => import('./admin/backups-page').then((m) => m.BackupsPage),
  },
  {
    path: 'account',
    title: 'Your account — Clinic',
    canActivate: [roleGuard('therapist', 'admin', 'client')],
    loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
  },
  {
    path: 'account/two-step-setup',
    title: 'Set up two-step verification — Clinic',
    canActivate: [enrolmentOnlyGuard],
    loadComponent: () => import('./account/two-step-setup-page').then((m) => m.TwoStepSetupPage),
  },
  {
    path: 'portal',
    title: 'My portal — Clinic',
    canActivate: [roleGuard('client')],
    loadComponent: () => import('./portal/portal-shell').then((m) => m.PortalShell),
    children: [
      { path: '', loadComponent: () => import('./portal/portal-home').then((m) => m.PortalHome) },
      {
        path: 'homework/:id',
        title: 'Exercise — Clinic',
        loadComponent: () => import('./portal/portal-homework-page').then((m) => m.PortalHomeworkPage),
      },
      {
        path: 'questionnaires/:id',
        title: 'Questionnaire — Clinic',
        loadComponent: () => import('./assessments/questionnaire-page').then((m) => m.QuestionnairePage),
      },
      {
        path: 'messages',
        title: 'Messages — Clinic',
        loadComponent: () => import('./messages/portal-messages-page').then((m) => m.PortalMessagesPage),
      },
      {
        path: 'booking',
        title: 'Book a session — Clinic',
        loadComponent: () => import('./appointments/portal-booking-page').then((m) => m.PortalBookingPage),
      },
      {
        path: 'plan',
        title: 'Our plan — Clinic',
        loadComponent: () => import('./treatment-plan/portal-plan-page').then((m) => m.PortalPlanPage),
      },
      {
        path: 'cycle-map',
        title: 'Our cycle — Clinic',
        loadComponent: () => import('./portal/portal-cycle-map-page').then((m) => m.PortalCycleMapPage),
      },
      {
        path: 'agreements/:id',
        title: 'To read and sign — Clinic',
        loadComponent: () => import('./agreements/portal-agreement-page').then((m) => m.PortalAgreementPage),
      },
      {
        path: 'releases/:id',
        title: 'Release of information — Clinic',
        loadComponent: () => import('./agreements/portal-release-page').then((m) => m.PortalReleasePage),
      },
      {
        path: 'signed',
        title: 'What I signed — Clinic',
        loadComponent: () => import('./agreements/portal-signed-page').then((m) => m.PortalSignedPage),
      },
      {
        path: 'forms/:id',
        title: 'Form — Clinic',
        loadComponent: () => import('./agreements/portal-form-page').then((m) => m.PortalFormPage),
      },
      {
        path: 'check-ins/:id',
        title: 'Check-in — Clinic',
        loadComponent: () => import('./safety/check-in-page').then((m) => m.CheckInPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Not found — Clinic',
    loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
  },
];
