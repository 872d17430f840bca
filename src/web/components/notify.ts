import { notifications } from '@mantine/notifications';
import i18n from '../i18n/index.ts';

/** A short message in the corner, with a translated close button. */
export function notify(message: string, kind: 'success' | 'error' = 'success') {
  notifications.show({
    message,
    title: kind === 'error' ? i18n.t('errors.title') : undefined,
    color: kind === 'error' ? 'red' : 'green',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
