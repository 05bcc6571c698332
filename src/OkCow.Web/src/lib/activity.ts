import { useSyncExternalStore } from 'react';

// The API has no "my orders" list, so the app remembers the ids of the writes an investor made (orders,
// subscriptions, redemptions) and reads each one's status resource. Kept per investor in localStorage: a refresh
// or a new tab loses nothing.

export type ActivityKind = 'order' | 'subscription' | 'redemption';

export interface Activity {
  kind: ActivityKind;
  id: string;
  fundId: string;
  at: string;
}

const keyFor = (investorId: string) => `okcow.activity.${investorId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { text: string | null; list: Activity[] }>();

export function readActivity(investorId: string): Activity[] {
  const text = localStorage.getItem(keyFor(investorId));
  const cached = cache.get(investorId);
  if (cached && cached.text === text) return cached.list;
  let list: Activity[] = [];
  try {
    list = text ? (JSON.parse(text) as Activity[]) : [];
  } catch {
    list = [];
  }
  cache.set(investorId, { text, list });
  return list;
}

export function recordActivity(investorId: string, activity: Activity): void {
  const list = [activity, ...readActivity(investorId).filter((a) => a.id !== activity.id)].slice(0, 200);
  localStorage.setItem(keyFor(investorId), JSON.stringify(list));
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function useActivity(investorId: string): Activity[] {
  return useSyncExternalStore(subscribe, () => readActivity(investorId));
}
