import { client, command, read } from './http';
import type { FundSummary, NavHistory, NavPoint, Side, StreamEvent } from './types';

// Every route of SPEC §4/§6 the app calls, one function each, over the client generated from /api/openapi.json:
// a route, parameter or body the functions do not have is a compile error here. Screens import only this module,
// queries.ts and useCommand.ts.

const idempotent = (key: string) => ({ 'Idempotency-Key': key });

// Lists answer one page shape (SPEC §7): { items, continuationToken, hasMore }. The screens that show a whole list
// (funds, a NAV chart, an audit trail) walk the pages with the tokens, at most MAX_PAGES of PAGE_SIZE each.
const PAGE_SIZE = 200;
const MAX_PAGES = 50;

async function allItems<T>(page: (continuationToken: string | undefined) => Promise<{ items: T[]; continuationToken?: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await page(token);
    items.push(...answer.items);
    token = answer.continuationToken ?? undefined;
    if (!token) break;
  }
  return items;
}

export const api = {
  // Identity (SPEC §6)
  signIn: (loginId: string, password: string) => read(() => client.POST('/api/sessions', { body: { loginId, password } })),
  register: (name: string, loginId: string, password: string) =>
    command((key) => client.POST('/api/investors', { params: { header: idempotent(key) }, body: { name, loginId, password } })),

  // Investors
  investor: (investorId: string) => read(() => client.GET('/api/investors/{investorId}', { params: { path: { investorId } } })),
  portfolio: (investorId: string) => read(() => client.GET('/api/investors/{investorId}/portfolio', { params: { path: { investorId } } })),
  investors: (skip: number, take: number) => read(() => client.GET('/api/investors', { params: { query: { skip, take } } })),
  deposit: (investorId: string, amount: number) =>
    command((key) => client.POST('/api/investors/{investorId}/deposits', { params: { path: { investorId }, header: idempotent(key) }, body: { amount } })),
  withdraw: (investorId: string, amount: number) =>
    command((key) => client.POST('/api/investors/{investorId}/withdrawals', { params: { path: { investorId }, header: idempotent(key) }, body: { amount } })),
  closeAccount: (investorId: string) =>
    command((key) => client.DELETE('/api/investors/{investorId}', { params: { path: { investorId }, header: idempotent(key) } })),

  // Funds and the market
  funds: (): Promise<FundSummary[]> =>
    allItems<FundSummary>((continuationToken) => read(() => client.GET('/api/funds', { params: { query: { take: PAGE_SIZE, continuationToken } } }))).then((funds) =>
      [...funds].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    ),
  fund: (fundId: string) => read(() => client.GET('/api/funds/{fundId}', { params: { path: { fundId } } })),
  navAt: (fundId: string, at: string) => read(() => client.GET('/api/funds/{fundId}/nav', { params: { path: { fundId }, query: { at } } })),
  navHistory: (fundId: string): Promise<NavHistory> =>
    allItems<NavPoint>((continuationToken) =>
      read(() => client.GET('/api/funds/{fundId}/nav-history', { params: { path: { fundId }, query: { take: PAGE_SIZE, continuationToken } } })),
    ).then((points) => ({ fundId, points })),
  orderBook: (fundId: string) => read(() => client.GET('/api/funds/{fundId}/orderbook', { params: { path: { fundId } } })),
  mcpi: () => read(() => client.GET('/api/mcpi')),
  subscribe: (fundId: string, investorId: string, amount: number) =>
    command((key) => client.POST('/api/funds/{fundId}/subscriptions', { params: { path: { fundId }, header: idempotent(key) }, body: { investorId, amount } })),
  redeem: (fundId: string, investorId: string, units: number) =>
    command((key) => client.POST('/api/funds/{fundId}/redemptions', { params: { path: { fundId }, header: idempotent(key) }, body: { investorId, units } })),
  placeOrder: (fundId: string, investorId: string, side: Side, price: number, quantity: number) =>
    command((key) =>
      client.POST('/api/funds/{fundId}/orders', { params: { path: { fundId }, header: idempotent(key) }, body: { investorId, side, price, quantity } }),
    ),
  cancelOrder: (fundId: string, orderId: string) =>
    command((key) => client.DELETE('/api/funds/{fundId}/orders/{orderId}', { params: { path: { fundId, orderId }, header: idempotent(key) } })),
  subscription: (subscriptionId: string) =>
    read(() => client.GET('/api/subscriptions/{subscriptionId}', { params: { path: { subscriptionId } } })),
  redemption: (redemptionId: string) => read(() => client.GET('/api/redemptions/{redemptionId}', { params: { path: { redemptionId } } })),
  order: (orderId: string) => read(() => client.GET('/api/orders/{orderId}', { params: { path: { orderId } } })),

  // Operators
  createFund: (name: string, basePrice: number) =>
    command((key) => client.POST('/api/funds', { params: { header: idempotent(key) }, body: { name, basePrice } })),
  acquireProperty: (fundId: string, property: { copyrightCode: string; registrationNumber: string; musicId: string; price: number }) =>
    command((key) => client.POST('/api/funds/{fundId}/properties', { params: { path: { fundId }, header: idempotent(key) }, body: property })),
  payRoyalty: (fundId: string, amount: number) =>
    command((key) => client.POST('/api/funds/{fundId}/royalties', { params: { path: { fundId }, header: idempotent(key) }, body: { amount } })),
  publishMcpi: (value: number, at?: string) =>
    command((key) => client.POST('/api/mcpi', { params: { header: idempotent(key) }, body: { value, at: at ?? null } })),
  streamEvents: (streamId: string) =>
    allItems<StreamEvent>((continuationToken) =>
      read(() => client.GET('/api/streams/{streamId}/events', { params: { path: { streamId }, query: { take: PAGE_SIZE, continuationToken } } })),
    ),
  reconciliation: () => read(() => client.GET('/api/reconciliation')),
  parked: () => read(() => client.GET('/api/operations/parked')),
  rebuild: (generation: string) =>
    read(() => client.POST('/api/operations/read-models/{generation}/rebuild', { params: { path: { generation } } })),
} satisfies Record<string, (...args: never[]) => Promise<unknown>>;
