// The API's answers as SPEC §4/§6 and src/OkCow.Application/Queries/Dtos.cs define them. Hand-written until
// GET /api/openapi.json exists; then openapi-typescript generates this file and nothing outside api/ changes.

export type Role = 'investor' | 'operator';

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  roles: Role[];
  investorId: string | null;
}

export interface CommandAnswer {
  streamId?: string;
  version?: number;
  [id: string]: unknown;
}

/** What an accepted command tells us: where to read its effect and which stream version it wrote. */
export interface Receipt {
  status: number;
  location: string | null;
  body: CommandAnswer;
}

export interface InvestorProfile {
  investorId: string;
  /** null once the investor is erased (SPEC §9). */
  name: string | null;
  loginId: string | null;
  registeredAt: string;
  erased: boolean;
}

export interface Holding {
  fundId: string;
  fundName: string;
  units: number;
  lockedUnits: number;
  nav: number;
  currentPrice: number;
  navValue: number;
  valuation: number;
  royaltiesReceived: number;
  totalPaid: number;
  totalReceived: number;
  returnRate: number | null;
  marketReturnRate: number | null;
}

export interface Portfolio {
  investorId: string;
  availableCash: number;
  pendingCash: number;
  depositBalance: number;
  tradingValueToday: number;
  holdings: Holding[];
}

export interface InvestorSummary {
  investorId: string;
  /** null once the investor is erased (SPEC §9). */
  name: string | null;
  loginId: string | null;
  erased?: boolean;
  availableCash: number;
  pendingCash: number;
  depositBalance: number;
  totalValuation: number;
}

export interface InvestorPage {
  skip?: number;
  take?: number;
  items: InvestorSummary[];
  continuationToken?: string | null;
  hasMore?: boolean;
}

export interface FundSummary {
  fundId: string;
  name: string;
  basePrice: number;
  createdAt: string;
}

export interface Property {
  propertyId: string;
  copyrightCode: string;
  registrationNumber: string;
  musicId: string;
  price: number;
  mcpiAtAcquisition: number;
  acquiredAt: string;
  value: number;
}

export interface Fund {
  fundId: string;
  name: string;
  basePrice: number;
  createdAt: string;
  cash: number;
  unitsOutstanding: number;
  properties: Property[];
  netAssets: number;
  nav: number;
  currentPrice: number;
  lastTradePrice: number | null;
  tradingValueToday: number;
  halted: boolean;
  mcpi: number;
}

export interface NavAt {
  fundId: string;
  at: string;
  cash: number;
  unitsOutstanding: number;
  netAssets: number;
  nav: number;
  mcpi: number;
}

export interface NavPoint {
  at: string;
  nav: number;
  netAssets: number;
  unitsOutstanding: number;
  cash: number;
  mcpi: number;
}

export interface NavHistory {
  fundId: string;
  points: NavPoint[];
}

export interface PriceLevel {
  price: number;
  quantity: number;
  orderCount: number;
}

export interface OrderBook {
  fundId: string;
  bids: PriceLevel[];
  asks: PriceLevel[];
}

export interface Mcpi {
  value: number;
  at: string | null;
  referenceValue: number | null;
  halted: boolean;
  haltedUntil: string | null;
}

export type SagaStatus = 'pending' | 'completed' | 'rejected';
export type OrderState = 'pending' | 'open' | 'partiallyFilled' | 'filled' | 'cancelled' | 'rejected';
export type Side = 'buy' | 'sell';

export interface SubscriptionStatus {
  subscriptionId: string;
  status: SagaStatus;
  code: string | null;
  investorId: string | null;
  fundId: string | null;
  amount: number | null;
  units: number | null;
  cost: number | null;
  nav: number | null;
  requestedAt: string | null;
  updatedAt: string | null;
}

export interface RedemptionStatus {
  redemptionId: string;
  status: SagaStatus;
  code: string | null;
  investorId: string | null;
  fundId: string | null;
  units: number | null;
  proceeds: number | null;
  nav: number | null;
  requestedAt: string | null;
  updatedAt: string | null;
}

export interface OrderStatus {
  orderId: string;
  status: OrderState;
  code: string | null;
  investorId: string | null;
  fundId: string | null;
  side: Side | null;
  price: number | null;
  quantity: number | null;
  filledQuantity: number;
  remainingQuantity: number;
  placedAt: string | null;
  updatedAt: string | null;
}

export interface StreamEvent {
  eventId: string;
  type: string;
  version: number;
  timestamp: string;
  correlationId: string;
  causationId: string | null;
  actor: string;
  data: unknown;
}

export interface Reconciliation {
  investorCash: number;
  fundCash: number;
  left: number;
  deposits: number;
  withdrawals: number;
  royaltyIncome: number;
  propertyPurchases: number;
  right: number;
  inTransit: number;
  openSagas: number;
  agrees: boolean;
  settled: boolean;
  eventsRead: number;
  at: string;
}

export interface ParkedStream {
  handler: string;
  streamId: string;
  fromVersion: number;
  eventType: string;
  error: string;
  attempts: number;
  parkedAt: string;
  lastAttemptAt: string;
}

export interface RebuildReport {
  generation: string;
  events: number;
  projections: number;
  elapsed: string;
}
