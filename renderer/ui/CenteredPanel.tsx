import type { ReactNode } from 'react';
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';

interface CenteredPanelProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  width?: number;
}

/** The frame of the screens shown before the application shell: first start, login. */
export function CenteredPanel({ title, subtitle, children, width = 460 }: CenteredPanelProps) {
  return (
    <Box component="main" bg="gray.1" mih="100vh" py="xl" px="md">
      <Center mih="calc(100vh - 4rem)">
        <Stack w="100%" maw={width} gap="lg">
          <Text ta="center" fw={800} size="xl" c="indigo.9">
            Pupitre
          </Text>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {title}
                </Title>
                {subtitle && (
                  <Text c="dimmed" size="sm" mt={4}>
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
