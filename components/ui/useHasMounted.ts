import { useSyncExternalStore } from 'react';

const subscribeNever = () => () => {};

/**
 * False during the server render and hydration, true afterwards: for things
 * that must measure the DOM, like recharts' ResponsiveContainer.
 */
export function useHasMounted(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
