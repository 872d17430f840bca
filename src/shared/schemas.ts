import { z } from 'zod';
import { languages } from './interface-languages.ts';
import { roles } from './permissions.ts';

/** Shapes shared by the API and the web app. */

/** A yyyy-mm-dd that is a day of the calendar (not 2027-02-30, which Date.parse rolls over), from 1900 on. */
export function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

export const languageSchema = z.enum(languages);
export const roleSchema = z.enum(roles);
export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const slugSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes only');
/** Long enough to resist guessing; no composition rules (NIST 800-63B). */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const loginSchema = z.strictObject({
  tenant: slugSchema,
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const inviteSchema = z.strictObject({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(roleSchema).min(1).max(roles.length),
  language: languageSchema.default('nl'),
});

export const userChangeSchema = z
  .strictObject({
    roles: z.array(roleSchema).min(1).max(roles.length).optional(),
    active: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const userSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  language: z.string(),
  lastLoginAt: z.date().nullable(),
  invitePending: z.boolean(),
  lockedUntil: z.date().nullable(),
});

export const meSchema = z.object({
  user: z.object({ id: z.string(), displayName: z.string(), email: z.string(), language: languageSchema }),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  roles: z.array(z.string()),
  actions: z.array(z.string()),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;
