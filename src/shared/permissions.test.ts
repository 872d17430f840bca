import { describe, expect, it } from 'vitest';
import {
  actions,
  allowedActions,
  can,
  permissionMap,
  readPurposeRoles,
  readPurposesFor,
  roles,
} from './permissions.ts';
import { readPurposes } from './registry.schemas.ts';

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

describe('read purposes', () => {
  it('gives each role that opens files the reasons its work needs, and no others', () => {
    expect(readPurposesFor(['coordinator'])).toEqual([...readPurposes]);
    expect(readPurposesFor(['social_worker'])).toEqual([...readPurposes]);
    expect(readPurposesFor(['neighbourhood_manager'])).toEqual([
      'contact',
      'case_work',
      'home_visit',
      'help_matching',
      'data_quality',
    ]);
    expect(readPurposesFor(['contact_agent'])).toEqual(['contact', 'help_matching', 'data_quality']);
    expect(readPurposesFor(['home_visitor'])).toEqual(['contact', 'home_visit']);
  });

  it('keeps residents_rights, coaching and help_matching from a home visitor', () => {
    const visitor = readPurposesFor(['home_visitor']);
    expect(visitor).not.toContain('residents_rights');
    expect(visitor).not.toContain('coaching');
    expect(visitor).not.toContain('help_matching');
    expect(visitor).not.toContain('data_quality');
  });

  it('gives residents_rights only with persons.rights, help_matching only to who posts or matches needs', () => {
    for (const role of roles) {
      if (readPurposesFor([role]).includes('residents_rights'))
        expect(can([role], 'persons.rights')).toBe(true);
      if (readPurposesFor([role]).includes('help_matching'))
        expect(can([role], 'help.needs.write') || can([role], 'help.match')).toBe(true);
    }
  });

  it('gives every role that opens files at least one reason, and the others none', () => {
    for (const role of roles) {
      if (can([role], 'persons.read')) expect(readPurposesFor([role]).length).toBeGreaterThan(0);
      else expect(readPurposesFor([role])).toEqual([]);
    }
    for (const purpose of readPurposes)
      for (const role of readPurposeRoles[purpose]) expect(can([role], 'persons.read')).toBe(true);
  });

  it('combines the reasons of several roles in the order of the list', () => {
    expect(readPurposesFor(['home_visitor', 'contact_agent'])).toEqual([
      'contact',
      'home_visit',
      'help_matching',
      'data_quality',
    ]);
    expect(readPurposesFor(['volunteer', 'coach', 'partner'])).toEqual([]);
  });
});
