import { useState } from 'react';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { notifyError } from '../ui/notify';
import { Link } from 'react-router-dom';
import type { CampaignSummary } from '../../shared/api/staff/accounts';
import { LETTER_ORDERS, type LetterOrder } from '../../shared/api/staff/letters';
import {
  ACCOUNT_KINDS,
  CAMPAIGN_GROUP_KEYS,
  CAMPAIGN_GROUPS,
  type AccountKind,
  type CampaignGroup,
} from '../../shared/domain/accounts';
import { LEVELS } from '../../shared/domain/school';
import { saveCsv } from '../api/download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, formatDate, formatNumber } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { AccountStateBadge } from './components/accounts/AccountStateBadge';
import { LetterBatches } from './components/letters/LetterBatches';
import { LetterRunModal, type LetterRunInput } from './components/letters/LetterRunModal';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';

interface Run {
  input: LetterRunInput;
  mode: 'pdf' | 'email';
  title: string;
  offerNeverNotifiedOnly?: boolean;
}

type ScopeChoice = 'school' | 'level' | 'division';

function NewLettersForm({
  onRun,
  divisions,
}: {
  onRun: (run: Run) => void;
  divisions: CampaignSummary['divisions'];
}) {
  const [scope, setScope] = useState<ScopeChoice>('division');
  const [level, setLevel] = useState<string | null>(null);
  const [divisionId, setDivisionId] = useState<string | null>(null);
  const [kinds, setKinds] = useState<AccountKind[]>(['guardian', 'student']);
  const [order, setOrder] = useState<LetterOrder>('division');

  const ready =
    kinds.length > 0 &&
    (scope === 'school' || (scope === 'level' && level) || (scope === 'division' && divisionId));
  const input = (): LetterRunInput => ({
    scope:
      scope === 'school'
        ? { kind: 'school' }
        : scope === 'level'
          ? { kind: 'level', level: level as (typeof LEVELS)[number] }
          : { kind: 'division', divisionId: Number(divisionId) },
    kinds,
    order,
    reset: false,
  });
  const what =
    scope === 'school'
      ? 'tout l’établissement'
      : scope === 'level'
        ? `le niveau ${level ?? ''}`
        : `la division ${divisions.find((d) => String(d.divisionId) === divisionId)?.divisionCode ?? ''}`;

  return (
    <SectionCard title="Préparer des courriers de notification">
      <Stack gap="sm">
        <Radio.Group
          label="Pour"
          value={scope}
          onChange={(value) => setScope(value as ScopeChoice)}
        >
          <Group gap="md" mt={4}>
            <Radio value="school" label="Tout l’établissement" />
            <Radio value="level" label="Un niveau" />
            <Radio value="division" label="Une division" />
          </Group>
        </Radio.Group>
        {scope === 'level' && (
          <Select label="Niveau" data={[...LEVELS]} value={level} onChange={setLevel} w={200} />
        )}
        {scope === 'division' && (
          <Select
            label="Division"
            data={divisions
              .filter((d) => d.divisionId !== null)
              .map((d) => ({ value: String(d.divisionId), label: d.divisionCode }))}
            value={divisionId}
            onChange={setDivisionId}
            searchable
            w={200}
          />
        )}
        <Checkbox.Group
          label="Courriers"
          value={kinds}
          onChange={(value) => setKinds(value as AccountKind[])}
        >
          <Group gap="md" mt={4}>
            <Checkbox value="guardian" label="des responsables" />
            <Checkbox value="student" label="des élèves" />
          </Group>
        </Checkbox.Group>
        <Radio.Group
          label="Ordre"
          value={order}
          onChange={(value) => setOrder(value as LetterOrder)}
        >
          <Stack gap={4} mt={4}>
            {Object.entries(LETTER_ORDERS).map(([value, label]) => (
              <Radio key={value} value={value} label={label} />
            ))}
          </Stack>
        </Radio.Group>
        <Group gap="sm">
          <Button
            disabled={!ready}
            onClick={() =>
              onRun({
                input: input(),
                mode: 'pdf',
                title: `Courriers — ${what}`,
                offerNeverNotifiedOnly: true,
              })
            }
          >
            Imprimer les courriers…
          </Button>
          <Button
            variant="default"
            disabled={!ready}
            onClick={() =>
              onRun({
                input: input(),
                mode: 'email',
                title: `Courriers par courriel — ${what}`,
                offerNeverNotifiedOnly: true,
              })
            }
          >
            Envoyer par courriel…
          </Button>
        </Group>
      </Stack>
    </SectionCard>
  );
}

interface Selection {
  group: CampaignGroup;
  divisionId: number | null | undefined;
  label: string;
}

