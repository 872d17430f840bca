import { ActionIcon, Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { clock, toMinutes, weekdayName } from './format.ts';
import { errorAt, type FieldErrors } from './validation.ts';

export interface SlotForm {
  day: string;
  start: string;
  end: string;
}

export interface TimingForm {
  kind: 'moment' | 'window' | 'recurring';
  date: string;
  start: string;
  end: string;
  from: string;
  to: string;
  slots: SlotForm[];
}

export const emptyTiming = (): TimingForm => ({
  kind: 'moment',
  date: '',
  start: '10:00',
  end: '11:00',
  from: '',
  to: '',
  slots: [{ day: '0', start: '10:00', end: '12:00' }],
});

/** Minutes, or -1 so the schema answers "a time between 00:00 and 24:00". */
const minutes = (value: string) => toMinutes(value) ?? -1;

export const toSlots = (slots: SlotForm[]) =>
  slots.map((s) => ({ day: Number(s.day), start: minutes(s.start), end: minutes(s.end) }));

export function toTiming(form: TimingForm) {
  if (form.kind === 'moment')
    return { kind: 'moment', date: form.date, start: minutes(form.start), end: minutes(form.end) };
  if (form.kind === 'window') return { kind: 'window', range: { from: form.from, to: form.to } };
  return { kind: 'recurring', slots: toSlots(form.slots), range: { from: form.from, to: form.to } };
}

type Timing =
  | { kind: 'moment'; date: string; start: number; end: number }
  | { kind: 'window'; range: { from: string; to: string } }
  | {
      kind: 'recurring';
      slots: { day: number; start: number; end: number }[];
      range: { from: string; to: string };
    };

/** The form's fields for a timing that was saved before (editing a request). */
export function fromTiming(timing: Timing): TimingForm {
  const form = emptyTiming();
  if (timing.kind === 'moment')
    return { ...form, kind: 'moment', date: timing.date, start: clock(timing.start), end: clock(timing.end) };
  if (timing.kind === 'window')
    return { ...form, kind: 'window', from: timing.range.from, to: timing.range.to };
  return {
    ...form,
    kind: 'recurring',
    from: timing.range.from,
    to: timing.range.to,
    slots: timing.slots.map((slot) => ({
      day: String(slot.day),
      start: clock(slot.start),
      end: clock(slot.end),
    })),
  };
}

/** Weekly time slots, one row each; errors stand beside the row they belong to. */
export function SlotsEditor({
  slots,
  onChange,
  errors,
  prefix,
  legend,
}: {
  slots: SlotForm[];
  onChange: (slots: SlotForm[]) => void;
  errors: FieldErrors;
  prefix: string;
  legend: string;
}) {
  const { t } = useTranslation();
  const days = [0, 1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: weekdayName(d) }));
  const set = (i: number, change: Partial<SlotForm>) =>
    onChange(slots.map((slot, j) => (j === i ? { ...slot, ...change } : slot)));
  const listError = errors[prefix];
  return (
    <fieldset className="help-fieldset">
      <legend>{legend}</legend>
      <Stack gap="xs">
        {slots.map((slot, i) => {
          const rowError = errorAt(errors, `${prefix}.${i}`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
            <Group key={i} gap="xs" align="flex-start" wrap="wrap">
              <NativeSelect
                label={t('help.slots.day')}
                data={days}
                value={slot.day}
                onChange={(e) => set(i, { day: e.currentTarget.value })}
                error={errors[`${prefix}.${i}.day`] ? t(errors[`${prefix}.${i}.day`]!) : undefined}
                w={150}
              />
              <TextInput
                type="time"
                label={t('help.slots.from')}
                value={slot.start}
                onChange={(e) => set(i, { start: e.currentTarget.value })}
                error={errors[`${prefix}.${i}.start`] ? t(errors[`${prefix}.${i}.start`]!) : undefined}
                w={136}
              />
              <TextInput
                type="time"
                label={t('help.slots.until')}
                value={slot.end}
                onChange={(e) => set(i, { end: e.currentTarget.value })}
                error={
                  rowError && !errors[`${prefix}.${i}.start`] && !errors[`${prefix}.${i}.day`]
                    ? t(rowError)
                    : undefined
                }
                w={136}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                size="lg"
                onClick={() => onChange(slots.filter((_, j) => j !== i))}
                aria-label={t('help.slots.remove', { n: i + 1 })}
              >
                <span aria-hidden="true">×</span>
              </ActionIcon>
            </Group>
          );
        })}
        {listError ? (
          <Text c="red.8" size="sm" role="alert">
            {t(listError)}
          </Text>
        ) : null}
        <div>
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange([...slots, { day: '0', start: '18:00', end: '20:00' }])}
          >
            {t('help.slots.add')}
          </Button>
        </div>
      </Stack>
    </fieldset>
  );
}

/** When help is needed: one moment, any day in a period, or every week. */
export function TimingFields({
  value,
  onChange,
  errors,
}: {
  value: TimingForm;
  onChange: (value: TimingForm) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const fe = (field: string) => (errors[field] ? t(errors[field]!) : undefined);
  const set = (change: Partial<TimingForm>) => onChange({ ...value, ...change });
  return (
    <fieldset className="help-fieldset">
      <legend>{t('help.timing.legend')}</legend>
      <Stack gap="sm">
        <Radio.Group
          label={t('help.timing.kind')}
          value={value.kind}
          onChange={(kind) => set({ kind: kind as TimingForm['kind'] })}
        >
          <Group mt={4} gap="md">
            <Radio value="moment" label={t('help.timing.moment')} />
            <Radio value="window" label={t('help.timing.windowLabel')} />
            <Radio value="recurring" label={t('help.timing.recurringLabel')} />
          </Group>
        </Radio.Group>
        {value.kind === 'moment' ? (
          <Group gap="xs" align="flex-start">
            <TextInput
              type="date"
              label={t('help.timing.date')}
              value={value.date}
              onChange={(e) => set({ date: e.currentTarget.value })}
              error={fe('timing.date') ?? (errors.timing ? t(errors.timing) : undefined)}
              required
            />
            <TextInput
              type="time"
              label={t('help.slots.from')}
              value={value.start}
              onChange={(e) => set({ start: e.currentTarget.value })}
              error={fe('timing.start')}
              w={136}
            />
            <TextInput
              type="time"
              label={t('help.slots.until')}
              value={value.end}
              onChange={(e) => set({ end: e.currentTarget.value })}
              error={fe('timing.end')}
              w={136}
            />
          </Group>
        ) : (
          <>
            {value.kind === 'recurring' ? (
              <SlotsEditor
                slots={value.slots}
                onChange={(slots) => set({ slots })}
                errors={errors}
                prefix="timing.slots"
                legend={t('help.timing.weekly')}
              />
            ) : null}
            <Group gap="xs" align="flex-start">
              <TextInput
                type="date"
                label={t('help.timing.from')}
                value={value.from}
                onChange={(e) => set({ from: e.currentTarget.value })}
                error={fe('timing.range.from') ?? fe('timing.range')}
                required
              />
              <TextInput
                type="date"
                label={t('help.timing.to')}
                value={value.to}
                onChange={(e) => set({ to: e.currentTarget.value })}
                error={fe('timing.range.to')}
                required
              />
            </Group>
          </>
        )}
      </Stack>
    </fieldset>
  );
}
