import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A plain select from 5 (very good) to 1 (not good): works with any screen reader and on any phone.
 * Nothing is chosen at first ("Kies een antwoord"): an untouched form must not send the best answer.
 */
export function RatingSelect({
  value,
  onChange,
  label,
  error,
}: {
  value: number | null;
  onChange: (value: number) => void;
  label: string;
  /** Shown beside the field: set when the form was sent without a choice. */
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      required
      value={value === null ? '' : String(value)}
      onChange={(e) => {
        const chosen = e.currentTarget.value;
        if (chosen) onChange(Number(chosen));
      }}
      error={error}
      data={[
        { value: '', label: t('help.rating.choose'), disabled: true },
        ...[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`help.rating.${n}`) })),
      ]}
    />
  );
}
