import { Badge } from '@mantine/core';
import type { AccountSummary } from '../../../../shared/api/staff/accounts';
import {
  ACCOUNT_STATES,
  CLOSED_REASONS,
  VOIDED_LETTER_REASON,
} from '../../../../shared/domain/accounts';

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
  account: Pick<AccountSummary, 'state' | 'closedReason'> & { letterVoided?: boolean };
}) {
  const label = account.letterVoided
    ? `${ACCOUNT_STATES[account.state]} — ${VOIDED_LETTER_REASON}`
    : account.state === 'closed' && account.closedReason
      ? `${ACCOUNT_STATES.closed} — ${CLOSED_REASONS[account.closedReason]}`
      : ACCOUNT_STATES[account.state];
  return (
    <Badge color={account.letterVoided ? 'red' : COLORS[account.state]} variant="light" tt="none">
      {label}
    </Badge>
  );
}
