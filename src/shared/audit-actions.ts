import { readPurposes } from './registry.schemas.ts';

/**
 * Every action the server writes to the audit trail (`recordAudit`), with the kinds of record and
 * the purposes it names. `AuditEvent` takes only these, so the server cannot write an action the
 * administrator's audit page and the resident's export have no words for: the words are
 * `audit.actions.<action>`, `audit.recordTypes.<type>` and `audit.purposes.<purpose>` in
 * src/web/i18n (a unit test checks all three languages). An action is added here first, then its
 * words. Rows written before an action was renamed or removed keep their key, which is shown as is.
 */
export const auditActions = [
  // Signing in and accounts
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.logout_everywhere',
  'auth.reset_requested',
  'auth.password_reset',
  'auth.invite_accepted',
  'users.invite',
  'users.update',
  'users.roles_added',
  'users.self_service',
  // Municipality and system
  'tenant.seeded',
  'neighbourhood.updated',
  'outbox.read',
  'retention.sweep',
  'dev.clock_set',
  // Residents register
  'registry.seeded',
  'address.created',
  'addresses.imported',
  'person.search',
  'person.read',
  'person.created',
  'person.rectified',
  'person.merged',
  'person.exported',
  'person.anonymised',
  'person.erased',
  'household.read',
  'household.created',
  'household.updated',
  'household.members_set',
  'consent.given',
  'consent.withdrawn',
  'timeline.recorded',
  'access_grant.added',
  'access_grant.revoked',
  'legal_hold.added',
  'legal_hold.lifted',
  // Volunteer help
  'help.seeded',
  'help.type_created',
  'help.type_updated',
  'help.signup',
  'help.signup_confirmed',
  'help.profile_saved',
  'help.screening_recorded',
  'help.need_requested',
  'help.need_created',
  'help.need_read',
  'help.needs_searched',
  'help.need_updated',
  'help.need_status',
  'help.need_linked',
  'help.called_back',
  'help.picks_set',
  'help.matching_run',
  'help.proposed',
  'help.accepted',
  'help.declined',
  'help.details_read',
  'help.hours_logged',
  'help.completed',
  'help.feedback_link_created',
  'help.resident_feedback',
  // Early signals
  'signals.intake',
  'signals.review.decide',
  'signals.case.read',
  'signals.case.assigned',
  'signals.case.attempt',
  'signals.case.offer',
  'signals.case.response',
  'signals.case.committee',
  'signals.case.closed',
  'signals.case.vulnerabilities',
  'signals.escalate',
  'signals.committee.meeting',
  'signals.committee.decide',
  'signals.team.create',
  'signals.partner.create',
  'signals.partner.members',
  'signals.key.create',
  'signals.key.adopt',
  'signals.key.revoke',
  'signals.settings',
  // Outreach (door-to-door)
  'outreach.campaign_created',
  'outreach.campaign_changed',
  'outreach.campaign_read',
  'outreach.planned',
  'outreach.revisits_planned',
  'outreach.door_changed',
  'outreach.shifts_added',
  'outreach.shift_changed',
  'outreach.shift_removed',
  'outreach.rounds_downloaded',
  'outreach.visit_recorded',
  'outreach.safety_concern',
  'outreach.reviews_read',
  'outreach.door_settled',
  'outreach.concerns_read',
  'outreach.concern_taken',
  // Talent coaching
  'coaching.seeded',
  'coaching.programme_created',
  'coaching.cohort_created',
  'coaching.training_created',
  'coaching.attendance_recorded',
  'coaching.coach_taken_on',
  'coaching.coach_updated',
  'coaching.referral_created',
  'coaching.referral_read',
  'coaching.referrals_listed',
  'coaching.intake_decided',
  'coaching.profile_saved',
  'coaching.matchmaking_run',
  'coaching.match_decided',
  'coaching.trajectory_read',
  'coaching.goal_added',
  'coaching.meeting_logged',
  'coaching.checkin',
  'coaching.worry_raised',
  'coaching.worry_handled',
  'coaching.worries_listed',
  'coaching.supporter_linked',
  'coaching.trajectory_ended',
  'coaching.dashboard_read',
] as const;
export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

