import { readPurposes } from './registry.schemas.ts';

/**
 * Who may do what. One declarative map from role to actions; record rules (which records of
 * a kind a person may see) are registered by modules on the server.
 */
export const roles = [
  'admin',
  'coordinator',
  'neighbourhood_manager',
  'social_worker',
  'contact_agent',
  'home_visitor',
  'referrer',
  'coach',
  'volunteer',
  'partner',
  'steering_member',
  'resident',
] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'neighbourhoods.read',
  'neighbourhoods.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'outbox.read',
  'tenant.read',
  'persons.read',
  'persons.write',
  'persons.merge',
  'persons.rights',
  'consents.write',
  'timeline.write',
  'households.write',
  'addresses.read',
  'addresses.write',
  'addresses.import',
  'legal_holds.manage',
  'access_grants.manage',
  'help.volunteer',
  'help.types.read',
  'help.types.manage',
  'help.needs.read',
  'help.needs.write',
  'help.match',
  'help.volunteers.manage',
  'help.insight',
  'signals.send',
  'signals.keys',
  'signals.partners',
  'signals.review',
  'signals.cases',
  'signals.committee',
  'signals.settings',
  'signals.teams',
  'outreach.manage',
  'outreach.progress',
  'outreach.visit',
  'outreach.concerns',
  'coaching.manage',
  'coaching.refer',
  'coaching.coach',
  'coaching.trajectory',
  'coaching.insight',
  'dev.clock',
] as const;
export type Action = (typeof actions)[number];

const staff: Role[] = [
  'admin',
  'coordinator',
  'neighbourhood_manager',
  'social_worker',
  'contact_agent',
  'home_visitor',
];

const helpStaff: Role[] = [
  'coordinator',
  'neighbourhood_manager',
  'social_worker',
  'contact_agent',
  'home_visitor',
];

