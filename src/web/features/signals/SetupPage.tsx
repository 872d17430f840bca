import {
  Button,
  Card,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerKinds, type SignalSettings, signalKinds } from '../../../shared/signals.schemas.ts';
import { api } from '../../api.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import type { UserRow } from '../identity/UsersPage.tsx';
import { KeysCard } from './KeysCard.tsx';
import {
  createPartner,
  createTeam,
  fetchPartners,
  fetchSettings,
  fetchTeams,
  saveSettings,
  setPartnerMembers,
  signalKeys,
} from './signalsApi.ts';

const usersKey = ['admin', 'users'] as const;

function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => api<UserRow[]>('/api/admin/users') });
}

/** Accounts holding one of the roles, as options for a select. */
function accountOptions(users: UserRow[] | undefined, roles: string[]) {
  return (users ?? [])
    .filter((user) => user.active && user.roles.some((role) => roles.includes(role)))
    .map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }));
}

/** Partner organisations: who may send signals, which accounts act for them, and their keys. */
function PartnersSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canKeys = useCan('signals.keys');
  const partners = useQuery({ queryKey: signalKeys.partners, queryFn: fetchPartners });
  const users = useUsers();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>(partnerKinds[0]);
  const [members, setMembers] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editMembers, setEditMembers] = useState<string[]>([]);
  const partnerAccounts = accountOptions(users.data, ['partner']);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: signalKeys.partners });
  const create = useMutation({
    mutationFn: () => createPartner({ name: name.trim(), kind, memberUserIds: members }),
    onSuccess: (created) => {
      notify(t('signals.setup.partnerSaved'));
      setName('');
      setMembers([]);
      setSelected(created.id);
      refresh();
    },
  });
  const saveMembers = useMutation({
    mutationFn: (id: string) => setPartnerMembers(id, editMembers),
    onSuccess: () => {
      notify(t('signals.setup.membersSaved'));
      refresh();
    },
  });
  const current = partners.data?.find((p) => p.id === selected) ?? null;
  useEffect(() => {
    setEditMembers(current?.memberUserIds ?? []);
  }, [current]);
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.displayName ?? '—';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="partners-title">
      <Title order={2} size="h4" id="partners-title" mb="xs">
        {t('signals.setup.partnersTitle')}
      </Title>
      <Text mb="sm" c="dimmed">
        {t('signals.setup.partnersIntro')}
      </Text>
      <ErrorAlert error={partners.error ?? create.error ?? saveMembers.error} />
      {partners.isPending ? <Loading /> : null}
      {partners.data && partners.data.length > 0 ? (
        <ScrollTable label={t('signals.setup.partnersTitle')} minWidth={520}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('signals.setup.partnerName')}</Table.Th>
                <Table.Th scope="col">{t('signals.setup.partnerKind')}</Table.Th>
                <Table.Th scope="col">{t('signals.setup.accounts')}</Table.Th>
                <Table.Th scope="col">{t('signals.keys.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.data.map((partner) => (
                <Table.Tr key={partner.id}>
                  <Table.Th scope="row" fw={500}>
                    {partner.name}
                  </Table.Th>
                  <Table.Td>{t(`signals.partnerKind.${partner.kind}`)}</Table.Td>
                  <Table.Td>
                    {partner.memberUserIds.length > 0
                      ? partner.memberUserIds.map(nameOf).join(', ')
                      : t('signals.setup.noAccounts')}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={selected === partner.id ? 'filled' : 'default'}
                      aria-pressed={selected === partner.id}
                      onClick={() => setSelected(selected === partner.id ? null : partner.id)}
                      aria-label={t('signals.setup.manage', { partner: partner.name })}
                    >
                      {t('signals.setup.manageShort')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      {partners.data && partners.data.length === 0 ? <Text>{t('signals.setup.noPartners')}</Text> : null}

      {current ? (
        <Stack gap="md" mt="md">
          <Card withBorder padding="md" component="section" aria-labelledby="members-title">
            <Title order={3} size="h5" id="members-title" mb="xs">
              {t('signals.setup.membersTitle', { partner: current.name })}
            </Title>
            <MultiSelect
              label={t('signals.setup.accounts')}
              description={t('signals.setup.accountsHelp')}
              descriptionProps={{ c: 'gray.8' }}
              data={partnerAccounts}
              value={editMembers}
              onChange={setEditMembers}
              searchable
              nothingFoundMessage={t('signals.setup.noPartnerAccounts')}
            />
            <Group mt="sm">
              <Button onClick={() => saveMembers.mutate(current.id)} loading={saveMembers.isPending}>
                {t('signals.setup.saveMembers')}
              </Button>
            </Group>
          </Card>
          {canKeys ? <KeysCard partnerId={current.id} partnerName={current.name} /> : null}
        </Stack>
      ) : null}

      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (name.trim()) create.mutate();
        }}
        aria-labelledby="new-partner-title"
      >
        <Title order={3} size="h5" id="new-partner-title" mt="lg" mb="xs">
          {t('signals.setup.newPartner')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('signals.setup.partnerName')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={200}
            required
          />
          <NativeSelect
            label={t('signals.setup.partnerKind')}
            data={partnerKinds.map((value) => ({ value, label: t(`signals.partnerKind.${value}`) }))}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          mt="sm"
          label={t('signals.setup.accounts')}
          description={t('signals.setup.accountsHelp')}
          descriptionProps={{ c: 'gray.8' }}
          data={partnerAccounts}
          value={members}
          onChange={setMembers}
          searchable
          nothingFoundMessage={t('signals.setup.noPartnerAccounts')}
        />
        <Group mt="sm">
          <Button type="submit" loading={create.isPending}>
            {t('signals.setup.createPartner')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/** Teams that work cases, each with a lead to whom missed deadlines escalate. */
function TeamsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: signalKeys.teams, queryFn: fetchTeams });
  const users = useUsers();
  const [name, setName] = useState('');
  const [lead, setLead] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const staff = accountOptions(users.data, ['coordinator', 'social_worker']);
  const create = useMutation({
    mutationFn: () => createTeam({ name: name.trim(), leadUserId: lead || null, memberUserIds: members }),
    onSuccess: () => {
      notify(t('signals.setup.teamSaved'));
      setName('');
      setLead('');
      setMembers([]);
      void queryClient.invalidateQueries({ queryKey: signalKeys.teams });
    },
  });
  const nameOf = (id: string | null) =>
    id ? (users.data?.find((u) => u.id === id)?.displayName ?? '—') : '—';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="teams-title">
      <Title order={2} size="h4" id="teams-title" mb="xs">
        {t('signals.setup.teamsTitle')}
      </Title>
      <Text mb="sm" c="dimmed">
        {t('signals.setup.teamsIntro')}
      </Text>
      <ErrorAlert error={teams.error ?? create.error} />
      {teams.data && teams.data.length > 0 ? (
        <ScrollTable label={t('signals.setup.teamsTitle')} minWidth={420}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('signals.setup.teamName')}</Table.Th>
                <Table.Th scope="col">{t('signals.setup.lead')}</Table.Th>
                <Table.Th scope="col">{t('signals.setup.members')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Th scope="row" fw={500}>
                    {team.name}
                  </Table.Th>
                  <Table.Td>{nameOf(team.leadUserId)}</Table.Td>
                  <Table.Td>{team.memberUserIds.map(nameOf).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (name.trim()) create.mutate();
        }}
        aria-labelledby="new-team-title"
      >
        <Title order={3} size="h5" id="new-team-title" mt="lg" mb="xs">
          {t('signals.setup.newTeam')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('signals.setup.teamName')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={100}
            required
          />
          <NativeSelect
            label={t('signals.setup.lead')}
            data={[{ value: '', label: t('signals.setup.noLead') }, ...staff]}
            value={lead}
            onChange={(event) => setLead(event.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          mt="sm"
          label={t('signals.setup.members')}
          data={staff}
          value={members}
          onChange={setMembers}
          searchable
        />
        <Group mt="sm">
          <Button type="submit" loading={create.isPending}>
            {t('signals.setup.createTeam')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/** How fast someone must reach out per kind of signal, and how long signals are kept. */
function SettingsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: signalKeys.settings, queryFn: fetchSettings });
  const [draft, setDraft] = useState<SignalSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: saveSettings,
    onSuccess: (saved) => {
      notify(t('signals.setup.settingsSaved'));
      queryClient.setQueryData(signalKeys.settings, saved);
    },
  });
  const days = (value: string | number) =>
    typeof value === 'number' ? value : Number.parseInt(value, 10) || 0;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-title">
      <Title order={2} size="h4" id="settings-title" mb="xs">
        {t('signals.setup.settingsTitle')}
      </Title>
      <Text mb="sm" c="dimmed">
        {t('signals.setup.settingsIntro')}
      </Text>
      <ErrorAlert error={settings.error ?? save.error} />
      {draft ? (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            save.mutate(draft);
          }}
        >
          <ScrollTable label={t('signals.setup.settingsTitle')} minWidth={420}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('signals.field.kind')}</Table.Th>
                  <Table.Th scope="col">{t('signals.setup.normalDays')}</Table.Th>
                  <Table.Th scope="col">{t('signals.setup.urgentDays')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {signalKinds.map((kind) => {
                  const rule = draft.deadlines[kind] ?? { normal: 5, urgent: 2 };
                  const set = (field: 'normal' | 'urgent', value: string | number) =>
                    setDraft({
                      ...draft,
                      deadlines: { ...draft.deadlines, [kind]: { ...rule, [field]: days(value) } },
                    });
                  return (
                    <Table.Tr key={kind}>
                      <Table.Th scope="row" fw={500}>
                        {t(`signals.kind.${kind}`)}
                      </Table.Th>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('signals.setup.normalFor', { kind: t(`signals.kind.${kind}`) })}
                          min={1}
                          max={60}
                          w={90}
                          value={rule.normal}
                          onChange={(value) => set('normal', value)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('signals.setup.urgentFor', { kind: t(`signals.kind.${kind}`) })}
                          min={1}
                          max={60}
                          w={90}
                          value={rule.urgent}
                          onChange={(value) => set('urgent', value)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="md">
            <NumberInput
              label={t('signals.setup.keepUncontacted')}
              description={t('signals.setup.daysRange')}
              descriptionProps={{ c: 'gray.8' }}
              min={30}
              max={3650}
              value={draft.keepUncontactedSignalsDays}
              onChange={(value) => setDraft({ ...draft, keepUncontactedSignalsDays: days(value) })}
            />
            <NumberInput
              label={t('signals.setup.keepClosed')}
              description={t('signals.setup.daysRange')}
              descriptionProps={{ c: 'gray.8' }}
              min={30}
              max={3650}
              value={draft.keepClosedCasesDays}
              onChange={(value) => setDraft({ ...draft, keepClosedCasesDays: days(value) })}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" loading={save.isPending}>
              {t('signals.setup.saveSettings')}
            </Button>
          </Group>
        </form>
      ) : (
        <Loading />
      )}
    </Card>
  );
}

/** Setting up early signals: partners and their keys, teams, deadlines and retention. */
export function SetupPage() {
  const { t } = useTranslation();
  const canSettings = useCan('signals.settings');
  return (
    <>
      <PageTitle title={t('signals.setup.title')} intro={t('signals.setup.intro')} />
      <Stack gap="lg" maw={1000}>
        <PartnersSection />
        {canSettings ? <TeamsSection /> : null}
        {canSettings ? <SettingsSection /> : null}
      </Stack>
    </>
  );
}
