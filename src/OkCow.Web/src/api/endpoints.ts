import { command, getJson, postJson } from './http';
import type {
  Fund,
  FundSummary,
  InvestorPage,
  InvestorProfile,
  Mcpi,
  NavAt,
  NavHistory,
  NavPoint,
  OrderBook,
  OrderStatus,
  ParkedStream,
  Portfolio,
  RebuildReport,
  Receipt,
  Reconciliation,
  RedemptionStatus,
  Session,
  Side,
  StreamEvent,
  SubscriptionStatus,
} from './types';

// Every route of SPEC §4/§6 the app calls, one function each. Screens import only this module, queries.ts and
// useCommand.ts, so a generated client can replace http.ts and types.ts underneath without touching them.

const id = encodeURIComponent;

// Lists answer one page shape (SPEC §7): { items, continuationToken, hasMore }. The screens that show a whole list
// (funds, a NAV chart, an audit trail) walk the pages with the tokens, at most MAX_PAGES of PAGE_SIZE each.
const PAGE_SIZE = 200;
const MAX_PAGES = 50;

interface Page<T> {
  items: T[];
  continuationToken?: string | null;
  hasMore?: boolean;
}

async function allItems<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let token: string | null | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const next = token ? `&continuationToken=${encodeURIComponent(token)}` : '';
    const answer = await getJson<Page<T>>(`${path}${separator}take=${PAGE_SIZE}${next}`);
    items.push(...answer.items);
    token = answer.continuationToken;
    if (!token) break;
  }
  return items;
}

export const api = {
  // Identity (SPEC §6)
  signIn: (loginId: string, password: string) => postJson<Session>('sessions', { loginId, password }),
  register: (name: string, loginId: string, password: string) => command('POST', 'investors', { name, loginId, password }),

  // Investors
  investor: (investorId: string) => getJson<InvestorProfile>(`investors/${id(investorId)}`),
  portfolio: (investorId: string) => getJson<Portfolio>(`investors/${id(investorId)}/portfolio`),
  investors: (skip: number, take: number) => getJson<InvestorPage>(`investors?skip=${skip}&take=${take}`),
  deposit: (investorId: string, amount: number) => command('POST', `investors/${id(investorId)}/deposits`, { amount }),
  withdraw: (investorId: string, amount: number) => command('POST', `investors/${id(investorId)}/withdrawals`, { amount }),
  closeAccount: (investorId: string) => command('DELETE', `investors/${id(investorId)}`),

  // Funds and the market
  funds: (): Promise<FundSummary[]> =>
    allItems<FundSummary>('funds').then((funds) => [...funds].sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
  fund: (fundId: string) => getJson<Fund>(`funds/${id(fundId)}`),
  navAt: (fundId: string, at: string) => getJson<NavAt>(`funds/${id(fundId)}/nav?at=${id(at)}`),
  navHistory: (fundId: string): Promise<NavHistory> =>
    allItems<NavPoint>(`funds/${id(fundId)}/nav-history`).then((points) => ({ fundId, points })),
  orderBook: (fundId: string) => getJson<OrderBook>(`funds/${id(fundId)}/orderbook`),
  mcpi: () => getJson<Mcpi>('mcpi'),
  subscribe: (fundId: string, investorId: string, amount: number) =>
    command('POST', `funds/${id(fundId)}/subscriptions`, { investorId, amount }),
  redeem: (fundId: string, investorId: string, units: number) =>
    command('POST', `funds/${id(fundId)}/redemptions`, { investorId, units }),
  placeOrder: (fundId: string, investorId: string, side: Side, price: number, quantity: number) =>
    command('POST', `funds/${id(fundId)}/orders`, { investorId, side, price, quantity }),
  cancelOrder: (fundId: string, orderId: string) => command('DELETE', `funds/${id(fundId)}/orders/${id(orderId)}`),
  subscription: (subscriptionId: string) => getJson<SubscriptionStatus>(`subscriptions/${id(subscriptionId)}`),
  redemption: (redemptionId: string) => getJson<RedemptionStatus>(`redemptions/${id(redemptionId)}`),
  order: (orderId: string) => getJson<OrderStatus>(`orders/${id(orderId)}`),

  // Operators
  createFund: (name: string, basePrice: number) => command('POST', 'funds', { name, basePrice }),
  acquireProperty: (fundId: string, property: { copyrightCode: string; registrationNumber: string; musicId: string; price: number }) =>
    command('POST', `funds/${id(fundId)}/properties`, property),
  payRoyalty: (fundId: string, amount: number) => command('POST', `funds/${id(fundId)}/royalties`, { amount }),
  publishMcpi: (value: number, at?: string) => command('POST', 'mcpi', at ? { value, at } : { value }),
  streamEvents: (streamId: string): Promise<StreamEvent[]> => allItems<StreamEvent>(`streams/${id(streamId)}/events`),
  reconciliation: () => getJson<Reconciliation>('reconciliation'),
  parked: () => getJson<ParkedStream[]>('operations/parked'),
  rebuild: (generation: string) => postJson<RebuildReport>(`operations/read-models/${id(generation)}/rebuild`, {}),
} satisfies Record<string, (...args: never[]) => Promise<unknown>>;

export type { Receipt };
