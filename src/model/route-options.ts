import { Duration } from 'cdk8s';
import { brand, brandSymbol, hasBrand } from '../private/brand';

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
