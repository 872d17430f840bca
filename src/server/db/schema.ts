// Every table of every module, for Drizzle and drizzle-kit. Modules own their tables.
export * from '../jobs/jobs.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/coaching/coaching.tables.ts';
export * from '../modules/help/help.tables.ts';
export * from '../modules/identity/identity.tables.ts';
export * from '../modules/mail/mail.tables.ts';
export * from '../modules/outreach/outreach.tables.ts';
export * from '../modules/registry/registry.tables.ts';
export * from '../modules/signals/signals.tables.ts';
