import { queryOptions } from '@tanstack/react-query';
import { api } from './endpoints';

// Query keys and fetchers in one place, so every mutation can say precisely what it invalidates.
// Views refresh themselves every few seconds: other people's writes (a trade, a royalty) change them too.
const LIVE = 4000;

export const keys = {
  portfolio: (investorId: string) => ['portfolio', investorId] as const,
  investor: (investorId: string) => ['investor', investorId] as const,
  investors: (skip: number, take: number) => ['investors', skip, take] as const,
  allInvestors: ['investors'] as const,
  funds: ['funds'] as const,
  fund: (fundId: string) => ['fund', fundId] as const,
  navAt: (fundId: string, at: string) => ['nav-at', fundId, at] as const,
  navHistory: (fundId: string) => ['nav-history', fundId] as const,
  orderBook: (fundId: string) => ['orderbook', fundId] as const,
  mcpi: ['mcpi'] as const,
  subscription: (id: string) => ['subscription', id] as const,
  redemption: (id: string) => ['redemption', id] as const,
  order: (id: string) => ['order', id] as const,
  streamEvents: (streamId: string) => ['stream-events', streamId] as const,
  reconciliation: ['reconciliation'] as const,
  parked: ['parked'] as const,
};

// A status resource is polled until it settles; also while it has not answered yet (a 404 before it is projected).
const stillPending = (status: string | undefined) =>
  status === undefined || status === 'pending' || status === 'open' || status === 'partiallyFilled' ? LIVE : false;

export const queries = {
  portfolio: (investorId: string) =>
    queryOptions({ queryKey: keys.portfolio(investorId), queryFn: () => api.portfolio(investorId), refetchInterval: LIVE }),
  investor: (investorId: string) => queryOptions({ queryKey: keys.investor(investorId), queryFn: () => api.investor(investorId) }),
  investors: (skip: number, take: number) =>
    queryOptions({ queryKey: keys.investors(skip, take), queryFn: () => api.investors(skip, take), refetchInterval: LIVE }),
  funds: () => queryOptions({ queryKey: keys.funds, queryFn: api.funds, refetchInterval: LIVE }),
  fund: (fundId: string) => queryOptions({ queryKey: keys.fund(fundId), queryFn: () => api.fund(fundId), refetchInterval: LIVE }),
  navAt: (fundId: string, at: string) => queryOptions({ queryKey: keys.navAt(fundId, at), queryFn: () => api.navAt(fundId, at), staleTime: Infinity }),
  navHistory: (fundId: string) =>
    queryOptions({ queryKey: keys.navHistory(fundId), queryFn: () => api.navHistory(fundId), refetchInterval: LIVE }),
  orderBook: (fundId: string) =>
    queryOptions({ queryKey: keys.orderBook(fundId), queryFn: () => api.orderBook(fundId), refetchInterval: LIVE }),
  mcpi: () => queryOptions({ queryKey: keys.mcpi, queryFn: api.mcpi, refetchInterval: LIVE }),
  subscription: (id: string) =>
    queryOptions({ queryKey: keys.subscription(id), queryFn: () => api.subscription(id), refetchInterval: (q) => stillPending(q.state.data?.status) }),
  redemption: (id: string) =>
    queryOptions({ queryKey: keys.redemption(id), queryFn: () => api.redemption(id), refetchInterval: (q) => stillPending(q.state.data?.status) }),
  order: (id: string) =>
    queryOptions({ queryKey: keys.order(id), queryFn: () => api.order(id), refetchInterval: (q) => stillPending(q.state.data?.status) }),
  streamEvents: (streamId: string) => queryOptions({ queryKey: keys.streamEvents(streamId), queryFn: () => api.streamEvents(streamId) }),
  reconciliation: () => queryOptions({ queryKey: keys.reconciliation, queryFn: api.reconciliation }),
  parked: () => queryOptions({ queryKey: keys.parked, queryFn: api.parked }),
};
