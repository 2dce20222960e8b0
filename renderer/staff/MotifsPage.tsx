import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Motif } from '../../shared/api/staff';
import { ErrorAlert } from '../ui/ErrorAlert';
import { errorMessage, frenchSpacing } from '../ui/errors';
import { notifyError } from '../ui/notify';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

type Flag = 'legitimate' | 'openToFamilies' | 'confidential' | 'active';
const FLAGS: { key: Flag; label: string }[] = [
  { key: 'legitimate', label: 'Légitime' },
  { key: 'openToFamilies', label: 'Ouvert aux familles' },
  { key: 'confidential', label: 'Confidentiel' },
  { key: 'active', label: 'Utilisé' },
];

/**
 * « Motifs d’absence » (issue 17 §1): the school's catalogue. « Légitime » counts for the
 * L131-8 watch, « ouvert aux familles » lets a guardian choose it online, « confidentiel »
 * keeps it off the portal. A motif is never deleted (past events keep theirs): it stops being
 * used.
 */
export function MotifsPage() {
  const mayCall = useMayCall();
  const editable = mayCall('motifs.save');
  const motifs = useStaffQuery('motifs.list', {});
  const [label, setLabel] = useState('');
  const [flags, setFlags] = useState({
    legitimate: false,
    openToFamilies: true,
    confidential: false,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function toggle(motif: Motif, key: Flag, on: boolean) {
    try {
      motifs.setData(await callStaff('motifs.save', { ...motif, [key]: on }));
    } catch (caught) {
      notifyError(caught);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      motifs.setData(await callStaff('motifs.save', { label, ...flags, active: true }));
      notifications.show({
        color: 'green',
        message: frenchSpacing(`Motif « ${label.trim()} » ajouté.`),
      });
      setLabel('');
    } catch (caught) {
      setProblem(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Motifs d’absence"
        subtitle="Les cinq motifs réputés légitimes par l’article L131-8 du Code de l’éducation, et ceux de l’établissement."
      />
      {editable && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
          <form onSubmit={(e) => void add(e)} noValidate>
            <Group align="flex-end" wrap="wrap" gap="sm">
              <TextInput
                label="Nouveau motif"
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
                maxLength={120}
                w={{ base: '100%', sm: 320 }}
                error={problem ? frenchSpacing(problem) : undefined}
              />
              {FLAGS.slice(0, 3).map((f) => (
                <Checkbox
                  key={f.key}
                  label={f.label}
                  checked={flags[f.key as keyof typeof flags]}
                  onChange={(e) => setFlags({ ...flags, [f.key]: e.currentTarget.checked })}
                  mb={8}
                />
              ))}
              <Button type="submit" loading={busy}>
                Ajouter
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {motifs.error !== null && <ErrorAlert error={motifs.error} title="Motifs indisponibles" />}
      {!motifs.data && motifs.error === null && <PageLoader />}
      {motifs.data && (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section">
          {/* On a phone, one card per motif, each flag under its name. */}
          <Table.ScrollContainer minWidth={520} type="native" className="stack-on-phone">
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Motif</Table.Th>
                  {FLAGS.map((f) => (
                    <Table.Th key={f.key} ta="center">
                      {f.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {motifs.data.map((motif) => (
                  <Table.Tr key={motif.id}>
                    <Table.Td data-label="Motif">
                      <Text size="sm" c={motif.active ? undefined : 'dimmed'}>
                        {motif.label}
                      </Text>
                    </Table.Td>
                    {FLAGS.map((f) => (
                      <Table.Td key={f.key} data-label={f.label}>
                        <Group justify="center">
                          <Checkbox
                            aria-label={`${f.label}\u00a0: ${motif.label}`}
                            checked={motif[f.key]}
                            disabled={!editable}
                            onChange={(e) => void toggle(motif, f.key, e.currentTarget.checked)}
                          />
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
