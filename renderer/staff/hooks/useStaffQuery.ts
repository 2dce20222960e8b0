import { useCallback, useEffect, useState } from 'react';
import type { StaffCallName, StaffInput, StaffOutput } from '../../../shared/api/staff';
import { callStaff } from '../api';

export interface StaffQuery<T> {
  /** The last value received; kept while a new request runs so that lists do not flicker. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the cached value after a mutation that returned the new state. */
  setData: (value: T) => void;
}

interface Settled<T> {
  requestKey: string;
  data: T | undefined;
  error: unknown;
}

/**
 * Loads one staff call and reloads it when its input changes. Answers to superseded
 * requests are dropped, so a fast typist never sees results for an older query.
 */
export function useStaffQuery<K extends StaffCallName>(
  name: K,
  input: StaffInput<K>,
  options: { enabled?: boolean } = {},
): StaffQuery<StaffOutput<K>> {
  const enabled = options.enabled ?? true;
  const inputKey = JSON.stringify(input);
  const [generation, setGeneration] = useState(0);
  const requestKey = `${name}|${inputKey}|${generation}`;
  const [settled, setSettled] = useState<Settled<StaffOutput<K>>>({
    requestKey: '',
    data: undefined,
    error: null,
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    callStaff(name, JSON.parse(inputKey) as StaffInput<K>).then(
      (data) => {
        if (current) setSettled({ requestKey, data, error: null });
      },
      (error: unknown) => {
        if (current) setSettled((previous) => ({ requestKey, data: previous.data, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [enabled, name, inputKey, requestKey]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback(
    (data: StaffOutput<K>) => setSettled((previous) => ({ ...previous, data, error: null })),
    [],
  );

  return {
    data: settled.data,
    error: settled.requestKey === requestKey ? settled.error : null,
    loading: enabled && settled.requestKey !== requestKey,
    reload,
    setData,
  };
}
