import type { components } from './schema';

// The API's answers, named for the screens: every shape comes from the generated schema.d.ts (GET /api/openapi.json),
// so a change in the functions' DTOs shows up here as a type error, never as a silent mismatch.
type Schemas = components['schemas'];

export type Role = 'investor' | 'operator';
export type Side = Schemas['PlaceOrderRequest']['side'];

export type Session = Schemas['SessionDto'];
export type InvestorProfile = Schemas['InvestorProfileDto'];
export type Holding = Schemas['HoldingDto'];
export type Portfolio = Schemas['PortfolioDto'];
export type InvestorSummary = Schemas['InvestorSummaryDto'];
export type InvestorPage = Schemas['PageDtoOfInvestorSummaryDto'];
export type FundSummary = Schemas['FundSummaryDto'];
export type Property = Schemas['PropertyDto'];
export type Fund = Schemas['FundDto'];
export type NavAt = Schemas['FundNavAtDto'];
export type NavPoint = Schemas['NavPointDto'];
/** A fund's whole NAV history, every page of `nav-history` walked. */
export interface NavHistory {
  fundId: string;
  points: NavPoint[];
}
export type PriceLevel = Schemas['PriceLevelDto'];
export type OrderBook = Schemas['OrderBookDto'];
export type Mcpi = Schemas['McpiDto'];
export type SubscriptionStatus = Schemas['SubscriptionStatusDto'];
export type RedemptionStatus = Schemas['RedemptionStatusDto'];
export type OrderStatus = Schemas['OrderStatusDto'];
export type StreamEvent = Schemas['StreamEventDto'];
export type Reconciliation = Schemas['ReconciliationDto'];
export type ParkedStream = Schemas['ParkedStream'];
export type RebuildReport = Schemas['RebuildReport'];

/** Every command answer names the stream and version it wrote (SPEC §8), besides its own ids. */
export interface CommandAnswer {
  streamId: string;
  version: number;
}

/** What an accepted command tells us: where to read its effect and which stream version it wrote. */
export interface Receipt<T extends CommandAnswer = CommandAnswer> {
  status: number;
  location: string | null;
  body: T;
}
