import { getJson } from './http';
import { isProblem } from './problem';
import type { Receipt } from './types';

// SPEC §8: reads are eventually consistent, so an accepted write is "pending" until the view it names includes it.
// Evidence that it has landed, strongest first:
//   1. the view says which version of each source stream it includes (`versions: { [streamId]: version }`),
//   2. a status resource has left `pending`,
//   3. the view answers at all (a new resource) or differs from the snapshot taken just before the write.
// Until the versioned views exist, (3) can miss a write that leaves its view unchanged (a royalty paid out in full);
// then the wait ends after `timeoutMs` and the caller simply refreshes.

export interface LandingOptions {
  intervalMs?: number;
  timeoutMs?: number;
  before?: unknown;
}

export type LandingResult = 'landed' | 'timedOut';

function versionIncluded(view: unknown, streamId: string | undefined, version: number | undefined): boolean | null {
  if (!streamId || version === undefined || typeof view !== 'object' || view === null) return null;
  const versions = (view as { versions?: Record<string, number> }).versions;
  if (!versions || typeof versions !== 'object') return null;
  return (versions[streamId] ?? -1) >= version;
}

export function hasLanded(view: unknown, receipt: Receipt, before: unknown): boolean {
  const byVersion = versionIncluded(view, receipt.body.streamId, receipt.body.version);
  if (byVersion !== null) return byVersion;
  if (typeof view === 'object' && view !== null && 'status' in view) {
    return (view as { status: unknown }).status !== 'pending';
  }
  return before === undefined || JSON.stringify(view) !== JSON.stringify(before);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForLanding(receipt: Receipt, options: LandingOptions = {}): Promise<LandingResult> {
  const { intervalMs = 250, timeoutMs = 8000, before } = options;
  if (!receipt.location) return 'landed';
  const deadline = Date.now() + timeoutMs;
  for (let delay = intervalMs; ; delay = Math.min(delay * 1.5, 1000)) {
    try {
      const view = await getJson<unknown>(receipt.location);
      if (hasLanded(view, receipt, before)) return 'landed';
    } catch (error) {
      // 404: the new resource is not projected yet. Anything else is worth surfacing.
      if (!isProblem(error) || error.status !== 404) throw error;
    }
    if (Date.now() + delay > deadline) return 'timedOut';
    await wait(delay);
  }
}
