import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';

interface ConfirmButtonProps extends ButtonProps {
  /** The question the dialog asks before acting. */
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  children: ReactNode;
}

/** A button that asks first, for actions a family would feel (a new password, a closed account). */
export function ConfirmButton({
  title,
  message,
  confirmLabel,
  onConfirm,
  danger = false,
  children,
  ...buttonProps
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title}>
        <Stack gap="md">
          {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Annuler
            </Button>
            <Button
              color={danger ? 'red' : undefined}
              data-autofocus
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
