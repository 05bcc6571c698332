import { getJson } from './http';
import { isProblem } from './problem';
import type { Receipt } from './types';

// SPEC §8: reads are eventually consistent, so an accepted write is "pending" until the view it names includes it.
// Each poll asks the API to wait (a few seconds at most) for the written version (`?waitFor={streamId}:{version}`).
// Evidence that it has landed:
//   - a status resource still `pending` has not (the saga is still running), whatever its versions say;
//   - otherwise the view says which version of each source stream it includes (`versions: { [streamId]: version }`);
//   - a view without versions counts when it answers at all (a new resource) or differs from the snapshot taken
//     just before the write.

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
  if (typeof view === 'object' && view !== null && 'status' in view && (view as { status: unknown }).status === 'pending') {
    return false;
  }
  const byVersion = versionIncluded(view, receipt.body.streamId, receipt.body.version);
  if (byVersion !== null) return byVersion;
  if (typeof view === 'object' && view !== null && 'status' in view) return true;
  return before === undefined || JSON.stringify(view) !== JSON.stringify(before);
}

/** The Location with `waitFor` for the version the command wrote, so the API answers once the view includes it. */
export function waitingLocation(receipt: Receipt): string | null {
  const { location } = receipt;
  const { streamId, version } = receipt.body;
  if (!location || !streamId || version === undefined) return location;
  return `${location}${location.includes('?') ? '&' : '?'}waitFor=${encodeURIComponent(`${streamId}:${version}`)}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForLanding(receipt: Receipt, options: LandingOptions = {}): Promise<LandingResult> {
  const { intervalMs = 250, timeoutMs = 8000, before } = options;
  if (!receipt.location) return 'landed';
  const deadline = Date.now() + timeoutMs;
  for (let delay = intervalMs; ; delay = Math.min(delay * 1.5, 1000)) {
    try {
      const view = await getJson<unknown>(waitingLocation(receipt) ?? receipt.location);
      if (hasLanded(view, receipt, before)) return 'landed';
    } catch (error) {
      // 404: the new resource is not projected yet. Anything else is worth surfacing.
      if (!isProblem(error) || error.status !== 404) throw error;
    }
    if (Date.now() + delay > deadline) return 'timedOut';
    await wait(delay);
  }
}
