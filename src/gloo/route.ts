import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CorsPolicy } from '../model/cors';
import { CsrfPolicy } from '../model/csrf';
import { GlooRouteOptions } from '../model/gloo-option-types.generated';
import { PathMatch } from '../model/path-match';
import { BasicRateLimits, RateLimitDescriptor } from '../model/rate-limits';
import { IUpstream } from '../model/references';
import { RouteAction } from '../model/route-action';
import { RouteMatcher } from '../model/route-matcher';
import { FaultInjection, HashPolicy, HeaderManipulation, HostRewrite, RegexRewrite, RetryPolicy, TracingDecoration } from '../model/route-options';
import { ConfigRef, ExtAuth } from '../model/virtual-host-options';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const ROUTE_BRAND = brandSymbol('Route');

/**
 * How Gloo treats a request a route matched (Gloo's route `options`): rewrites, timeouts, retries,
 * headers, CORS and CSRF, faults, load-balancer hashing, tracing, authentication and rate limits;
 * every other route option of Gloo's CRD (JWT, RBAC, WAF, DLP, transformations, external
 * processing, buffering, upgrades, ...) as the CRD has it (`GlooRouteOptions`).
 * `prefixRewrite`, `regexRewrite`, `hostRewrite`, `timeout`, `retries` and `hashPolicies` apply only
 * to a route that forwards (Gloo refuses them on a delegating route, a direct response or a
 * redirect); `cors` is refused on a redirect.
 */
export interface RouteBehavior extends GlooRouteOptions {
  /**
   * Replaces the matched prefix of the path before the request is forwarded.
   * @default - the path is forwarded unchanged
   */
  readonly prefixRewrite?: string;
  /**
   * Rewrites the path by regular expression before the request is forwarded. Not together with
   * `prefixRewrite` (Envoy takes one).
   * @default - the path is forwarded unchanged
   */
  readonly regexRewrite?: RegexRewrite;
  /**
   * Rewrites the `Host` header before the request is forwarded, e.g. `HostRewrite.auto()`.
   * @default - the request's host is forwarded unchanged
   */
  readonly hostRewrite?: HostRewrite;
  /**
   * How long Envoy waits for the whole response; `Duration.seconds(0)` waits for ever.
   * @default - Envoy's 15 seconds
   */
  readonly timeout?: Duration;
  /**
   * When and how often a failed request is retried.
   * @default - no retries
   */
  readonly retries?: RetryPolicy;
  /**
   * Headers added to or removed from requests and responses.
   * @default - headers are left as they are
   */
  readonly headerManipulation?: HeaderManipulation;
  /**
   * Faults injected into the route's requests (aborts, delays), to test clients.
   * @default - none
   */
  readonly faults?: FaultInjection;
  /**
   * What the load balancer hashes to pick an endpoint (session affinity), in order.
   * @default - no hashing
   */
  readonly hashPolicies?: HashPolicy[];
  /**
   * How the route appears in traces.
   * @default - Envoy's defaults
   */
  readonly tracing?: TracingDecoration;
  /**
   * The route's external authentication (Gloo Enterprise), e.g. `ExtAuth.disabled()` for a public
   * route of an authenticated VirtualHost.
   * @default - the VirtualHost's
   */
  readonly extauth?: ExtAuth;
  /**
   * RateLimitConfigs applied to the route's requests (Gloo Enterprise's `rateLimitConfigs.refs`);
   * without a namespace, the reference is rendered without one.
   * @default - none
   */
  readonly rateLimitConfigs?: ConfigRef[];
  /**
   * Basic rate limits for the route (Gloo Enterprise's `ratelimitBasic`).
   * @default - none
   */
  readonly ratelimitBasic?: BasicRateLimits;
  /**
   * The descriptors the route's requests yield for the rate-limit server (Gloo Enterprise's
   * `ratelimit.rateLimits`); the VirtualHost's are not used for the route unless
   * `includeVirtualHostRateLimits` is set.
   * @default - none
   */
  readonly rateLimits?: RateLimitDescriptor[];
  /**
   * Also apply the VirtualHost's rate-limit descriptors to the route (`ratelimit.includeVhRateLimits`).
   * @default false - Gloo's
   */
  readonly includeVirtualHostRateLimits?: boolean;
  /**
   * The route's cross-site request forgery protection.
   * @default - the VirtualHost's, if any
   */
  readonly csrf?: CsrfPolicy;
  /**
   * The route's CORS policy; `{ disableForRoute: true }` turns off the VirtualHost's.
   * @default - the VirtualHost's CORS policy, if any
   */
  readonly cors?: CorsPolicy;
  /**
   * Further Gloo route options, rendered into `options` as given. The CRD-schema check still applies
   * to it, but nothing else does: the simulators, `plan` and the Gateway API target do not read it.
   * @default - none
   * @deprecated use the typed fields of `RouteBehavior`; for an option without one, say so in an
   * issue. Give a field either typed or here, not both.
   */
  readonly extra?: { [key: string]: unknown };
}

