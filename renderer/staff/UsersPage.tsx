import { useState } from 'react';
import { Button, Group, Modal, Paper, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { NewPasswordResult, StaffUserSummary } from '../../shared/api/staff';
import type { StaffRole } from '../../shared/domain/roles';
import { STAFF_ROLE_LABELS, STAFF_ROLES } from '../../shared/domain/roles';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatInstantShort } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { AddUserForm } from './components/AddUserForm';
import {
  ConfirmUserChange,
  RenameUserModal,
  type PendingChange,
} from './components/UserChangeModals';
import { PageHeader } from './components/PageHeader';
import { TemporaryPasswordModal } from './components/TemporaryPasswordModal';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useSession } from './session';

const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

type UserPatch = { role?: StaffRole; active?: boolean; displayName?: string };

interface UserRowProps {
  user: StaffUserSummary;
  isSelf: boolean;
  onUpdate: (patch: UserPatch) => void;
  onRename: () => void;
  onResetPassword: () => void;
}

function UserRow({ user, isSelf, onUpdate, onRename, onResetPassword }: UserRowProps) {
  return (
    <Table.Tr>
      <Table.Td data-label="Identifiant" ff="monospace">
        {user.login}
      </Table.Td>
      <Table.Td data-label="Nom">
        {/* One block: on a phone the cell is a label/value grid. */}
        <div>
          {user.displayName}
          {isSelf && (
            <Text span size="xs" c="dimmed">
              {' '}
              (vous)
            </Text>
          )}{' '}
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={onRename}
            aria-label={`Modifier le nom affiché de ${user.displayName}`}
          >
            Modifier
          </Button>
        </div>
      </Table.Td>
      <Table.Td data-label="Rôle">
        <Select
          aria-label={`Rôle de ${user.displayName}`}
          data={ROLE_OPTIONS}
          value={user.role}
          allowDeselect={false}
          // Changing one's own role or account from here could lock the direction out.
          disabled={isSelf}
          size="xs"
          w={170}
          onChange={(value) =>
            value && value !== user.role && onUpdate({ role: value as StaffRole })
          }
        />
      </Table.Td>
      <Table.Td data-label="Actif">
        <Switch
          aria-label={`Compte actif : ${user.displayName}`}
          checked={user.active}
          disabled={isSelf}
          onChange={(event) => onUpdate({ active: event.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td data-label="Dernière connexion">
        {user.lastLoginAt ? (
          formatInstantShort(user.lastLoginAt)
        ) : (
          <Text span size="sm" c="dimmed">
            Jamais
          </Text>
        )}
      </Table.Td>
      <Table.Td data-label="Mot de passe">
        <Button
          size="xs"
          variant="default"
          onClick={onResetPassword}
          aria-label={`Réinitialiser le mot de passe de ${user.displayName}`}
        >
          Réinitialiser le mot de passe
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersPage() {
  const { session } = useSession();
  const users = useStaffQuery('users.list', {});
  const [adding, setAdding] = useState(false);
  const [confirmReset, setConfirmReset] = useState<StaffUserSummary | null>(null);
  const [resetting, setResetting] = useState(false);
  const [newPassword, setNewPassword] = useState<NewPasswordResult | null>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [renaming, setRenaming] = useState<StaffUserSummary | null>(null);

  function replaceUser(updated: StaffUserSummary) {
    const list = users.data ?? [];
    const known = list.some((user) => user.id === updated.id);
    users.setData(
      known ? list.map((user) => (user.id === updated.id ? updated : user)) : [...list, updated],
    );
  }

  /** A role change or a deactivation is confirmed first; the rest is saved at once. */
  function requestUpdate(user: StaffUserSummary, patch: UserPatch) {
    if (patch.role !== undefined || patch.active === false) setPending({ user, patch });
    else void update(user, patch);
  }

  async function update(user: StaffUserSummary, patch: UserPatch): Promise<boolean> {
    try {
      replaceUser(await callStaff('users.update', { id: user.id, ...patch }));
      notifications.show({
        color: 'green',
        message:
          patch.role !== undefined
            ? `${user.displayName} : rôle « ${STAFF_ROLE_LABELS[patch.role]} ».`
            : patch.displayName !== undefined
              ? `${user.displayName} s’appelle désormais « ${patch.displayName} ».`
              : `${user.displayName} : compte ${patch.active ? 'activé' : 'désactivé'}.`,
      });
      return true;
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Modification refusée',
        message: errorMessage(error),
      });
      users.reload();
      return false;
    }
  }

  async function resetPassword(user: StaffUserSummary) {
    setResetting(true);
    try {
      const result = await callStaff('users.resetPassword', { id: user.id });
      replaceUser(result.user);
      setConfirmReset(null);
      setNewPassword(result);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Mot de passe inchangé',
        message: errorMessage(error),
      });
    } finally {
      setResetting(false);
    }
  }

  const sorted = [...(users.data ?? [])].sort((a, b) =>
    a.displayName.localeCompare(b.displayName, 'fr'),
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Utilisateurs"
        subtitle="Comptes des personnels qui se connectent à Pupitre"
        actions={<Button onClick={() => setAdding(true)}>Ajouter un utilisateur</Button>}
      />
      {users.error !== null && <ErrorAlert error={users.error} onRetry={users.reload} />}
      {users.data === undefined ? (
        users.loading && <PageLoader />
      ) : (
        <Paper withBorder radius="md">
          {/* On a phone, one card per person: the role selector stays within the screen. */}
          <Table.ScrollContainer minWidth={900} type="native" className="stack-on-phone">
            <Table verticalSpacing="xs" highlightOnHover aria-label="Utilisateurs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Identifiant</Table.Th>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Rôle</Table.Th>
                  <Table.Th scope="col">Actif</Table.Th>
                  <Table.Th scope="col">Dernière connexion</Table.Th>
                  <Table.Th scope="col">Mot de passe</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    isSelf={user.id === session.userId}
                    onUpdate={(patch) => requestUpdate(user, patch)}
                    onRename={() => setRenaming(user)}
                    onResetPassword={() => setConfirmReset(user)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title="Ajouter un utilisateur"
        centered
      >
        <AddUserForm
          onCancel={() => setAdding(false)}
          onCreated={(result) => {
            replaceUser(result.user);
            setAdding(false);
            setNewPassword(result);
          }}
        />
      </Modal>

      <Modal
        opened={confirmReset !== null}
        onClose={() => setConfirmReset(null)}
        title="Réinitialiser le mot de passe"
        centered
      >
        <Text size="sm">
          Un nouveau mot de passe provisoire sera créé pour{' '}
          <strong>{confirmReset?.displayName}</strong>. L’ancien cessera aussitôt de fonctionner.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmReset(null)} data-autofocus>
            Annuler
          </Button>
          <Button
            color="red.9"
            loading={resetting}
            onClick={() => confirmReset && void resetPassword(confirmReset)}
          >
            Réinitialiser
          </Button>
        </Group>
      </Modal>

      <ConfirmUserChange
        pending={pending}
        onCancel={() => setPending(null)}
        onConfirm={async ({ user, patch }) => {
          await update(user, patch);
          setPending(null);
        }}
      />

      <RenameUserModal
        user={renaming}
        onClose={() => setRenaming(null)}
        onRename={async (user, displayName) => {
          if (await update(user, { displayName })) setRenaming(null);
        }}
      />

      <TemporaryPasswordModal result={newPassword} onClose={() => setNewPassword(null)} />
    </Stack>
  );
}