function GroupList({ selection, onRun }: { selection: Selection; onRun: (run: Run) => void }) {
  const filter = {
    group: selection.group,
    ...(typeof selection.divisionId === 'number' ? { divisionId: selection.divisionId } : {}),
  };
  const list = useStaffQuery('campaign.list', filter);
  const scope = { kind: 'campaign' as const, ...filter };
  const kinds: AccountKind[] = ['guardian', 'student'];
  return (
    <SectionCard title={selection.label}>
      <Group gap="sm" mb="sm">
        <Button
          size="sm"
          onClick={() =>
            onRun({
              input: { scope, kinds, order: 'division', reset: false },
              mode: 'pdf',
              title: `Courriers — ${selection.label}`,
            })
          }
        >
          Imprimer les courriers de ce groupe…
        </Button>
        <Button
          size="sm"
          variant="default"
          onClick={() =>
            onRun({
              input: { scope, kinds, order: 'division', reset: false },
              mode: 'email',
              title: `Courriers par courriel — ${selection.label}`,
            })
          }
        >
          Envoyer par courriel…
        </Button>
        <Button
          size="sm"
          variant="default"
          onClick={() =>
            callStaff('campaign.csv', filter).then(
              (text) => saveCsv(text, `comptes-${selection.group}.csv`),
              notifyError,
            )
          }
        >
          Exporter en CSV
        </Button>
      </Group>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      {list.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" striped aria-label={selection.label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Nom</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Identifiant</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Courrier du</Table.Th>
                <Table.Th scope="col">À activer avant le</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/comptes/${account.id}`}>
                      {account.displayName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{ACCOUNT_KINDS[account.kind]}</Table.Td>
                  <Table.Td ff="monospace">{account.login}</Table.Td>
                  <Table.Td>
                    <AccountStateBadge account={account} />
                  </Table.Td>
                  <Table.Td>{formatDate(account.letterDate)}</Table.Td>
                  <Table.Td>{formatDate(account.expiresOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

function CountCell({
  count,
  label,
  onSelect,
}: {
  count: number;
  label: string;
  onSelect: () => void;
}) {
  if (count === 0) return <Text c="dimmed">0</Text>;
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-label={`${label} : ${formatNumber(count)}`}
      className="count-link"
    >
      {formatNumber(count)}
    </UnstyledButton>
  );
}

/** The campaign of letters and its follow-up, division by division (issue « campagne »). */
export function CampaignPage() {
  const summary = useStaffQuery('campaign.summary', {});
  const [run, setRun] = useState<Run | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [generation, setGeneration] = useState(0);

  if (summary.error) return <ErrorAlert error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <PageLoader />;
  const data = summary.data;

  return (
    <Stack gap="md">
      <PageHeader
        title="Campagne des comptes"
        subtitle={`Courriers de notification et suivi des activations au ${formatDate(data.today)}.`}
      />
      <NewLettersForm onRun={setRun} divisions={data.divisions} />
      <SectionCard title="Suivi par division">
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" striped aria-label="Comptes par division et par état">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Division</Table.Th>
                {CAMPAIGN_GROUP_KEYS.map((group) => (
                  <Table.Th scope="col" key={group}>
                    {CAMPAIGN_GROUPS[group]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.divisions.map((division) => (
                <Table.Tr key={String(division.divisionId)}>
                  <Table.Th scope="row">{division.divisionCode}</Table.Th>
                  {CAMPAIGN_GROUP_KEYS.map((group) => (
                    <Table.Td key={group}>
                      <CountCell
                        count={division.counts[group]}
                        label={`${division.divisionCode}, ${CAMPAIGN_GROUPS[group]}`}
                        onSelect={() =>
                          setSelection({
                            group,
                            divisionId: division.divisionId,
                            label: `${CAMPAIGN_GROUPS[group]} — ${division.divisionCode}`,
                          })
                        }
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">Total</Table.Th>
                {CAMPAIGN_GROUP_KEYS.map((group) => (
                  <Table.Td key={group} fw={700}>
                    <CountCell
                      count={data.totals[group]}
                      label={`Établissement, ${CAMPAIGN_GROUPS[group]}`}
                      onSelect={() =>
                        setSelection({
                          group,
                          divisionId: undefined,
                          label: `${CAMPAIGN_GROUPS[group]} — tout l’établissement`,
                        })
                      }
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {formatCount(
            CAMPAIGN_GROUP_KEYS.reduce((sum, g) => sum + data.totals[g], 0),
            'compte',
            'comptes',
          )}{' '}
          ; choisissez un nombre pour voir les comptes et leur envoyer un courrier.
        </Text>
      </SectionCard>
      {selection && (
        <GroupList
          key={`${selection.group}-${String(selection.divisionId)}-${generation}`}
          selection={selection}
          onRun={setRun}
        />
      )}
      <LetterBatches key={generation} />
      {run && (
        <LetterRunModal
          key={JSON.stringify(run)}
          input={run?.input ?? null}
          mode={run?.mode ?? 'pdf'}
          title={run?.title ?? ''}
          offerNeverNotifiedOnly={run?.offerNeverNotifiedOnly ?? false}
          onClose={(changed) => {
            setRun(null);
            if (changed) {
              summary.reload();
              setGeneration((g) => g + 1);
            }
          }}
        />
      )}
    </Stack>
  );
}
