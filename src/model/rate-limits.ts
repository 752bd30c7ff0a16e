import { brand, brandSymbol, hasBrand } from '../private/brand';

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

const RATE_LIMIT_ACTION_BRAND = brandSymbol('RateLimitAction');

/** What a rate-limit action puts into the descriptor. */
export enum RateLimitActionType {
  /** The value of a request header, under a descriptor key. */
  REQUEST_HEADER = 'requestHeaders',
  /** The client's address (`remote_address`). */
  REMOTE_ADDRESS = 'remoteAddress',
  /** A fixed value (`generic_key`). */
  GENERIC_KEY = 'genericKey',
  /** The cluster of the proxy (`source_cluster`). */
  SOURCE_CLUSTER = 'sourceCluster',
  /** The cluster the request goes to (`destination_cluster`). */
  DESTINATION_CLUSTER = 'destinationCluster',
}

/**
 * One entry of a rate-limit descriptor (Envoy's rate-limit `actions`): the rate-limit server
 * counts requests per distinct descriptor.
 */
export class RateLimitAction {
  /** Whether `x` is a rate-limit action; works across copies of the library. */
  public static isRateLimitAction(x: unknown): x is RateLimitAction {
    return hasBrand(x, RATE_LIMIT_ACTION_BRAND);
  }

  /** The value of the request header `headerName`, under `descriptorKey`; no descriptor when the header is absent. */
  public static requestHeader(headerName: string, descriptorKey: string): RateLimitAction {
    return new RateLimitAction(RateLimitActionType.REQUEST_HEADER, { headerName, descriptorKey });
  }

  /** The client's address (from `x-forwarded-for` when the gateway trusts it). */
  public static remoteAddress(): RateLimitAction {
    return new RateLimitAction(RateLimitActionType.REMOTE_ADDRESS, {});
  }

  /** A fixed value, to count a group of routes together. */
  public static genericKey(descriptorValue: string): RateLimitAction {
    return new RateLimitAction(RateLimitActionType.GENERIC_KEY, { descriptorValue });
  }

  /** The cluster of the proxy. */
  public static sourceCluster(): RateLimitAction {
    return new RateLimitAction(RateLimitActionType.SOURCE_CLUSTER, {});
  }

  /** The cluster (Upstream) the request goes to. */
  public static destinationCluster(): RateLimitAction {
    return new RateLimitAction(RateLimitActionType.DESTINATION_CLUSTER, {});
  }

  /** What the action puts into the descriptor. */
  public readonly type: RateLimitActionType;
  /** The header, for a request-header action. */
  public readonly headerName?: string;
  /** The descriptor key, for a request-header action. */
  public readonly descriptorKey?: string;
  /** The value, for a generic-key action. */
  public readonly descriptorValue?: string;

  private constructor(type: RateLimitActionType, a: { headerName?: string; descriptorKey?: string; descriptorValue?: string }) {
    this.type = type;
    this.headerName = a.headerName;
    this.descriptorKey = a.descriptorKey;
    this.descriptorValue = a.descriptorValue;
  }
}

brand(RateLimitAction, RATE_LIMIT_ACTION_BRAND);

/**
 * One descriptor a request yields for the rate-limit server (Gloo Enterprise's `ratelimit.rateLimits[]`):
 * `actions` for the server's `descriptors` configuration, `setActions` for its `setDescriptors`.
 */
export interface RateLimitDescriptor {
  /**
   * The descriptor's entries, in order.
   * @default - none
   */
  readonly actions?: RateLimitAction[];
  /**
   * The entries of a set descriptor, in any order.
   * @default - none
   */
  readonly setActions?: RateLimitAction[];
}
