import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../../shared/permissions.ts';
import { api } from '../../api.ts';
import { useCan, useMe } from '../../app/session.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert, serverFieldErrors, useErrorText } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { notify } from '../../components/notify.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime, languages } from '../../i18n/index.ts';
import { EMAIL_PATTERN } from './tenants.ts';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  active: boolean;
  language: string;
  lastLoginAt: string | null;
  invitePending: boolean;
  lockedUntil: string | null;
}

const usersKey = ['admin', 'users'] as const;

function RoleCheckboxes({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('users.roles')} value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
        {allRoles.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<string>(i18n.language);
  const [roles, setRoles] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});

  const invite = useMutation({
    mutationFn: (body: { email: string; displayName: string; roles: string[]; language: string }) =>
      api<UserRow>('/api/admin/users', { method: 'POST', body }),
    onSuccess: (user) => {
      notify(t('users.invited', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: usersKey });
      onDone();
    },
    onError: (failure) => setFieldErrors(serverFieldErrors(failure, ['email', 'displayName', 'roles'])),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string | undefined> = {};
    if (!displayName.trim()) errors.displayName = 'errors.required';
    if (!email.trim()) errors.email = 'errors.required';
    else if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'errors.emailInvalid';
    if (roles.length === 0) errors.roles = 'errors.rolesRequired';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    invite.mutate({ email: email.trim(), displayName: displayName.trim(), roles, language });
  };

  const fe = (field: string) => (fieldErrors[field] ? t(fieldErrors[field] as string) : undefined);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('users.inviteIntro')}</Text>
        <ErrorAlert error={invite.error} />
        <TextInput
          label={t('users.name')}
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={fe('displayName')}
          autoComplete="off"
          required
          data-autofocus
        />
        <TextInput
          label={t('users.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fe('email')}
          autoComplete="off"
          required
        />
        <NativeSelect
          label={t('users.language')}
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value)}
          data={languages.map((item) => ({ value: item, label: t(`language.${item}`) }))}
        />
        <RoleCheckboxes value={roles} onChange={setRoles} error={fe('roles')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('users.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('users.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RolesForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (next: string[]) =>
      api<UserRow>(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { roles: next } }),
    onSuccess: () => {
      notify(t('users.saved'));
      void queryClient.invalidateQueries({ queryKey: usersKey });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) {
      setRolesError(t('errors.rolesRequired'));
      return;
    }
    setRolesError(undefined);
    save.mutate(roles);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={save.error} />
        <RoleCheckboxes value={roles} onChange={setRoles} error={rolesError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('users.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function StatusBadge({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  const [tone, label] = !user.active
    ? ['inactive', 'users.statusInactive']
    : user.lockedUntil && new Date(user.lockedUntil) > new Date()
      ? ['locked', 'users.statusLocked']
      : user.invitePending
        ? ['invited', 'users.statusInvited']
        : ['active', 'users.statusActive'];
  return (
    <span className="status">
      <span className={`status-dot ${tone}`} aria-hidden="true" />
      {t(label)}
    </span>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = useCan('users.manage');
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);

  const users = useQuery({ queryKey: usersKey, queryFn: () => api<UserRow[]>('/api/admin/users') });

  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: UserRow; active: boolean }) =>
      api<UserRow>(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { active } }),
    onSuccess: (_result, { user, active }) => {
      notify(t(active ? 'users.reactivated' : 'users.deactivated', { name: user.displayName }));
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (failure) => notify(errorText(failure), 'error'),
  });

  return (
    <>
      <PageTitle
        title={t('users.title')}
        intro={t('users.intro', { municipality: me.tenant.name })}
        actions={canManage ? <Button onClick={() => setInviting(true)}>{t('users.invite')}</Button> : null}
      />
      {!canManage ? (
        <Text mb="md" c="dimmed">
          {t('users.readOnly')}
        </Text>
      ) : null}
      {users.isPending ? <Loading /> : null}
      <ErrorAlert error={users.error} />
      {users.data && users.data.length === 0 ? <Text>{t('users.none')}</Text> : null}
      {users.data && users.data.length > 0 ? (
        <ScrollTable label={t('users.title')} minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="sm" bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.colName')}</Table.Th>
                <Table.Th scope="col">{t('users.colEmail')}</Table.Th>
                <Table.Th scope="col">{t('users.colRoles')}</Table.Th>
                <Table.Th scope="col">{t('users.colStatus')}</Table.Th>
                <Table.Th scope="col">{t('users.colLastSignIn')}</Table.Th>
                {canManage ? <Table.Th scope="col">{t('users.colActions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => {
                const self = user.id === me.user.id;
                return (
                  <Table.Tr key={user.id}>
                    <Table.Th scope="row" fw={600}>
                      {user.displayName} {self ? t('users.you') : ''}
                    </Table.Th>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</Table.Td>
                    <Table.Td>
                      <StatusBadge user={user} />
                    </Table.Td>
                    <Table.Td>
                      {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}
                    </Table.Td>
                    {canManage ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setEditing(user)}
                            aria-label={t('users.editRolesFor', { name: user.displayName })}
                          >
                            {t('users.editRoles')}
                          </Button>
                          {!self ? (
                            user.active ? (
                              <Button
                                size="xs"
                                variant="outline"
                                color="red.9"
                                loading={setActive.isPending && setActive.variables?.user.id === user.id}
                                onClick={() => setActive.mutate({ user, active: false })}
                                aria-label={t('users.deactivateFor', { name: user.displayName })}
                              >
                                {t('users.deactivate')}
                              </Button>
                            ) : (
                              <Button
                                size="xs"
                                variant="outline"
                                loading={setActive.isPending && setActive.variables?.user.id === user.id}
                                onClick={() => setActive.mutate({ user, active: true })}
                                aria-label={t('users.reactivateFor', { name: user.displayName })}
                              >
                                {t('users.reactivate')}
                              </Button>
                            )
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}

      <Dialog opened={inviting} onClose={() => setInviting(false)} title={t('users.inviteTitle')}>
        {inviting ? <InviteForm onDone={() => setInviting(false)} /> : null}
      </Dialog>
      <Dialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('users.editRolesTitle', { name: editing.displayName }) : ''}
      >
        {editing ? <RolesForm key={editing.id} user={editing} onDone={() => setEditing(null)} /> : null}
      </Dialog>
    </>
  );
}
