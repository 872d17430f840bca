import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken, parseSessionCookie, sameToken } from './tokens.ts';

describe('tokens', () => {
  it('are random and hashed with the key', () => {
    const token = newToken();
    expect(token).not.toBe(newToken());
    expect(hashToken('k1', token)).not.toBe(hashToken('k2', token));
    expect(hashToken('k1', token)).toBe(hashToken('k1', token));
  });

  it('compare in constant time and only when equal', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });

  it('parses a session cookie and rejects anything else', () => {
    const tenantId = '0b7e6f7e-1c1a-4e59-9a53-6f0b1a2b3c4d';
    const token = newToken();
    expect(parseSessionCookie(`${tenantId}.${token}`)).toEqual({ tenantId, token });
    expect(parseSessionCookie(undefined)).toBeNull();
    expect(parseSessionCookie('nonsense')).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        const parsed = parseSessionCookie(s);
        if (parsed) expect(s.startsWith(parsed.tenantId)).toBe(true);
      }),
    );
  });
});
