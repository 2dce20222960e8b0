import { useState } from 'react';
import {
  Anchor,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router-dom';
import type { AccountKind, AccountState } from '../../shared/domain/accounts';
import { ACCOUNT_KINDS, ACCOUNT_STATES } from '../../shared/domain/accounts';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount } from '../ui/format';
import { AccountStateBadge } from './components/accounts/AccountStateBadge';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';

const KIND_OPTIONS = Object.entries(ACCOUNT_KINDS).map(([value, label]) => ({ value, label }));
const STATE_OPTIONS = Object.entries(ACCOUNT_STATES).map(([value, label]) => ({ value, label }));

/**
 * Every family account of the school, by name, identifiant or e-mail (SPEC §4.5), sorted by
 * « nom prénom » (never by civility), A to Z or Z to A from the column's header.
 */
export function AccountsPage() {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<AccountKind | null>(null);
  const [state, setState] = useState<AccountState | null>(null);
  const [descending, setDescending] = useState(false);
  const [debounced] = useDebouncedValue(query, 200);
  const result = useStaffQuery('accounts.search', {
    query: debounced,
    ...(kind ? { kind } : {}),
    ...(state ? { state } : {}),
    descending,
  });

  return (
    <Stack gap="md">
      <PageHeader
        title="Comptes des familles"
        subtitle="Un compte par responsable légal (pour tous ses enfants) et un par élève."
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Rechercher un compte"
          description="Nom, identifiant ou adresse électronique"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={320}
          data-autofocus
        />
        <Select
          label="Type"
          data={KIND_OPTIONS}
          value={kind}
          onChange={(value) => setKind(value as AccountKind | null)}
          clearable
          placeholder="Tous"
          w={160}
        />
        <Select
          label="État"
          data={STATE_OPTIONS}
          value={state}
          onChange={(value) => setState(value as AccountState | null)}
          clearable
          placeholder="Tous"
          w={300}
        />
      </Group>
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      {result.data && (
        <>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {formatCount(result.data.items.length, 'compte affiché', 'comptes affichés')}
            {result.data.truncated && ' (affinez la recherche pour voir les autres)'}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th aria-sort={descending ? 'descending' : 'ascending'}>
                    <UnstyledButton
                      fw={700}
                      fz="sm"
                      onClick={() => setDescending((previous) => !previous)}
                      aria-label={`Nom, trié de ${descending ? 'Z à A' : 'A à Z'} : inverser l’ordre`}
                    >
                      Nom {descending ? '(Z → A)' : '(A → Z)'}
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Th>Identifiant</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>Enfants</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data.items.map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/comptes/${account.id}`}>
                        {account.displayName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ff="monospace">{account.login}</Table.Td>
                    <Table.Td>{ACCOUNT_KINDS[account.kind]}</Table.Td>
                    <Table.Td>
                      <AccountStateBadge account={account} />
                    </Table.Td>
                    <Table.Td>
                      {account.children
                        .map((c) => `${c.firstName}${c.divisionCode ? ` (${c.divisionCode})` : ''}`)
                        .join(', ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
