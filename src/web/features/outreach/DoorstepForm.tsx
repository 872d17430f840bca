import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FollowUpInput,
  needKinds,
  type Round,
  type RoundDoor,
  type VisitRecord,
} from '../../../shared/outreach.schemas.ts';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { languageName } from '../registry/format.ts';
import { minutesOf } from './outreachApi.ts';

type Outcome = VisitRecord['outcome'];

interface FollowUpDraft {
  chosen: boolean;
  consent: boolean;
  note: string;
  helpType: string;
  partnerName: string;
}

const emptyFollowUp = (): FollowUpDraft => ({
  chosen: false,
  consent: false,
  note: '',
  helpType: '',
  partnerName: '',
});
const followUpKinds = ['volunteer_help', 'welfare', 'partner', 'callback'] as const;

/**
 * The form on the doorstep: one door, three outcomes, and for a talk the needs heard, the tips
 * handed out and the follow-ups agreed, each with the resident's consent. It saves to the phone.
 */
export function DoorstepForm({
  round,
  door,
  helpTypes,
  onSave,
  onCancel,
}: {
  round: Round;
  door: RoundDoor;
  helpTypes: { code: string; names: { nl: string; en: string; fr: string } }[];
  onSave: (record: VisitRecord) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [retryHint, setRetryHint] = useState('');
  const [retryFrom, setRetryFrom] = useState('');
  const [retryUntil, setRetryUntil] = useState('');
  const [retryOn, setRetryOn] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [tips, setTips] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [followUps, setFollowUps] = useState<Record<string, FollowUpDraft>>(() =>
    Object.fromEntries(followUpKinds.map((k) => [k, emptyFollowUp()])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const date = new Intl.DateTimeFormat(locales[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  const change = (kind: string, patch: Partial<FollowUpDraft>) =>
    setFollowUps((current) => ({ ...current, [kind]: { ...current[kind]!, ...patch } }));

  async function save() {
    if (!outcome) {
      setProblem(t('outreach.doorstep.chooseOutcome'));
      return;
    }
    const from = retryFrom ? minutesOf(retryFrom) : undefined;
    const until = retryUntil ? minutesOf(retryUntil) : undefined;
    if (outcome === 'not_home' && from !== undefined && until !== undefined && until <= from) {
      setProblem(t('outreach.doorstep.retryOrder'));
      return;
    }
    const agreed: FollowUpInput[] = [];
    if (outcome === 'talked') {
      for (const kind of followUpKinds) {
        const f = followUps[kind]!;
        if (!f.chosen) continue;
        if (kind === 'volunteer_help' && !f.helpType) {
          setProblem(t('outreach.doorstep.chooseHelpType'));
          return;
        }
        agreed.push({
          kind,
          consent: f.consent,
          note: f.note.trim(),
          ...(kind === 'volunteer_help' ? { helpType: f.helpType } : {}),
          ...(kind === 'partner' && f.partnerName.trim() ? { partnerName: f.partnerName.trim() } : {}),
        });
      }
    }
    setSaving(true);
    try {
      await onSave({
        clientId: crypto.randomUUID(),
        doorId: door.id,
        baseVersion: door.version,
        outcome,
        recordedAt: new Date().toISOString(),
        ...(outcome === 'not_home' && retryHint.trim() ? { retryHint: retryHint.trim() } : {}),
        ...(outcome === 'not_home' && from !== undefined && !Number.isNaN(from) ? { retryFrom: from } : {}),
        ...(outcome === 'not_home' && until !== undefined && !Number.isNaN(until)
          ? { retryUntil: until }
          : {}),
        ...(outcome === 'not_home' && /^\d{4}-\d{2}-\d{2}$/.test(retryOn) ? { retryOn } : {}),
        needs: outcome === 'talked' ? (needs as VisitRecord['needs']) : [],
        tips: outcome === 'talked' ? tips : [],
        followUps: agreed,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card withBorder padding="md">
      <Stack gap="md">
        <div>
          <Title order={2}>{door.bellName}</Title>
          <Text>{door.address}</Text>
          {door.language ? (
            <Text size="sm">{t('outreach.day.language', { language: languageName(door.language) })}</Text>
          ) : null}
          {door.earlierNotHome.map((n) => (
            <Text size="sm" key={n.at}>
              {t('outreach.day.earlierNotHome', { when: date.format(new Date(n.at)) })}
              {n.note ? ` — ${n.note}` : ''}
            </Text>
          ))}
        </div>
        {round.questions.length ? (
          <div>
            <Title order={3} size="h5">
              {t('outreach.doorstep.questions')}
            </Title>
            <ul className="plain-list">
              {round.questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Radio.Group
          label={t('outreach.doorstep.outcome')}
          value={outcome}
          onChange={(value) => {
            setOutcome(value as Outcome);
            setProblem(null);
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="not_home" label={t('outreach.outcome.not_home')} />
            <Radio value="refused" label={t('outreach.outcome.refused')} />
            <Radio value="talked" label={t('outreach.outcome.talked')} />
          </Stack>
        </Radio.Group>
        {outcome === 'not_home' ? (
          <>
            <TextInput
              label={t('outreach.doorstep.retryHint')}
              description={t('outreach.doorstep.retryHintHelp')}
              value={retryHint}
              onChange={(e) => setRetryHint(e.currentTarget.value)}
            />
            <fieldset className="plain-fieldset">
              <legend>{t('outreach.doorstep.retryWhen')}</legend>
              <Text size="sm" mb="xs">
                {t('outreach.doorstep.retryWhenHelp')}
              </Text>
              <SimpleGrid cols={{ base: 2 }}>
                <TextInput
                  type="time"
                  label={t('outreach.doorstep.retryFrom')}
                  value={retryFrom}
                  onChange={(e) => {
                    setRetryFrom(e.currentTarget.value);
                    setProblem(null);
                  }}
                />
                <TextInput
                  type="time"
                  label={t('outreach.doorstep.retryUntil')}
                  value={retryUntil}
                  onChange={(e) => {
                    setRetryUntil(e.currentTarget.value);
                    setProblem(null);
                  }}
                />
              </SimpleGrid>
              <TextInput
                type="date"
                mt="xs"
                label={t('outreach.doorstep.retryOn')}
                min={round.day}
                value={retryOn}
                onChange={(e) => setRetryOn(e.currentTarget.value)}
              />
            </fieldset>
          </>
        ) : null}
        {outcome === 'talked' ? (
          <>
            <Checkbox.Group label={t('outreach.doorstep.needs')} value={needs} onChange={setNeeds}>
              <Stack gap="xs" mt="xs">
                {needKinds.map((kind) => (
                  <Checkbox key={kind} value={kind} label={t(`outreach.need.${kind}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            {needs.includes('safety') ? (
              <Alert color="red" title={t('outreach.doorstep.safetyTitle')}>
                {t('outreach.doorstep.safetyBody')}
              </Alert>
            ) : null}
            {round.tips.length ? (
              <Checkbox.Group label={t('outreach.doorstep.tips')} value={tips} onChange={setTips}>
                <Stack gap="xs" mt="xs">
                  {round.tips.map((tip) => (
                    <Checkbox key={tip} value={tip} label={tip} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ) : null}
            <fieldset className="plain-fieldset">
              <legend>{t('outreach.doorstep.followUps')}</legend>
              <Stack gap="sm">
                {followUpKinds.map((kind) => {
                  const f = followUps[kind]!;
                  return (
                    <div key={kind} className="follow-up">
                      <Checkbox
                        label={t(`outreach.followUp.${kind}`)}
                        checked={f.chosen}
                        onChange={(e) => change(kind, { chosen: e.currentTarget.checked })}
                      />
                      {f.chosen ? (
                        <Stack gap="xs" ml="lg" mt="xs">
                          {kind === 'volunteer_help' ? (
                            <NativeSelect
                              label={t('outreach.doorstep.helpType')}
                              value={f.helpType}
                              onChange={(e) => change(kind, { helpType: e.currentTarget.value })}
                              data={[
                                { value: '', label: t('outreach.doorstep.choose') },
                                ...helpTypes.map((h) => ({
                                  value: h.code,
                                  label: h.names[currentLanguage()],
                                })),
                              ]}
                            />
                          ) : null}
                          {kind === 'partner' ? (
                            <TextInput
                              label={t('outreach.doorstep.partnerName')}
                              value={f.partnerName}
                              onChange={(e) => change(kind, { partnerName: e.currentTarget.value })}
                            />
                          ) : null}
                          <TextInput
                            label={t('outreach.doorstep.followUpNote')}
                            value={f.note}
                            onChange={(e) => change(kind, { note: e.currentTarget.value })}
                          />
                          <Checkbox
                            label={t('outreach.doorstep.consent')}
                            checked={f.consent}
                            onChange={(e) => change(kind, { consent: e.currentTarget.checked })}
                          />
                        </Stack>
                      ) : null}
                    </div>
                  );
                })}
              </Stack>
            </fieldset>
          </>
        ) : null}
        {outcome ? (
          <Textarea
            label={t('outreach.doorstep.note')}
            description={t('outreach.doorstep.noteHelp')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        ) : null}
        {problem ? (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={save} loading={saving}>
            {t('outreach.doorstep.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('outreach.doorstep.back')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
