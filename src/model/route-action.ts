import { CsrfPolicy } from './csrf';
import { Destination } from './destination';
import { GlooDestinationOptions } from './gloo-option-types.generated';
import { IRouteTable, IUpstreamGroup } from './references';
import { HeaderManipulation } from './route-options';
import { ExtAuth } from './virtual-host-options';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const ROUTE_ACTION_BRAND = brandSymbol('RouteAction');

/** What a route does with the requests it matches. */
export enum RouteActionType {
  /** All to one destination (`routeAction.single`). */
  FORWARD = 'forward',
  /** Split across destinations by weight (`routeAction.multi`). */
  WEIGHTED_FORWARD = 'weighted-forward',
  /** Split as an UpstreamGroup says (`routeAction.upstreamGroup`). */
  UPSTREAM_GROUP = 'upstream-group',
  /** Handed to the routes of a RouteTable (`delegateAction`). */
  DELEGATE = 'delegate',
  /** Answered by Envoy itself with a fixed status and body (`directResponseAction`). */
  DIRECT_RESPONSE = 'direct-response',
  /** Answered with a redirect to another URL (`redirectAction`). */
  REDIRECT = 'redirect',
  /** Sent to the Envoy cluster a request header names (`routeAction.clusterHeader`). */
  CLUSTER_HEADER = 'cluster-header',
  /** Sent to the host the request names, resolved by DNS (`routeAction.dynamicForwardProxy`). */
  DYNAMIC_FORWARD_PROXY = 'dynamic-forward-proxy',
}

/** A response Envoy sends itself, without forwarding the request (Gloo's `directResponseAction`). */
export interface DirectResponse {
  /** The HTTP status, from 200 to 599 (Envoy's range). */
  readonly status: number;
  /**
   * The response body. Envoy refuses bodies over the gateway's `maxDirectResponseBodySizeBytes`
   * (4096 bytes unless the Gateway sets it).
   * @default - no body
   */
  readonly body?: string;
}

/** The status a redirect answers with (Gloo's `redirectAction.responseCode`). */
export enum RedirectResponseCode {
  /** 301, Gloo's default. */
  MOVED_PERMANENTLY = 'MOVED_PERMANENTLY',
  /** 302. */
  FOUND = 'FOUND',
  /** 303. */
  SEE_OTHER = 'SEE_OTHER',
  /** 307: the method and body are kept. */
  TEMPORARY_REDIRECT = 'TEMPORARY_REDIRECT',
  /** 308: the method and body are kept. */
  PERMANENT_REDIRECT = 'PERMANENT_REDIRECT',
}

/**
 * Where a redirect sends the client (Gloo's `redirectAction`): each field replaces one part of the
 * request's URL; the parts not given are kept. At least one must change something.
 */
export interface Redirect {
  /**
   * The host to redirect to, e.g. `www.example.com` (`hostRedirect`).
   * @default - the request's host
   */
  readonly host?: string;
  /**
   * The whole path to redirect to, e.g. `/store/` (`pathRedirect`). Not together with `prefixRewrite`.
   * @default - the request's path
   */
  readonly path?: string;
  /**
   * Replaces the prefix the route matched (`prefixRewrite`). Not together with `path`.
   * @default - the request's path
   */
  readonly prefixRewrite?: string;
  /**
   * Redirect to `https` (`httpsRedirect`).
   * @default false - the request's scheme
   */
  readonly https?: boolean;
  /**
   * The port to redirect to, 1 to 65535 (`portRedirect`).
   * @default - the request's port (443 with `https`)
   */
  readonly port?: number;
  /**
   * The status of the redirect.
   * @default RedirectResponseCode.MOVED_PERMANENTLY (301)
   */
  readonly responseCode?: RedirectResponseCode;
  /**
   * Drop the query string (`stripQuery`).
   * @default false - the query string is kept
   */
  readonly stripQuery?: boolean;
}

/** A destination with a weight. Weights are ratios: each destination gets `weight / total`. */
export interface WeightedDestination {
  /** Where the share goes. */
  readonly destination: Destination;
  /** The weight, an integer from 0 to 4294967295 (`RouteAction.MAX_WEIGHT`). */
  readonly weight: number;
  /**
   * What Gloo does with the requests of this share only (Gloo's per-destination `options`).
   * @default - nothing more than the route does
   */
  readonly options?: WeightedDestinationBehavior;
}

/**
 * How Gloo treats the requests one weighted destination gets (Gloo's `WeightedDestinationOptions`):
 * headers, CSRF and external authentication typed by hand, the others as Gloo's CRD has them
 * (`GlooDestinationOptions`).
 */
export interface WeightedDestinationBehavior extends GlooDestinationOptions {
  /**
   * Headers added to or removed from this share's requests and responses.
   * @default - headers are left as they are
   */
  readonly headerManipulation?: HeaderManipulation;
  /**
   * This share's cross-site request forgery protection.
   * @default - the route's
   */
  readonly csrf?: CsrfPolicy;
  /**
   * This share's external authentication (Gloo Enterprise); references need their namespace.
   * @default - the route's
   */
  readonly extauth?: ExtAuth;
}

