import { useState } from 'react';
import { Anchor, Button, Group, List, SimpleGrid, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import type { AccountDetail } from '../../shared/api/staff/accounts';
import { ACCOUNT_KINDS } from '../../shared/domain/accounts';
import { namesakeDetails } from '../../shared/domain/homonyms';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatInstant, formatInstantShort } from '../ui/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { auditActionLabel, formatAuditDetails } from './auditLabels';
import { AccountStateBadge } from './components/accounts/AccountStateBadge';
import { RefusalModal } from './components/accounts/RefusalModal';
import { BackButton } from './components/BackButton';
import { InfoList } from './components/InfoList';
import { LetterRunModal, type LetterRunInput } from './components/letters/LetterRunModal';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';

function AccountView({
  account,
  onChange,
}: {
  account: AccountDetail;
  onChange: (a?: AccountDetail) => void;
}) {
  const [letter, setLetter] = useState<{
    input: LetterRunInput;
    mode: 'pdf' | 'email';
    title: string;
  } | null>(null);
  const [refusing, setRefusing] = useState(false);
  const scope = { kind: 'accounts' as const, accountIds: [account.id] };
  const kinds = [account.kind];

  async function act(work: () => Promise<AccountDetail | null>, done: string) {
    try {
      const updated = await work();
      notifications.show({ color: 'green', message: done });
      onChange(updated ?? undefined);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Action refusée', message: errorMessage(error) });
    }
  }

  const closed = account.state === 'closed';
  const namesakes = namesakeDetails(account.children, { divisionShown: true });
  return (
    <Stack gap="md">
      <BackButton fallback="/comptes" />
      <PageHeader
        title={account.displayName}
        subtitle={`Compte ${ACCOUNT_KINDS[account.kind].toLowerCase()} · identifiant ${account.login}`}
        badges={<AccountStateBadge account={account} />}
      />
      {account.joinedLogins.length > 0 && (
        <Text size="sm">
          {account.joinedLogins.length > 1
            ? `Compte joint\u00a0: regroupe aussi les comptes ${account.joinedLogins.join(', ')}\u202f; leurs titulaires se connectent désormais avec l’identifiant ${account.login}.`
            : `Compte joint\u00a0: regroupe aussi le compte ${account.joinedLogins[0]}\u202f; son titulaire se connecte désormais avec l’identifiant ${account.login}.`}
        </Text>
      )}
      <Group gap="sm" wrap="wrap">
        {!closed && (
          <Button
            onClick={() =>
              setLetter({
                input: { scope, kinds, reset: false },
                mode: 'pdf',
                title: `Courrier — ${account.displayName}`,
              })
            }
          >
            Imprimer le courrier
          </Button>
        )}
        {!closed && (
          // One confirmation: the letter's dialog says what changes (a new password, and
          // whether an old one stops working) before « Préparer le PDF » (issue 13 §3).
          <Button
            variant="default"
            onClick={() =>
              setLetter({
                input: { scope, kinds, reset: true },
                mode: 'pdf',
                title: `Réinitialisation — ${account.displayName}`,
              })
            }
          >
            Réinitialiser (nouveau mot de passe)
          </Button>
        )}
        {!closed && (
          <Button
            variant="default"
            onClick={() =>
              setLetter({
                input: { scope, kinds, reset: false },
                mode: 'email',
                title: `Courrier par courriel — ${account.displayName}`,
              })
            }
          >
            Envoyer le courrier par courriel
          </Button>
        )}
        {account.state === 'awaiting_confirmation' && (
          <Button
            variant="default"
            onClick={() =>
              void act(
                () => callStaff('accounts.resendConfirmation', { id: account.id }),
                'Le courriel de confirmation a été mis en file d’envoi.',
              )
            }
          >
            Renvoyer la confirmation
          </Button>
        )}
        {!closed && (
          <Button variant="light" color="red" onClick={() => setRefusing(true)}>
            Enregistrer un refus (coupon)
          </Button>
        )}
        {!closed && (
          <Button variant="default" component={Link} to={`/comptes/${account.id}/apercu`}>
            Aperçu du portail
          </Button>
        )}
        {closed && account.closedReason === 'merged' && (
          <ConfirmButton
            variant="default"
            title="Séparer le regroupement"
            message="Ce compte redevient celui de son responsable, avec ses enfants, et attend un nouveau courrier (nouveau mot de passe). Le compte qui l’avait regroupé garde ses propres enfants."
            confirmLabel="Séparer"
            onConfirm={() =>
              void act(
                () => callStaff('accounts.splitMerge', { id: account.id }),
                'Regroupement séparé : imprimez le nouveau courrier de ce compte.',
              )
            }
          >
            Séparer le regroupement
          </ConfirmButton>
        )}
        {closed && account.closedReason !== 'merged' && (
          <Button
            variant="default"
            onClick={() =>
              void act(
                () => callStaff('accounts.reactivate', { id: account.id }),
                'Compte réactivé.',
              )
            }
          >
            Réactiver
          </Button>
        )}
        {!closed && (
          <ConfirmButton
            variant="subtle"
            color="red"
            danger
            title="Fermer le compte"
            message="La famille ne pourra plus se connecter avec ce compte. Il pourra être réactivé."
            confirmLabel="Fermer le compte"
            onConfirm={() =>
              void act(() => callStaff('accounts.close', { id: account.id }), 'Compte fermé.')
            }
          >
            Fermer le compte
          </ConfirmButton>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="État du compte">
          <InfoList
            items={[
              { label: 'Identifiant', value: <Text ff="monospace">{account.login}</Text> },
              { label: 'Date du courrier', value: formatDate(account.letterDate) },
              { label: 'À activer avant le', value: formatDate(account.expiresOn) },
              {
                label: 'Dernière connexion',
                value: account.lastLoginAt ? formatInstant(account.lastLoginAt) : 'Jamais',
              },
              {
                label: 'Courriel',
                value: account.email
                  ? `${account.email}${account.emailConfirmed ? ' (confirmé)' : ' (non confirmé)'}`
                  : '',
              },
            ]}
          />
          {account.kind === 'guardian' && (
            <Switch
              mt="sm"
              label="Sans courriel (le responsable n’a pas d’adresse électronique)"
              description="Le compte s’active sans confirmation ; en cas d’oubli, l’établissement remet un nouveau courrier."
              checked={account.noEmail}
              onChange={(event) => {
                const noEmail = event.currentTarget.checked;
                void act(
                  () => callStaff('accounts.setNoEmail', { id: account.id, noEmail }),
                  noEmail
                    ? 'Compte marqué « sans courriel ».'
                    : 'Mention « sans courriel » retirée.',
                );
              }}
            />
          )}
        </SectionCard>
        <SectionCard title={account.kind === 'guardian' ? 'Enfants du compte' : 'Élève'}>
          {account.children.length === 0 ? (
            <Text size="sm" c="dimmed">
              Aucun enfant rattaché.
            </Text>
          ) : (
            <List spacing={4}>
              {account.children.map((child) => (
                <List.Item key={child.studentId}>
                  {child.otherSchool ? (
                    `${child.firstName} ${child.lastName}`
                  ) : (
                    <Anchor component={Link} to={`/eleves/${child.studentId}`}>
                      {child.firstName} {child.lastName}
                    </Anchor>
                  )}
                  {namesakes.has(child.studentId) && ` (${namesakes.get(child.studentId)})`}
                  {child.divisionCode ? ` — ${child.divisionCode}` : ''}
                  {child.source === 'merge' ? ` (regroupement, ${child.schoolName})` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </SectionCard>
      </SimpleGrid>
      <SectionCard title="Historique">
        {account.history.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune action enregistrée.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" aria-label="Historique du compte">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date et heure</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Par</Table.Th>
                  <Table.Th scope="col">Détails</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {account.history.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{formatInstantShort(entry.at)}</Table.Td>
                    <Table.Td>{auditActionLabel(entry.action)}</Table.Td>
                    <Table.Td>{entry.actorLabel}</Table.Td>
                    <Table.Td>{formatAuditDetails(entry.details, entry.action)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      {letter && (
        <LetterRunModal
          key={JSON.stringify(letter)}
          input={letter?.input ?? null}
          mode={letter?.mode ?? 'pdf'}
          title={letter?.title ?? ''}
          onClose={(changed) => {
            setLetter(null);
            if (changed) onChange();
          }}
        />
      )}
      <RefusalModal
        account={account}
        opened={refusing}
        onClose={(recorded) => {
          setRefusing(false);
          if (recorded) {
            notifications.show({ color: 'green', message: 'Refus enregistré.' });
            onChange();
          }
        }}
      />
    </Stack>
  );
}

export function FamilyAccountPage() {
  const { accountId } = useParams();
  const id = Number(accountId);
  const account = useStaffQuery(
    'accounts.get',
    { id },
    { enabled: Number.isInteger(id) && id > 0 },
  );
  if (account.error) return <ErrorAlert error={account.error} onRetry={account.reload} />;
  if (!account.data) return <PageLoader />;
  return (
    <AccountView
      account={account.data}
      onChange={(updated) => (updated ? account.setData(updated) : account.reload())}
    />
  );
}
