import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import type { AccountDetail } from '../../../../shared/api/staff/accounts';
import { errorMessage } from '../../../ui/errors';
import { callStaff } from '../../api';

interface RefusalModalProps {
  account: AccountDetail;
  opened: boolean;
  onClose: (recorded: boolean) => void;
}

/**
 * The tear-off coupon as the family filled it in (seed 000): « Je renonce à l’accès aux
 * services en ligne … pour moi-même / pour l’élève … ».
 */
export function RefusalModal({ account, opened, onClose }: RefusalModalProps) {
  const isGuardian = account.kind === 'guardian';
  const [self, setSelf] = useState(!isGuardian);
  const [students, setStudents] = useState<number[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const withAccounts = account.children.filter((c) => c.studentAccountId !== null);

  async function save() {
    setSaving(true);
    setFailure(null);
    try {
      await callStaff(
        'accounts.recordRefusal',
        isGuardian
          ? { ...(self ? { guardianAccountId: account.id } : {}), studentAccountIds: students }
          : { studentAccountIds: [account.id] },
      );
      onClose(true);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened={opened} onClose={() => onClose(false)} title="Enregistrer un refus d’accès">
      <Stack gap="sm">
        <Text size="sm">
          Cochez ce que le coupon « Refus d’accès aux services en ligne » demande. Les comptes
          cochés sont fermés ; ils peuvent être réactivés plus tard.
        </Text>
        {isGuardian ? (
          <>
            <Checkbox
              label={`Pour moi-même (${account.displayName})`}
              checked={self}
              onChange={(event) => setSelf(event.currentTarget.checked)}
            />
            {withAccounts.map((child) => (
              <Checkbox
                key={child.studentId}
                label={`Pour l’élève ${child.firstName} ${child.lastName}${child.divisionCode ? ` (${child.divisionCode})` : ''}`}
                checked={students.includes(child.studentAccountId!)}
                onChange={(event) => {
                  const id = child.studentAccountId!;
                  setStudents((list) =>
                    event.currentTarget.checked ? [...list, id] : list.filter((x) => x !== id),
                  );
                }}
              />
            ))}
          </>
        ) : (
          <Text size="sm">Le compte de l’élève {account.displayName} sera fermé.</Text>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            Annuler
          </Button>
          <Button
            color="red"
            loading={saving}
            disabled={isGuardian && !self && students.length === 0}
            onClick={() => void save()}
          >
            Enregistrer le refus
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