interface ActionParts {
  readonly destination?: Destination;
  readonly destinations?: WeightedDestination[];
  readonly upstreamGroup?: IUpstreamGroup;
  readonly routeTable?: IRouteTable;
  readonly clusterHeader?: string;
  readonly forwardProxy?: DynamicForwardProxyOptions;
  readonly directResponse?: DirectResponse;
  readonly redirect?: Redirect;
}

/** How a dynamic forward proxy sets the `Host` of the requests it forwards. */
export interface DynamicForwardProxyOptions {
  /**
   * Forward to this host instead of the request's (`hostRewrite`). Not with `hostFromHeader`.
   * @default - the request's host
   */
  readonly hostRewrite?: string;
  /**
   * Forward to the host this request header names (`autoHostRewriteHeader`). Not with `hostRewrite`.
   * @default - the request's host
   */
  readonly hostFromHeader?: string;
}

/**
 * The action of a route: exactly one of forward, weighted forward, UpstreamGroup, delegation,
 * direct response, redirect, a cluster named by a header, or a dynamic forward proxy.
 */
export class RouteAction {
  /** The largest weight Gloo accepts: weights are `uint32`. */
  public static readonly MAX_WEIGHT = 4294967295;

  /** Whether `x` is a route action; works across copies of the library. */
  public static isRouteAction(x: unknown): x is RouteAction {
    return hasBrand(x, ROUTE_ACTION_BRAND);
  }

  /** Sends every matching request to one destination. */
  public static forward(destination: Destination): RouteAction {
    return new RouteAction(RouteActionType.FORWARD, { destination });
  }

  /**
   * Splits matching requests across destinations by weight, e.g. 90 and 10. Weights are ratios:
   * their total must be at least 1, and a single weight may be 0.
   */
  public static weightedForward(destinations: WeightedDestination[]): RouteAction {
    return new RouteAction(RouteActionType.WEIGHTED_FORWARD, { destinations: Array.isArray(destinations) ? [...destinations] : destinations });
  }

  /** Splits matching requests as the UpstreamGroup's weights say. */
  public static upstreamGroup(group: IUpstreamGroup): RouteAction {
    return new RouteAction(RouteActionType.UPSTREAM_GROUP, { upstreamGroup: group });
  }

  /**
   * Hands matching requests to the routes of a RouteTable. When none of them matches, Gloo goes on
   * with the next route.
   */
  public static delegate(table: IRouteTable): RouteAction {
    return new RouteAction(RouteActionType.DELEGATE, { routeTable: table });
  }

  /** Answers every matching request with `response`, e.g. `{ status: 404, body: 'gone' }`, without forwarding it. */
  public static directResponse(response: DirectResponse): RouteAction {
    return new RouteAction(RouteActionType.DIRECT_RESPONSE, { directResponse: typeof response === 'object' && response !== null ? { ...response } : response });
  }

  /** Answers every matching request with a redirect, e.g. `{ https: true }` or `{ host: 'www.example.com' }`. */
  public static redirect(redirect: Redirect): RouteAction {
    return new RouteAction(RouteActionType.REDIRECT, { redirect: typeof redirect === 'object' && redirect !== null ? { ...redirect } : redirect });
  }

  /**
   * Sends matching requests to the Envoy cluster named by the request header `header`
   * (`routeAction.clusterHeader`); a request without it, or naming no cluster, gets a 404.
   */
  public static clusterHeader(header: string): RouteAction {
    return new RouteAction(RouteActionType.CLUSTER_HEADER, { clusterHeader: header });
  }

  /**
   * Forwards matching requests to the host they name, resolved by DNS (`routeAction.dynamicForwardProxy`);
   * Gloo's Gateway must enable the dynamic forward proxy filter.
   */
  public static dynamicForwardProxy(options: DynamicForwardProxyOptions = {}): RouteAction {
    return new RouteAction(RouteActionType.DYNAMIC_FORWARD_PROXY, { forwardProxy: typeof options === 'object' && options !== null ? { ...options } : options });
  }

  /** What the action does. */
  public readonly type: RouteActionType;
  /** The destination of a forward. */
  public readonly destination?: Destination;
  /** The weighted destinations of a weighted forward. */
  public readonly destinations?: WeightedDestination[];
  /** The UpstreamGroup of an UpstreamGroup action. */
  public readonly targetGroup?: IUpstreamGroup;
  /** The RouteTable delegated to. */
  public readonly routeTable?: IRouteTable;
  /** The response of a direct response. */
  public readonly response?: DirectResponse;
  /** Where a redirect sends the client. */
  public readonly redirectTo?: Redirect;
  /** The request header naming the cluster, for a cluster-header action. */
  public readonly clusterHeaderName?: string;
  /** The dynamic forward proxy's host rewrite, for a dynamic forward proxy. */
  public readonly forwardProxy?: DynamicForwardProxyOptions;

  private constructor(type: RouteActionType, a: ActionParts) {
    this.type = type;
    this.destination = a.destination;
    this.destinations = a.destinations;
    this.targetGroup = a.upstreamGroup;
    this.routeTable = a.routeTable;
    this.response = a.directResponse;
    this.redirectTo = a.redirect;
    this.clusterHeaderName = a.clusterHeader;
    this.forwardProxy = a.forwardProxy;
  }
}

brand(RouteAction, ROUTE_ACTION_BRAND);