/** The kinds of record an entry points at (`recordType`); a retention sweep names its rule as `recordId`. */
export const auditRecordTypes = [
  'address',
  'address_import',
  'clock',
  'coach',
  'coaching_checkin',
  'coaching_cohort',
  'coaching_dashboard',
  'coaching_goal',
  'coaching_meeting',
  'coaching_programme',
  'coaching_referral',
  'coaching_supporter',
  'coaching_training',
  'coaching_trajectory',
  'coaching_worry',
  'committee_item',
  'committee_meeting',
  'contact_note',
  'email_outbox',
  'help_match',
  'help_need',
  'help_type',
  'household',
  'neighbourhood',
  'outreach_campaign',
  'outreach_door',
  'outreach_follow_up',
  'outreach_shift',
  'outreach_visit',
  'partner_api_key',
  'partner_organisation',
  'person',
  'retention_rule',
  'signal',
  'signal_case',
  'signal_settings',
  'signal_team',
  'signal_upload',
  'tenant',
  'user',
  'volunteer',
  'volunteer_signup',
] as const;
export type AuditRecordType = (typeof auditRecordTypes)[number];

/**
 * Why: the purposes a person page is opened for (`readPurposes`, worded under `registry.purposes`)
 * and the programmes and duties the other actions serve.
 */
export const auditPurposes = [
  ...readPurposes,
  'early_signals',
  'outreach',
  'talent_coaching',
  /** A person asked to correct their record. */
  'rectification',
  /** The nightly removal of what is kept no longer. */
  'retention',
  /** Demo installations only (reading the demo outbox). */
  'demo',
] as const;
export type AuditPurpose = (typeof auditPurposes)[number];

/**
 * Where the words of an entry are in src/web/i18n: the action under `audit.actions` (an action's
 * dots are levels there too), the kind of record under `audit.recordTypes`, and a purpose under
 * `registry.purposes` when a person page is opened for it, under `audit.purposes` otherwise. The
 * web's audit page and the resident's export (on the server) both read them from there.
 */
/**
 * The labels the server writes for an actor that is not a person's account (a job, a public form, the
 * demo), with a code for their words (`audit.actors.<code>`). A person's name is shown as written.
 */
export const systemActors: Readonly<Record<string, string>> = {
  anonymous: 'anonymous',
  'account holder': 'account_holder',
  'demo seed': 'demo_seed',
  'retention sweep': 'retention_sweep',
  'deadline watch': 'deadline_watch',
  'revisit planner': 'revisit_planner',
  'address import (command line)': 'address_import',
  'volunteer sign-up': 'volunteer_signup',
  'resident (public form)': 'public_form',
  'family (feedback link)': 'feedback_link',
};

export const auditWordKeys = {
  /** Null for a person's own name: it has no words but itself. */
  actor: (label: string) =>
    Object.hasOwn(systemActors, label) ? `audit.actors.${systemActors[label]}` : null,
  action: (action: string) => `audit.actions.${action}`,
  recordType: (recordType: string) => `audit.recordTypes.${recordType}`,
  purpose: (purpose: string) =>
    (readPurposes as readonly string[]).includes(purpose)
      ? `registry.purposes.${purpose}`
      : `audit.purposes.${purpose}`,
};

/**
 * An entry's actor, action, kind of record and purpose in words, from a reader of the words
 * (`say(key, fallback)`: i18next on the web, src/server/words.ts on the server). A key without words
 * (an old row's action) and a person's own name are shown as they are.
 */
export function auditWordsFrom(say: (key: string, fallback: string) => string) {
  return {
    actor: (label: string) => {
      const key = auditWordKeys.actor(label);
      return key ? say(key, label) : label;
    },
    action: (action: string) => say(auditWordKeys.action(action), action),
    recordType: (recordType: string) => say(auditWordKeys.recordType(recordType), recordType),
    purpose: (purpose: string) => say(auditWordKeys.purpose(purpose), purpose),
  };
}
