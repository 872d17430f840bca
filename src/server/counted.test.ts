import { describe, expect, it } from 'vitest';
import { counted } from './counted.ts';

describe('counted', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect(counted(1, 'visit was', 'visits were')).toBe('1 visit was');
    expect(counted(2, 'visit was', 'visits were')).toBe('2 visits were');
    expect(counted(0, 'family', 'families')).toBe('0 families');
  });
});
