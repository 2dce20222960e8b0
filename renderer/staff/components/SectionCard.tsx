import type { ReactNode } from 'react';
import { Paper, Title } from '@mantine/core';

/** A titled card; the h2 gives screen-reader users a way to jump between parts of a record. */
export function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
