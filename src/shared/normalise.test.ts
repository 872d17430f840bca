import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey, normalisePhone, normaliseText } from './normalise.ts';

describe('normalised search text', () => {
  it('drops case and accents', () => {
    expect(normaliseText('Öztürk')).toBe('ozturk');
    expect(normaliseText('OZTÜRK')).toBe('ozturk');
    expect(normaliseText('Ayşe Yılmaz')).toBe('ayse yilmaz');
    expect(normaliseText('İbrahim')).toBe('ibrahim');
    expect(normaliseText('Łukasz Wójcik')).toBe('lukasz wojcik');
    expect(normaliseText('Ελένη Παπαδοπούλου')).toBe('ελενη παπαδοπουλου');
    expect(normaliseText("  D'Hondt-Van  den Berghe ")).toBe('d hondt van den berghe');
  });

  it('is idempotent and never longer than needed', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const once = normaliseText(value);
        expect(normaliseText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/ {2}/);
      }),
    );
  });

  it('gives the same name key whatever the order or accents', () => {
    expect(nameKey('Ayşe', 'Öztürk')).toBe(nameKey('Ozturk', 'ayse'));
    expect(nameKey('Jan', 'Peeters')).not.toBe(nameKey('Jan', 'Peters'));
  });

  it('reads phone numbers in their national form', () => {
    expect(normalisePhone('+32 89 65 44 11')).toBe('089654411');
    expect(normalisePhone('0032 470 12 34 56')).toBe('0470123456');
    expect(normalisePhone('089/65.44.11')).toBe('089654411');
    expect(normalisePhone('+90 532 123 45 67')).toBe('905321234567');
  });
});
