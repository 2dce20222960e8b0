import { Badge } from '@mantine/core';
import type { AccountSummary } from '../../../../shared/api/staff/accounts';
import { ACCOUNT_STATES, CLOSED_REASONS } from '../../../../shared/domain/accounts';

const COLORS: Record<AccountSummary['state'], string> = {
  not_notified: 'gray',
  provisional: 'blue',
  awaiting_confirmation: 'yellow',
  active: 'green',
  expired: 'orange',
  closed: 'dark',
};

/** The state in words (never by colour alone), with the reason of a closure. */
export function AccountStateBadge({
  account,
}: {
  account: Pick<AccountSummary, 'state' | 'closedReason'>;
}) {
  const label =
    account.state === 'closed' && account.closedReason
      ? `${ACCOUNT_STATES.closed} — ${CLOSED_REASONS[account.closedReason]}`
      : ACCOUNT_STATES[account.state];
  return (
    <Badge color={COLORS[account.state]} variant="light" tt="none">
      {label}
    </Badge>
  );
}
