import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HelpNeedStatus } from '../../../shared/help.schemas.ts';

/**
 * White text on these reaches 4.5:1 (WCAG AA). Mantine's darkest green and orange (green.9 #2b8a3e,
 * orange.9 #d9480f) reach only about 4.3:1, so "done" and "no match" use darker shades of their own.
 */
/** A darker orange than Mantine's orange.9, for any badge with white text (urgent, no match). */
export const badgeOrange = '#b03a08';

const colours: Record<HelpNeedStatus, string> = {
  new: 'blue.9',
  proposed: 'indigo.9',
  accepted: 'teal.9',
  in_progress: 'teal.9',
  done: '#1e6b30',
  cancelled: 'gray.8',
  no_match: badgeOrange,
};

export function NeedStatusBadge({ status }: { status: HelpNeedStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="filled" tt="none">
      {t(`help.status.${status}`)}
    </Badge>
  );
}
