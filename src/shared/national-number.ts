/**
 * The Belgian national register number: YYMMDD (birth date), SSS (serial, odd for men, even for
 * women) and a two-digit check: 97 - (first nine digits mod 97). For people born in 2000 or later
 * the nine digits are prefixed with a 2 before the modulo. Numbers from the BIS register add 20 or
 * 40 to the month; a month or day of 00 means the date was not known.
 */
export function nationalNumberDigits(value: string): string {
  return value.replaceAll(/[\s.-]/g, '');
}

export function isValidNationalNumber(value: string): boolean {
  return nationalNumberCentury(value) !== null;
}

/** 1900 or 2000 when the check digits fit that century, null when the number is not valid. */
export function nationalNumberCentury(value: string): 1900 | 2000 | null {
  const digits = nationalNumberDigits(value);
  if (!/^\d{11}$/.test(digits)) return null;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (month > 12 || day > 31) return null;
  if (97 - (base % 97) === check) return 1900;
  if (97 - ((2_000_000_000 + base) % 97) === check) return 2000;
  return null;
}

/** Builds a valid number for a birth date and serial (demo data and tests). */
export function makeNationalNumber(birthDate: string, serial: number): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  const base = `${year.slice(2)}${month}${day}${String(serial % 1000).padStart(3, '0')}`;
  const prefixed = Number(year) >= 2000 ? 2_000_000_000 + Number(base) : Number(base);
  return `${base}${String(97 - (prefixed % 97)).padStart(2, '0')}`;
}
