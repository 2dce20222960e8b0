import { EntitySchema } from 'typeorm';
import { instant, int, pk, str } from '../columns';

export interface LoginThrottleRow {
  id: number;
  keyHash: string;
  failures: number;
  lastFailureAt: string;
  refused: number;
}

export const LoginThrottleEntity = new EntitySchema<LoginThrottleRow>({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  columns: {
    id: pk(),
    keyHash: str('key_hash', 64),
    failures: { type: 'real', name: 'failures' },
    lastFailureAt: instant('last_failure_at'),
    refused: int('refused'),
  },
});
