import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A plain select from 5 (very good) to 1 (not good): works with any screen reader and on any phone. */
export function RatingSelect({
  value,
  onChange,
  label,
}: {
  value: number;
  onChange: (value: number) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      value={String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`help.rating.${n}`) }))}
    />
  );
}
