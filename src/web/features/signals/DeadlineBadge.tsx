import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { daysUntil } from './signalsApi.ts';

/** Time left for the first contact attempt; done once someone has reached out. */
export function DeadlineBadge({ dueAt, contactedAt }: { dueAt: string; contactedAt: string | null }) {
  const { t } = useTranslation();
  if (contactedAt) {
    return (
      <Badge color="teal.9" variant="filled">
        {t('signals.deadline.contacted')}
      </Badge>
    );
  }
  const days = daysUntil(dueAt);
  if (days < 0) {
    return (
      <Badge color="red.9" variant="filled">
        {t('signals.deadline.overdue', { count: -days })}
      </Badge>
    );
  }
  return (
    <Badge color={days <= 1 ? 'red.9' : 'indigo.8'} variant="filled">
      {days === 0 ? t('signals.deadline.today') : t('signals.deadline.left', { count: days })}
    </Badge>
  );
}
