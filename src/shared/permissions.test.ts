import { describe, expect, it } from 'vitest';
import { actions, allowedActions, can, permissionMap, roles } from './permissions.ts';

describe('permission map', () => {
  it('names only known roles', () => {
    for (const action of actions) {
      for (const role of permissionMap[action]) expect(roles).toContain(role);
    }
  });

  it('keeps administration to administrators', () => {
    expect(can(['admin'], 'users.manage')).toBe(true);
    expect(can(['coordinator'], 'users.manage')).toBe(false);
    expect(can(['volunteer'], 'audit.read')).toBe(false);
  });

  it('combines the actions of several roles', () => {
    const both = allowedActions(['coordinator', 'admin']);
    expect(both).toContain('users.manage');
    expect(both).toContain('users.read');
    expect(allowedActions(['volunteer'])).toEqual(['tenant.read', 'help.volunteer', 'help.types.read']);
  });
});
