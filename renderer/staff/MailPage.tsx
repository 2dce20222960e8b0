import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { notifyError } from '../ui/notify';
import {
  MAIL_STATUSES,
  type MailSettingsView,
  type MailStatusKey,
} from '../../shared/api/staff/mail';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatInstantShort, formatNumber } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

const COLORS: Record<MailStatusKey, string> = {
  queued: 'blue',
  sending: 'yellow',
  sent: 'green',
  failed: 'red',
};

function Outbox() {
  const [status, setStatus] = useState<MailStatusKey | 'all'>('all');
  const page = useStaffQuery('mail.list', status === 'all' ? {} : { status });
  const counts = page.data?.counts;
  return (
    <SectionCard title="File d’envoi">
      {/* Five choices do not hold in a phone's width: the control scrolls, not the page. */}
      <ScrollArea type="auto" mb="sm" offsetScrollbars="x">
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value as MailStatusKey | 'all')}
          data={[
            { value: 'all', label: 'Tous' },
            ...Object.entries(MAIL_STATUSES).map(([value, label]) => ({
              value,
              label: `${label}${counts ? ` (${formatNumber(counts[value as MailStatusKey])})` : ''}`,
            })),
          ]}
        />
      </ScrollArea>
      {page.error ? <ErrorAlert error={page.error} onRetry={page.reload} /> : null}
      {page.data && page.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          Aucun courriel.
        </Text>
      )}
      {page.data && page.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" striped aria-label="Courriels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Créé le</Table.Th>
                <Table.Th scope="col">Destinataire</Table.Th>
                <Table.Th scope="col">Objet</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Essais</Table.Th>
                <Table.Th scope="col">Détail</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatInstantShort(item.createdAt)}</Table.Td>
                  <Table.Td>{item.to}</Table.Td>
                  <Table.Td>
                    {item.subject}
                    {item.hasAttachment ? ' (pièce jointe)' : ''}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={COLORS[item.status]} variant="light" tt="none">
                      {MAIL_STATUSES[item.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatNumber(item.attempts)}</Table.Td>
                  <Table.Td>
                    {item.status === 'sent'
                      ? `Envoyé le ${formatInstantShort(item.sentAt)}`
                      : item.status === 'queued' && item.attempts > 0
                        ? `Nouvel essai vers ${formatInstantShort(item.nextAttemptAt)} — ${item.lastError}`
                        : item.lastError}
                  </Table.Td>
                  <Table.Td>
                    {(item.status === 'failed' || item.status === 'queued') && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() =>
                          callStaff('mail.retry', { id: item.id }).then(
                            () => page.reload(),
                            notifyError,
                          )
                        }
                      >
                        Renvoyer
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

function SendingSettings({ initial }: { initial: MailSettingsView }) {
  const [value, setValue] = useState({ ...initial, password: '' });
  const [testTo, setTestTo] = useState('');
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<typeof value>) => setValue((v) => ({ ...v, ...patch }));

  async function save() {
    setSaving(true);
    try {
      const { folder: _folder, passwordSet: _set, ...input } = value;
      const saved = await callStaff('mail.updateSettings', input);
      setValue({ ...saved, password: '' });
      notifications.show({ color: 'green', message: 'Paramètres d’envoi enregistrés.' });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Enregistrement refusé',
        message: errorMessage(error),
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <SectionCard title="Paramètres d’envoi">
      <Stack gap="sm" maw={560}>
        <Select
          label="Mode d’envoi"
          data={[
            { value: 'folder', label: 'Dossier de courriels (.eml), sans serveur' },
            { value: 'smtp', label: 'Serveur SMTP de l’établissement ou de l’académie' },
          ]}
          value={value.transport}
          onChange={(v) => v && set({ transport: v as 'folder' | 'smtp' })}
          allowDeselect={false}
        />
        {value.transport === 'folder' ? (
          <Text size="sm" c="dimmed">
            Chaque courriel est écrit dans le dossier {initial.folder}. Les courriers joints
            contiennent des mots de passe provisoires : videz ce dossier une fois les messages
            transmis.
          </Text>
        ) : (
          <>
            <Group grow>
              <TextInput
                label="Serveur SMTP"
                value={value.host}
                onChange={(e) => set({ host: e.currentTarget.value })}
              />
              <NumberInput
                label="Port"
                value={value.port}
                min={1}
                max={65535}
                onChange={(v) => set({ port: Number(v) || 587 })}
              />
            </Group>
            <Select
              label="Sécurité"
              data={[
                { value: 'starttls', label: 'STARTTLS (port 587)' },
                { value: 'tls', label: 'TLS (port 465)' },
                { value: 'none', label: 'Aucune (réseau interne seulement)' },
              ]}
              value={value.security}
              onChange={(v) => v && set({ security: v as MailSettingsView['security'] })}
              allowDeselect={false}
            />
            <TextInput
              label="Utilisateur"
              value={value.username}
              onChange={(e) => set({ username: e.currentTarget.value })}
            />
            <PasswordInput
              label="Mot de passe"
              description={
                initial.passwordSet
                  ? 'Laisser vide pour garder le mot de passe enregistré.'
                  : undefined
              }
              value={value.password}
              autoComplete="new-password"
              onChange={(e) => set({ password: e.currentTarget.value })}
            />
          </>
        )}
        <Group grow>
          <TextInput
            label="Adresse d’expédition"
            value={value.fromAddress}
            onChange={(e) => set({ fromAddress: e.currentTarget.value })}
          />
          <TextInput
            label="Nom d’expéditeur"
            value={value.fromName}
            onChange={(e) => set({ fromName: e.currentTarget.value })}
          />
        </Group>
        <NumberInput
          label="Débit (messages par minute)"
          value={value.perMinute}
          min={1}
          max={600}
          onChange={(v) => set({ perMinute: Number(v) || 30 })}
        />
        <Group>
          <Button loading={saving} onClick={() => void save()}>
            Enregistrer
          </Button>
        </Group>
        <Paper withBorder p="sm">
          <Group align="flex-end">
            <TextInput
              label="Envoyer un message d’essai à"
              value={testTo}
              onChange={(e) => setTestTo(e.currentTarget.value)}
              w={300}
            />
            <Button
              variant="default"
              disabled={!testTo}
              onClick={() =>
                callStaff('mail.sendTest', { to: testTo }).then(
                  () =>
                    notifications.show({
                      color: 'green',
                      message: 'Message d’essai mis en file d’envoi.',
                    }),
                  notifyError,
                )
              }
            >
              Envoyer l’essai
            </Button>
          </Group>
        </Paper>
      </Stack>
    </SectionCard>
  );
}

/** « Courriels »: every message, queued, sent or failed — nothing is dropped silently. */
export function MailPage() {
  const mayCall = useMayCall();
  const settings = useStaffQuery('mail.settings', {}, { enabled: mayCall('mail.settings') });
  return (
    <Stack gap="md">
      <PageHeader
        title="Courriels"
        subtitle="Messages envoyés aux familles, en attente ou en échec."
      />
      <Outbox />
      {mayCall('mail.settings') &&
        (settings.error ? (
          <ErrorAlert error={settings.error} onRetry={settings.reload} />
        ) : settings.data ? (
          <SendingSettings initial={settings.data} />
        ) : (
          <PageLoader />
        ))}
    </Stack>
  );
}