export const permissionMap: Record<Action, readonly Role[]> = {
  'neighbourhoods.read': [...staff, 'steering_member'],
  'neighbourhoods.manage': ['admin'],
  'users.read': ['admin', 'coordinator'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'outbox.read': ['admin'],
  'tenant.read': [...roles],
  // Who may open a person at all; which persons is decided by record rules on the server
  // (src/server/modules/registry/record-rules.ts). Not a Genk Helpt volunteer: "a volunteer sees a
  // need, not a file" — after accepting, the match itself carries the name, address and phone
  // they need (help.service.ts, matchDetails), never the family's file or timeline. Nor a coach,
  // a volunteer too: their trajectory carries what they need (decision 0009), not the file with
  // what other services wrote about the family.
  'persons.read': ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent', 'home_visitor'],
  'persons.write': ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent'],
  'persons.merge': ['coordinator', 'social_worker'],
  'persons.rights': ['coordinator', 'social_worker'],
  'consents.write': [
    'coordinator',
    'neighbourhood_manager',
    'social_worker',
    'contact_agent',
    'home_visitor',
  ],
  'timeline.write': [
    'coordinator',
    'neighbourhood_manager',
    'social_worker',
    'contact_agent',
    'home_visitor',
  ],
  'households.write': ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent'],
  'addresses.read': [
    'coordinator',
    'neighbourhood_manager',
    'social_worker',
    'contact_agent',
    'home_visitor',
  ],
  'addresses.write': ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent'],
  'addresses.import': ['admin', 'coordinator'],
  'legal_holds.manage': ['coordinator', 'social_worker'],
  'access_grants.manage': ['coordinator', 'social_worker', 'neighbourhood_manager'],
  // Genk Helpt. A volunteer acts on their own profile and proposals; staff and partners post needs
  // (partners see only the needs they posted); coordinators and social workers match.
  'help.volunteer': ['volunteer'],
  'help.types.read': [...helpStaff, 'admin', 'partner', 'volunteer', 'steering_member'],
  'help.types.manage': ['admin', 'coordinator'],
  'help.needs.read': [...helpStaff, 'partner'],
  'help.needs.write': [...helpStaff, 'partner'],
  'help.match': ['coordinator', 'neighbourhood_manager', 'social_worker'],
  'help.volunteers.manage': ['coordinator', 'social_worker'],
  'help.insight': ['admin', 'coordinator', 'neighbourhood_manager', 'steering_member'],
  // Early signals: partners send and follow their own submissions; welfare staff work the cases.
  'signals.send': ['partner'],
  'signals.keys': ['partner', 'admin'],
  'signals.partners': ['admin', 'coordinator'],
  'signals.review': ['coordinator', 'social_worker'],
  'signals.cases': ['coordinator', 'social_worker'],
  'signals.committee': ['coordinator', 'social_worker'],
  'signals.settings': ['admin', 'coordinator'],
  // Who works cases (to hand one on) and who sets teams up.
  'signals.teams': ['admin', 'coordinator', 'social_worker'],
  // Door-to-door outreach. Coordinators and neighbourhood managers set up and plan campaigns;
  // visitors (city staff and partner staff) see only the doors of their own rounds; partners see
  // their own teams' progress; concerns about safety at home go to social workers only.
  'outreach.manage': ['coordinator', 'neighbourhood_manager'],
  'outreach.progress': ['coordinator', 'neighbourhood_manager', 'partner'],
  'outreach.visit': ['home_visitor', 'partner'],
  'outreach.concerns': ['social_worker'],
  // Talent coaching. The coordinator runs the programme; referrers (schools, the welfare centre,
  // partners) propose families and follow their own referrals; a coach works with their own
  // families only (record rules in coaching.rules.ts); the steering group sees aggregates only.
  'coaching.manage': ['coordinator'],
  'coaching.refer': ['referrer', 'social_worker'],
  'coaching.coach': ['coach'],
  'coaching.trajectory': ['coordinator', 'coach'],
  'coaching.insight': ['coordinator', 'steering_member'],
  // Moving the server clock (demo and tests only; the route does not exist in production).
  'dev.clock': ['admin'],
};

/**
 * Which timeline entries a role may see. `general`: anyone who may open the person; `staff`: city
 * and partner staff; `welfare` (health, debts, the situation at home): social workers only.
 */
export const timelineVisibilityRoles: Record<'general' | 'staff' | 'welfare', readonly Role[]> = {
  general: permissionMap['persons.read'],
  staff: ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent', 'home_visitor'],
  welfare: ['social_worker'],
};

export function visibleTimelineLevels(userRoles: readonly Role[]): ('general' | 'staff' | 'welfare')[] {
  return (['general', 'staff', 'welfare'] as const).filter((level) =>
    userRoles.some((role) => timelineVisibilityRoles[level].includes(role)),
  );
}

type ReadPurpose = (typeof readPurposes)[number];

/** The roles that may open a file (`persons.read`) and hold any of these actions. */
const readersHolding = (...held: Action[]): Role[] =>
  permissionMap['persons.read'].filter((role) => held.some((action) => permissionMap[action].includes(role)));

/**
 * Need to know: which reasons for opening a resident's file (the `purpose` of a person or household
 * read, written to the audit trail) each role may give. A role without `persons.read` gives none.
 */
export const readPurposeRoles: Record<ReadPurpose, readonly Role[]> = {
  // Reaching the resident is part of every role that opens files.
  contact: permissionMap['persons.read'],
  // Following a family's case over time: welfare and neighbourhood staff, not the counter or the door.
  case_work: ['coordinator', 'neighbourhood_manager', 'social_worker'],
  // The visitor at the door, and the staff who plan or make visits themselves.
  home_visit: ['coordinator', 'neighbourhood_manager', 'social_worker', 'home_visitor'],
  // Who runs talent coaching or refers families to it (social workers refer); coaches themselves
  // open no file (decision 0009).
  coaching: readersHolding('coaching.manage', 'coaching.refer'),
  // Only roles that post needs (`help.needs.write`) or match them (`help.match`). Home visitors may
  // post a need they noticed at the door, but do not work out the help for it: they open a file for
  // the visit, so this reason is not theirs.
  help_matching: ['coordinator', 'neighbourhood_manager', 'social_worker', 'contact_agent'],
  // Correcting a record is for those who may change it.
  data_quality: readersHolding('persons.write'),
  // A resident's request about their data (access, rectification, erasure) is handled by those
  // who hold `persons.rights`, and by nobody else.
  residents_rights: readersHolding('persons.rights'),
};

/** The read purposes any of these roles may give, in the order of `readPurposes`. */
export function readPurposesFor(userRoles: readonly Role[]): ReadPurpose[] {
  return readPurposes.filter((purpose) => userRoles.some((role) => readPurposeRoles[purpose].includes(role)));
}

export function can(userRoles: readonly Role[], action: Action): boolean {
  const allowed = permissionMap[action];
  return userRoles.some((role) => allowed.includes(role));
}

export function allowedActions(userRoles: readonly Role[]): Action[] {
  return actions.filter((action) => can(userRoles, action));
}

/**
 * How a route is guarded: open to anyone, to anyone signed in, to holders of an action, or to a
 * partner organisation's system calling with an API key (`authorization: Bearer <key>`, no session).
 */
export type RouteAccess = 'public' | 'authenticated' | 'partner_api' | Action;
