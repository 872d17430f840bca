import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ids.ts';

describe('timeOrderedId', () => {
  it('is a version 7 uuid, unique and increasing, also within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(1_800_000_000_000));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(timeOrderedId(Date.now() + 60_000) > ids.at(-1)!).toBe(true);
    expect(parseInt(timeOrderedId(1_900_000_000_000).replace('-', '').slice(0, 12), 16)).toBe(
      1_900_000_000_000,
    );
  });
});
