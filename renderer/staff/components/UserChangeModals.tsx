import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { UpdateUserInput, type StaffUserSummary } from '../../../shared/api/staff';
import { powersLost } from '../../../shared/domain/access';
import { STAFF_ROLE_LABELS, type StaffRole } from '../../../shared/domain/roles';

export interface PendingChange {
  user: StaffUserSummary;
  patch: { role?: StaffRole; active?: boolean };
}

/** What the person will lose, named before a role change or a deactivation is saved. */
function consequences({ user, patch }: PendingChange): { title: string; losses: string[] } {
  if (patch.active === false) {
    return {
      title: `Désactiver le compte de ${user.displayName}`,
      losses: [
        'la connexion à Pupitre (ses sessions ouvertes sont fermées aussitôt)',
        ...powersLost(user.role, 'teacher'),
        'la consultation des élèves et des divisions',
      ],
    };
  }
  const role = patch.role ?? user.role;
  return {
    title: `Changer le rôle de ${user.displayName}`,
    losses: powersLost(user.role, role),
  };
}

export function ConfirmUserChange({
  pending,
  onCancel,
  onConfirm,
}: {
  pending: PendingChange | null;
  onCancel: () => void;
  onConfirm: (change: PendingChange) => Promise<void>;
}) {
  const [saving, setSaving] = useState(false);
  const change = pending && consequences(pending);
  const newRole = pending?.patch.role;
  return (
    <Modal opened={pending !== null} onClose={onCancel} title={change?.title} centered>
      {pending && change && (
        <Stack gap="sm">
          {newRole !== undefined && (
            <Text size="sm">
              <strong>{pending.user.displayName}</strong>
              {` passe de « ${STAFF_ROLE_LABELS[pending.user.role]} » à « ${STAFF_ROLE_LABELS[newRole]} ». `}
              Ses sessions ouvertes sont fermées : le nouveau rôle vaut dès la prochaine connexion.
            </Text>
          )}
          {change.losses.length > 0 ? (
            <>
              <Text size="sm">
                <strong>{pending.user.displayName}</strong> perdra l’accès à :
              </Text>
              <List size="sm" spacing={4}>
                {change.losses.map((loss) => (
                  <List.Item key={loss}>{loss}</List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">Cette personne ne perd aucun accès.</Text>
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onCancel} data-autofocus>
              Annuler
            </Button>
            <Button
              color="red.9"
              loading={saving}
              onClick={() => {
                setSaving(true);
                void onConfirm(pending).finally(() => setSaving(false));
              }}
            >
              {newRole !== undefined ? 'Changer le rôle' : 'Désactiver le compte'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

const DisplayNameField = UpdateUserInput.shape.displayName.unwrap();

export function RenameUserModal({
  user,
  onClose,
  onRename,
}: {
  user: StaffUserSummary | null;
  onClose: () => void;
  onRename: (user: StaffUserSummary, displayName: string) => Promise<void>;
}) {
  return (
    <Modal opened={user !== null} onClose={onClose} title="Modifier le nom affiché" centered>
      {user && <RenameForm key={user.id} user={user} onClose={onClose} onRename={onRename} />}
    </Modal>
  );
}

function RenameForm({
  user,
  onClose,
  onRename,
}: {
  user: StaffUserSummary;
  onClose: () => void;
  onRename: (user: StaffUserSummary, displayName: string) => Promise<void>;
}) {
  const [name, setName] = useState(user.displayName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit() {
    const parsed = DisplayNameField.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Nom affiché invalide.');
      return;
    }
    setSaving(true);
    await onRename(user, parsed.data);
    setSaving(false);
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Nom affiché"
          description="Montré dans les listes et dans le journal ; l’identifiant ne change pas."
          value={name}
          error={error}
          data-autofocus
          onChange={(event) => {
            setName(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button type="submit" loading={saving}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
