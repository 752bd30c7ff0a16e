import { Duration } from 'cdk8s';
import { InputProblem } from './input-problem';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { firstUnknownKey } from '../private/unknown-keys';

const HOST_REWRITE_BRAND = brandSymbol('HostRewrite');

/** Where a rewritten `Host` header comes from. */
export enum HostRewriteType {
  /** A fixed host (Gloo's `hostRewrite`). */
  LITERAL = 'literal',
  /** The host of the endpoint Gloo picked (`autoHostRewrite: true`). */
  AUTO = 'auto',
  /** The value of another request header (`hostRewriteHeader`). */
  FROM_HEADER = 'from-header',
}

/**
 * How a route rewrites the `Host` header before it forwards a request. Gloo takes one host rewrite
 * per route, so it is one value made with a factory.
 */
export class HostRewrite {
  /** Whether `x` is a host rewrite; works across copies of the library. */
  public static isHostRewrite(x: unknown): x is HostRewrite {
    return hasBrand(x, HOST_REWRITE_BRAND);
  }

  /** Sets the `Host` header to `host`, e.g. `api.example.com` (Gloo's `hostRewrite`). */
  public static literal(host: string): HostRewrite {
    return new HostRewrite(HostRewriteType.LITERAL, host);
  }

  /**
   * Sets the `Host` header to the host name of the endpoint Gloo picked (Gloo's
   * `autoHostRewrite: true`). Envoy does so only for endpoints it knows by host name: static
   * Upstreams and DNS names, not Kubernetes pod addresses.
   */
  public static auto(): HostRewrite {
    return new HostRewrite(HostRewriteType.AUTO);
  }

  /** Sets the `Host` header to the value of the request header `name` (Gloo's `hostRewriteHeader`). */
  public static fromHeader(name: string): HostRewrite {
    return new HostRewrite(HostRewriteType.FROM_HEADER, name);
  }

  /** Where the new host comes from. */
  public readonly type: HostRewriteType;
  /** The host (`LITERAL`) or the header name (`FROM_HEADER`). */
  public readonly value?: string;

  private constructor(type: HostRewriteType, value?: string) {
    this.type = type;
    this.value = value;
  }
}

brand(HostRewrite, HOST_REWRITE_BRAND);

/** A header a route adds to requests or responses. */
export interface HeaderToAdd {
  /** The header's name, an HTTP token such as `x-request-source`; not `host` nor a `:` pseudo-header. */
  readonly name: string;
  /** The value. */
  readonly value: string;
  /**
   * Whether the value is added to the values the header already has (`true`) or replaces them (`false`).
   * @default true - Gloo appends when `append` is not given
   */
  readonly append?: boolean;
}

/** Headers a route adds to or removes from requests before forwarding, and from responses before returning them. */
export interface HeaderManipulation {
  /**
   * Headers added to each request before it is forwarded.
   * @default - none
   */
  readonly requestHeadersToAdd?: HeaderToAdd[];
  /**
   * Names of headers removed from each request before it is forwarded.
   * @default - none
   */
  readonly requestHeadersToRemove?: string[];
  /**
   * Headers added to each response.
   * @default - none
   */
  readonly responseHeadersToAdd?: HeaderToAdd[];
  /**
   * Names of headers removed from each response.
   * @default - none
   */
  readonly responseHeadersToRemove?: string[];
}

/** When and how often Envoy retries a forwarded request (Gloo's `retries`). */
export interface RetryPolicy {
  /**
   * The conditions to retry on, comma-separated Envoy names such as `5xx,connect-failure` or
   * `retriable-4xx` (Envoy's `x-envoy-retry-on` values, and its gRPC ones).
   * @default - no condition: Envoy retries nothing
   */
  readonly retryOn?: string;
  /**
   * How many times to retry.
   * @default 1 - Gloo sends 1 when 0 or nothing is given
   */
  readonly numRetries?: number;
  /**
   * How long each try may take.
   * @default - each try may take the route's whole timeout
   */
  readonly perTryTimeout?: Duration;
}

/** A rewrite of the request path by regular expression (Gloo's `regexRewrite`). */
export interface RegexRewrite {
  /** An RE2 regular expression; every match in the path is replaced. */
  readonly pattern: string;
  /** The replacement; `\1`, `\2` ... refer to the pattern's capture groups. */
  readonly substitution: string;
}

/** Requests a route answers with an error instead of forwarding them (fault injection's abort). */
export interface FaultAbort {
  /** The share of requests aborted, in percent (0 to 100). */
  readonly percent: number;
  /** The status they are answered with, from 200 to 599. */
  readonly httpStatus: number;
}

