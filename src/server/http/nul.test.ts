import { describe, expect, it } from 'vitest';
import { nulField } from './nul.ts';

describe('NUL characters in a request', () => {
  it('names the field that holds one, however deep', () => {
    expect(nulField({ name: 'Fatima El\u0000Amrani', phone: '0470' })).toBe('name');
    expect(nulField({ contacts: [{ value: 'a' }, { value: '04\u000070' }] })).toBe('contacts.1.value');
    expect(nulField({ 'ke\u0000y': 1 })).toBe('ke\u0000y');
  });

  it('passes everything else, bytes included', () => {
    expect(nulField({ name: 'Zeynep', n: 3, ok: true, none: null, list: ['a', 'ş'] })).toBeNull();
    expect(nulField(Buffer.from([0x41, 0x00, 0x42]))).toBeNull();
    expect(nulField(undefined)).toBeNull();
  });

  it('walks a body nested far deeper than the call stack goes', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(nulField(deep)).toMatch(/^0(\.0)+$/);
    let clean: unknown = 'x';
    for (let level = 0; level < 200_000; level++) clean = [clean];
    expect(nulField(clean)).toBeNull();
  });
});
