/**
 * The address import names its problems in English sentences; the common ones are shown in the
 * interface language, anything else as the server wrote it.
 */
const patterns: [RegExp, string, (match: RegExpExecArray) => Record<string, string | number>][] = [
  [/is empty$/, 'registry.import.reasons.empty', () => ({})],
  [/is longer than (\d+) characters/, 'registry.import.reasons.tooLong', (m) => ({ count: Number(m[1]) })],
  [/^"(.*)" is not a Belgian postcode$/, 'registry.import.reasons.postcode', (m) => ({ value: m[1] ?? '' })],
  [/^the coordinate is not a number$/, 'registry.import.reasons.notANumber', () => ({})],
  [/^the coordinate lies outside Belgium$/, 'registry.import.reasons.outsideBelgium', () => ({})],
  [/^the same address as line (\d+)$/, 'registry.import.reasons.sameAs', (m) => ({ n: m[1] ?? '' })],
];

export function importReason(
  reason: string,
): { key: string; values: Record<string, string | number> } | null {
  for (const [pattern, key, values] of patterns) {
    const match = pattern.exec(reason);
    if (match) return { key, values: values(match) };
  }
  return null;
}

export const importFields = [
  'street',
  'houseNumber',
  'box',
  'postcode',
  'municipality',
  'x',
  'y',
  'lat',
  'lon',
  'row',
  'file',
  'separator',
];
