import { Center, Loader, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/** A spinner with a spoken label, for whole screens. */
export function PageLoader({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Center h="40vh" role="status" aria-live="polite">
      <Loader />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}

/** Placeholder lines where a card's content will appear. */
export function CardSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <Stack gap="xs" aria-hidden="true">
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} height={14} width={index % 2 === 0 ? '80%' : '60%'} />
      ))}
    </Stack>
  );
}
