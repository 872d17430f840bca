import { Button, Group, NativeSelect, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Role, visibleTimelineLevels } from '../../../shared/permissions.ts';
import {
  type TimelineEntry,
  timelineChannels,
  timelineInputSchema,
} from '../../../shared/registry.schemas.ts';
import { api } from '../../api.ts';
import { useMe } from '../../app/session.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { notify } from '../../components/notify.ts';
import { registryKeys } from './registryApi.ts';
import { keyForIssue } from './validation.ts';

const purposes = ['contact', 'question', 'support', 'outreach', 'coaching', 'help_matching', 'early_signals'];

interface Values {
  channel: string;
  purpose: string;
  summary: string;
  occurredAt: string;
  visibility: string;
}

/** A contact moment recorded by hand: a call, a visit, a talk at the counter. */
export function ContactMomentDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const levels = visibleTimelineLevels(me.roles as Role[]);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      channel: 'phone',
      purpose: 'contact',
      summary: '',
      occurredAt: '',
      visibility: levels.includes('staff') ? 'staff' : 'general',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.summary.trim()) errors.summary = 'errors.required';
      if (values.occurredAt && new Date(values.occurredAt).getTime() > Date.now() + 60_000)
        errors.occurredAt = 'registry.errors.notInFuture';
      const parsed = timelineInputSchema.safeParse(toBody(values));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.join('.');
          if (!errors[path]) errors[path] = keyForIssue(issue);
        }
      }
      return errors;
    },
  });

  const save = useMutation({
    mutationFn: (values: Values) =>
      api<TimelineEntry>(`/api/persons/${personId}/timeline`, { method: 'POST', body: toBody(values) }),
    onSuccess: () => {
      notify(t('registry.contactMoment.saved'));
      void queryClient.invalidateQueries({ queryKey: registryKeys.personAll(personId) });
      onClose();
    },
  });

  const error = (path: string) => {
    const key = form.errors[path];
    return typeof key === 'string' ? t(key) : undefined;
  };

  return (
    <Dialog opened onClose={onClose} title={t('registry.contactMoment.title')} size="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          <ErrorAlert error={save.error} />
          <NativeSelect
            label={t('registry.contactMoment.channel')}
            data={timelineChannels.map((c) => ({ value: c, label: t(`registry.channels.${c}`) }))}
            {...form.getInputProps('channel')}
            error={error('channel')}
            data-autofocus
          />
          <NativeSelect
            label={t('registry.contactMoment.purpose')}
            data={purposes.map((p) => ({ value: p, label: t(`registry.timelinePurposes.${p}`) }))}
            {...form.getInputProps('purpose')}
            error={error('purpose')}
          />
          <Textarea
            label={t('registry.contactMoment.summary')}
            description={t('registry.contactMoment.summaryHelp')}
            autosize
            minRows={3}
            maxLength={1000}
            {...form.getInputProps('summary')}
            error={error('summary')}
          />
          <TextInput
            type="datetime-local"
            label={t('registry.contactMoment.when')}
            description={t('registry.contactMoment.whenHelp')}
            maw={280}
            {...form.getInputProps('occurredAt')}
            error={error('occurredAt')}
          />
          {levels.length > 1 ? (
            <Radio.Group label={t('registry.contactMoment.visibility')} {...form.getInputProps('visibility')}>
              <Stack gap="xs" mt="xs">
                {levels.map((level) => (
                  <Radio key={level} value={level} label={t(`registry.visibility.${level}`)} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('registry.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('registry.contactMoment.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function toBody(values: Values) {
  return {
    channel: values.channel,
    purpose: values.purpose,
    summary: values.summary.trim(),
    visibility: values.visibility,
    occurredAt: values.occurredAt ? new Date(values.occurredAt).toISOString() : undefined,
  };
}
