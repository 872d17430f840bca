import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dayOnlyRecordTypes, type TimelineEntry } from '../../../shared/registry.schemas.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { ChannelIcon } from './ChannelIcon.tsx';
import { formatDate } from './format.ts';

/** Every contact moment, newest first, with where it happened and which part of Samen wrote it. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text>{t('registry.timeline.none')}</Text>;
  const sorted = [...entries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const moduleName = (module: string) =>
    i18n.exists(`registry.modules.${module}`) ? t(`registry.modules.${module}`) : module;
  // Purposes are free text; the ones the modules use are codes with a translation.
  const purposeText = (purpose: string) =>
    i18n.exists(`registry.timelinePurposes.${purpose}`) ? t(`registry.timelinePurposes.${purpose}`) : purpose;
  // What a module wrote comes as a key and values, in the reader's language; typed notes as they are.
  const language = (i18n.resolvedLanguage ?? 'nl') as 'nl' | 'en' | 'fr';
  const summaryText = (entry: TimelineEntry) => {
    if (!entry.summaryKey || !i18n.exists(`timeline.${entry.summaryKey}`)) return entry.summary;
    const values = Object.entries(entry.summaryValues ?? {}).map(([name, value]) => [
      name,
      typeof value === 'object' ? value[language] : value,
    ]);
    return String(t(`timeline.${entry.summaryKey}`, Object.fromEntries(values)));
  };
  return (
    <ol className="timeline">
      {sorted.map((entry) => (
        <li key={entry.id} className="timeline-item">
          <span className="timeline-icon">
            <ChannelIcon channel={entry.channel} />
          </span>
          <div className="timeline-body">
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                {t(`registry.channels.${entry.channel}`)}
              </Text>
              <Text size="sm" c="dimmed">
                {dayOnlyRecordTypes.includes(entry.recordType ?? '') ? (
                  <time dateTime={entry.occurredAt.slice(0, 10)}>
                    {formatDate(entry.occurredAt.slice(0, 10))}
                  </time>
                ) : (
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                )}
              </Text>
              {entry.visibility === 'welfare' ? (
                <Badge size="sm" variant="light" color="grape" tt="none">
                  {t('registry.timeline.welfare')}
                </Badge>
              ) : null}
            </Group>
            <Text className="timeline-summary">{summaryText(entry)}</Text>
            <Text size="sm" c="dimmed">
              {t('registry.timeline.meta', {
                purpose: purposeText(entry.purpose),
                module: moduleName(entry.module),
                author: entry.authorName ?? t('registry.timeline.system'),
              })}
            </Text>
          </div>
        </li>
      ))}
    </ol>
  );
}
