import type { TFunction } from 'i18next';
import type { HelpType } from '../../../shared/help.schemas.ts';
import { currentLanguage, locales } from '../../i18n/index.ts';

type Timing =
  | { kind: 'moment'; date: string; start: number; end: number }
  | { kind: 'window'; range: { from: string; to: string } }
  | {
      kind: 'recurring';
      slots: { day: number; start: number; end: number }[];
      range: { from: string; to: string };
    };

export const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function toMinutes(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function day(iso: string, style: 'long' | 'short' = 'short') {
  return new Intl.DateTimeFormat(locales[currentLanguage()], {
    weekday: style,
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T12:00:00Z`));
}

/** "donderdag 10 dec.": one day in full, in the interface language. */
export const formatDay = (iso: string) => day(iso, 'long');

/** Monday = 0 ... Sunday = 6, in the interface language. */
export function weekdayName(index: number) {
  return new Intl.DateTimeFormat(locales[currentLanguage()], { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + index)),
  );
}

/** "di 12 dec., 10:00–11:00", "between 3 and 10 Dec", "every Wednesday 14:00–16:00". */
export function formatTiming(timing: unknown, t: TFunction): string {
  const value = timing as Timing;
  if (value.kind === 'moment') return `${day(value.date)}, ${clock(value.start)}–${clock(value.end)}`;
  if (value.kind === 'window')
    return t('help.timing.window', { from: day(value.range.from), to: day(value.range.to) });
  const slots = value.slots.map((s) => `${weekdayName(s.day)} ${clock(s.start)}–${clock(s.end)}`).join(', ');
  return t('help.timing.recurring', { slots, from: day(value.range.from), to: day(value.range.to) });
}

export function typeLabel(types: HelpType[] | undefined, code: string): string {
  const type = types?.find((x) => x.code === code);
  return type ? type.names[currentLanguage()] : code;
}

export function formatMoment(iso: string) {
  return new Intl.DateTimeFormat(locales[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function hours(minutes: number) {
  return new Intl.NumberFormat(locales[currentLanguage()], { maximumFractionDigits: 1 }).format(minutes / 60);
}
