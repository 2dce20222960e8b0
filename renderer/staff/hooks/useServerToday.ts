import { useStaffQuery } from './useStaffQuery';

/**
 * The school's today by the server's clock (Paris), undefined until it has answered. A page's
 * default day comes from here, not from the browser: a computer's clock set wrong (or a test
 * clock) opened the roll of a day to come. `periods.list` is open to every staff member.
 * Its error comes too: a page waiting for the day shows it rather than loading forever.
 */
export function useServerToday(): { today: string | undefined; error: unknown } {
  const query = useStaffQuery('periods.list', {});
  return { today: query.data?.today, error: query.error };
}
