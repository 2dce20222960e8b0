import { Button } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';

/**
 * The Electron window has no browser toolbar, so record pages offer their own way back.
 * With no earlier page in this session (address opened directly), it goes to `fallback`.
 */
export function BackButton({ fallback }: { fallback: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const hasHistory = location.key !== 'default';
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      px={4}
      w="fit-content"
      onClick={() => (hasHistory ? navigate(-1) : navigate(fallback))}
    >
      <span aria-hidden="true">←&nbsp;</span>Retour
    </Button>
  );
}
