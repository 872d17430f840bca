import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HelpNeedStatus } from '../../../shared/help.schemas.ts';

const colours: Record<HelpNeedStatus, string> = {
  new: 'blue.9',
  proposed: 'indigo.9',
  accepted: 'teal.9',
  in_progress: 'teal.9',
  done: 'green.9',
  cancelled: 'gray.8',
  no_match: 'orange.9',
};

export function NeedStatusBadge({ status }: { status: HelpNeedStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="filled" tt="none">
      {t(`help.status.${status}`)}
    </Badge>
  );
}
