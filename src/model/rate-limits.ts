/** The unit of a rate limit (Gloo Enterprise's rate-limit `unit`). */
export enum RateLimitUnit {
  /** Per second. */
  SECOND = 'SECOND',
  /** Per minute. */
  MINUTE = 'MINUTE',
  /** Per hour. */
  HOUR = 'HOUR',
  /** Per day. */
  DAY = 'DAY',
  /** Per week. */
  WEEK = 'WEEK',
  /** Per month. */
  MONTH = 'MONTH',
  /** Per year. */
  YEAR = 'YEAR',
}

/** A number of requests per unit of time. */
export interface RateLimit {
  /** How many requests. */
  readonly requestsPerUnit: number;
  /** Per what. */
  readonly unit: RateLimitUnit;
}

/**
 * Gloo Enterprise's basic rate limits (`ratelimitBasic`): one limit for anonymous clients, by their
 * address, and one for authorized clients, by their user id from external authentication.
 */
export interface BasicRateLimits {
  /**
   * The limit for clients that are not authenticated, by remote address.
   * @default - no limit
   */
  readonly anonymousLimits?: RateLimit;
  /**
   * The limit for authenticated clients, by user id.
   * @default - no limit
   */
  readonly authorizedLimits?: RateLimit;
}