/** Requests a route holds back before forwarding them (fault injection's delay). */
export interface FaultDelay {
  /** The share of requests delayed, in percent (0 to 100). */
  readonly percent: number;
  /** How long they are held back: at least one second (Gloo refuses a delay whose whole seconds are 0). */
  readonly fixedDelay: Duration;
}

/** Faults a route injects, to test how clients cope (Gloo's `faults`). */
export interface FaultInjection {
  /**
   * Requests answered with an error.
   * @default - none
   */
  readonly abort?: FaultAbort;
  /**
   * Requests delayed.
   * @default - none
   */
  readonly delay?: FaultDelay;
}

const HASH_POLICY_BRAND = brandSymbol('HashPolicy');

/** What a hash policy hashes. */
export enum HashPolicyType {
  /** A request header. */
  HEADER = 'header',
  /** A cookie (Envoy sets it when the request has none and a `ttl` is given). */
  COOKIE = 'cookie',
  /** The client's IP address. */
  SOURCE_IP = 'source-ip',
}

/** Options of a hash policy. */
export interface HashPolicyOptions {
  /**
   * Stop at this policy when it yields a hash: the later ones are not used.
   * @default false
   */
  readonly terminal?: boolean;
}

/** Options of a cookie hash policy. */
export interface CookieHashPolicyOptions extends HashPolicyOptions {
  /**
   * How long a cookie Envoy sets lives; without it, Envoy sets none.
   * @default - Envoy generates no cookie
   */
  readonly ttl?: Duration;
  /**
   * The path of a cookie Envoy sets.
   * @default - none
   */
  readonly path?: string;
}

/**
 * One input of the hash that picks an endpoint, for session affinity with a ring-hash or Maglev
 * load balancer (Gloo's `lbHash.hashPolicies`). A route takes a list; Envoy combines them in order.
 */
export class HashPolicy {
  /** Whether `x` is a hash policy; works across copies of the library. */
  public static isHashPolicy(x: unknown): x is HashPolicy {
    return hasBrand(x, HASH_POLICY_BRAND);
  }

  /** Hashes the request header `name`. */
  public static header(name: string, options: HashPolicyOptions = {}): HashPolicy {
    return new HashPolicy(HashPolicyType.HEADER, name, options);
  }

  /** Hashes the cookie `name`. */
  public static cookie(name: string, options: CookieHashPolicyOptions = {}): HashPolicy {
    return new HashPolicy(HashPolicyType.COOKIE, name, options);
  }

  /** Hashes the client's IP address. */
  public static sourceIp(options: HashPolicyOptions = {}): HashPolicy {
    return new HashPolicy(HashPolicyType.SOURCE_IP, undefined, options);
  }

  /** What is hashed. */
  public readonly type: HashPolicyType;
  /** The header or cookie name. */
  public readonly name?: string;
  /** Whether a hash from this policy ends the list. */
  public readonly terminal?: boolean;
  /** The lifetime of a cookie Envoy sets. */
  public readonly ttl?: Duration;
  /** The path of a cookie Envoy sets. */
  public readonly path?: string;
  /** @internal what is wrong with the options given, reported by the route that uses the policy */
  public readonly _problem?: InputProblem;

  private constructor(type: HashPolicyType, name: string | undefined, options: CookieHashPolicyOptions) {
    this._problem = firstUnknownKey(options, type === HashPolicyType.COOKIE ? 'CookieHashPolicyOptions' : 'HashPolicyOptions');
    this.type = type;
    this.name = name;
    this.terminal = options?.terminal;
    this.ttl = options?.ttl;
    this.path = options?.path;
  }
}

brand(HashPolicy, HASH_POLICY_BRAND);

/** How a route appears in traces (Gloo's `tracing`). */
export interface TracingDecoration {
  /**
   * The name of the route in spans.
   * @default - Envoy's: the route's name
   */
  readonly routeDescriptor?: string;
  /**
   * Whether trace headers are passed on to the upstream.
   * @default true - Envoy's
   */
  readonly propagate?: boolean;
  /**
   * The share of requests with `x-client-trace-id` that are traced, in percent.
   * @default 100
   */
  readonly clientSamplePercent?: number;
  /**
   * The share of other requests that are traced, in percent.
   * @default 100
   */
  readonly randomSamplePercent?: number;
  /**
   * The share of traced requests kept after the other two, in percent.
   * @default 100
   */
  readonly overallSamplePercent?: number;
}
