import { command, getJson, postJson } from './http';
import type {
  Fund,
  FundSummary,
  InvestorPage,
  InvestorProfile,
  Mcpi,
  NavAt,
  NavHistory,
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

// Lists answer a bare array today; with SPEC §7's paging they answer { items, continuationToken }.
function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
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
  funds: (): Promise<FundSummary[]> => getJson<FundSummary[] | { items: FundSummary[] }>('funds').then(itemsOf),
  fund: (fundId: string) => getJson<Fund>(`funds/${id(fundId)}`),
  navAt: (fundId: string, at: string) => getJson<NavAt>(`funds/${id(fundId)}/nav?at=${id(at)}`),
  navHistory: (fundId: string) => getJson<NavHistory>(`funds/${id(fundId)}/nav-history`),
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
  streamEvents: (streamId: string): Promise<StreamEvent[]> =>
    getJson<StreamEvent[] | { items: StreamEvent[] }>(`streams/${id(streamId)}/events`).then(itemsOf),
  reconciliation: () => getJson<Reconciliation>('reconciliation'),
  parked: () => getJson<ParkedStream[]>('operations/parked'),
  rebuild: (generation: string) => postJson<RebuildReport>(`operations/read-models/${id(generation)}/rebuild`, {}),
} satisfies Record<string, (...args: never[]) => Promise<unknown>>;

export type { Receipt };