/** Requests a route copies to another Upstream (Gloo's `shadowing`); the copies' responses are discarded. */
export interface RouteMirror {
  /** Where the copies go. */
  readonly upstream: IUpstream;
  /** The share of the route's requests that is copied, in percent (0 to 100). */
  readonly percent: number;
  /**
   * The `Host` header of the copies (`hostRewriteLiteral`).
   * @default - the request's host with `-shadow` appended, as Envoy does
   */
  readonly host?: string;
  /**
   * Keep the copies' host as it is, without Envoy's `-shadow` suffix (`disableShadowHostSuffixAppend`).
   * @default false
   */
  readonly keepHost?: boolean;
}

/**
 * A route: its matchers and its action. Routes are evaluated in order; the first that matches wins.
 */
export interface RouteProps {
  /**
   * The route's name, shown in Envoy's route names.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The matchers; a request matches the route when any of them matches.
   * @default - one matcher with prefix `/`, as Gloo defaults it
   */
  readonly matchers?: RouteMatcher[];
  /** What the route does with the requests it matches. */
  readonly action: RouteAction;
  /**
   * How matched requests are treated (Gloo's route `options`).
   * @default - none
   */
  readonly options?: RouteBehavior;
  /**
   * On a delegating route: its RouteTable's routes take this route's header, query and method
   * conditions before their own (Gloo's `inheritableMatchers`). On a RouteTable's route: whether
   * it does, whatever the delegating route says.
   * @default - the delegating route's; false at the top
   */
  readonly inheritableMatchers?: boolean;
  /**
   * On a delegating route: its RouteTable's routes take this route's path (and case sensitivity)
   * instead of their own (Gloo's `inheritablePathMatchers`). On a RouteTable's route: whether it
   * does, whatever the delegating route says.
   * @default - the delegating route's; false at the top
   */
  readonly inheritablePathMatchers?: boolean;
  /**
   * RouteOption objects whose options apply to the route too (Gloo's route
   * `optionsConfigRefs.delegateOptions`): `options` wins over them, and an earlier one over a later
   * one. Each needs its namespace: a route does not know the namespace it ends up in.
   * @default - none
   */
  readonly optionsConfigRefs?: ConfigRef[];
  /**
   * Copy a share of the matched requests to another Upstream.
   * @default - no copies
   */
  readonly mirror?: RouteMirror;
  /**
   * Accept that an earlier route may shadow this one, so it never matches. Shadowing is an error
   * otherwise.
   * @default false
   */
  readonly allowShadowing?: boolean;
}

const CATCH_ALL: RouteMatcher[] = [{ path: PathMatch.prefix('/') }];

/** A route as added to a VirtualService or RouteTable. */
export class Route {
  /** Whether `x` is a route; works across copies of the library. */
  public static isRoute(x: unknown): x is Route {
    return hasBrand(x, ROUTE_BRAND);
  }

  /** @internal */
  public static _create(props: RouteProps, owner: IConstruct, label: string): Route {
    return new Route(props, owner, label);
  }

  /** @internal the route as it was given */
  public readonly _props: RouteProps;
  /** @internal the construct that added the route; its path is named in errors about the route */
  public readonly _owner: IConstruct;
  /** @internal how errors name the route, e.g. `routes[2]` */
  public readonly _label: string;

  private constructor(props: RouteProps, owner: IConstruct, label: string) {
    this._props = props;
    this._owner = owner;
    this._label = label;
  }

  /** The route's matchers, defaulted as Gloo defaults them (one prefix `/` matcher). */
  public get matchers(): RouteMatcher[] {
    return this._props.matchers && this._props.matchers.length > 0 ? this._props.matchers : CATCH_ALL;
  }

  /** What the route does with the requests it matches. */
  public get action(): RouteAction {
    return this._props.action;
  }
}

brand(Route, ROUTE_BRAND);

