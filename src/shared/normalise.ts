/**
 * Search keys for names and addresses: lowercase, accents and marks removed, letters that NFD does
 * not split mapped by hand, everything else reduced to single spaces. Done here rather than with
 * Postgres `unaccent`, which the embedded database does not have; the result is stored.
 */
const special: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Printable ASCII: nothing for NFD to split, so the key is lowercase letters and digits. */
const PLAIN = /^[\x20-\x7e]*$/;

export function normaliseText(value: string): string {
  if (PLAIN.test(value))
    return value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœłđðþıħ]/g, (c) => special[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The name tokens in a fixed order: "Öztürk Ayşe" and "Ayse Ozturk" give the same key. */
export function nameKey(givenName: string, familyName: string): string {
  return normaliseText(`${givenName} ${familyName}`).split(' ').filter(Boolean).sort().join(' ');
}

/** A phone number as national digits: "+32 89 65 44 11" and "089/65.44.11" both give "089654411". */
export function normalisePhone(value: string): string {
  const trimmed = value.trim();
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (international && digits.startsWith('32')) digits = `0${digits.slice(2)}`;
  return digits;
}
