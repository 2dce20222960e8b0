import type { ReactNode } from 'react';
import { Alert, Stack } from '@mantine/core';
import type { StaffCallName } from '../../../shared/api/staff';
import { useMayCall } from '../session';
import { PageHeader } from './PageHeader';

interface RequireCallProps {
  call: StaffCallName;
  children: ReactNode;
}

/** A typed address (#/journal) must not show an empty page to a role the menu hides it from. */
export function RequireCall({ call, children }: RequireCallProps) {
  const mayCall = useMayCall();
  if (mayCall(call)) return children;
  return (
    <Stack maw={720}>
      <PageHeader title="Accès réservé" />
      <Alert color="orange" role="alert">
        Votre rôle ne donne pas accès à cette page. Adressez-vous à la direction si vous en avez
        besoin.
      </Alert>
    </Stack>
  );
}
