import { IConstruct } from 'constructs';
import { IRouteTable } from './route-table';
import { IUpstream } from './upstream';
import { IUpstreamGroup } from './upstream-group';
import { renderRoute } from '../private/route-render';

/** The largest weight Gloo accepts: weights are `uint32`. */
export const MAX_WEIGHT = 4294967295;

/**
 * A header condition of a matcher. With no `value` it matches when the header is present.
 *
 * @see https://docs.solo.io/gloo-edge/latest/reference/api/github.com/solo-io/gloo/projects/gloo/api/v1/core/matchers/matchers.proto.sk/
 */
export interface HeaderMatcher {
  /** The header name, e.g. `x-canary`. */
  readonly name: string;
  /**
   * The value to match.
   * @default - any value: the header only has to be present
   */
  readonly value?: string;
  /**
   * Whether `value` is an RE2 regular expression that must match the whole header value.
   * @default false
   */
  readonly regex?: boolean;
  /**
   * Whether the condition is inverted: it then matches requests the condition would not match.
   * @default false
   */
  readonly invertMatch?: boolean;
}

/** A query-parameter condition of a matcher. With no `value` it matches when the parameter is present. */
export interface QueryParameterMatcher {
  /** The parameter name. */
  readonly name: string;
  /**
   * The value to match.
   * @default - any value: the parameter only has to be present
   */
  readonly value?: string;
  /**
   * Whether `value` is an RE2 regular expression that must match the whole value.
   * @default false
   */
  readonly regex?: boolean;
}

/**
 * One matcher of a route. Exactly one path specifier (`prefix`, `exact` or `regex`) is required;
 * the conditions of one matcher are ANDed.
 */
export interface RouteMatcher {
  /**
   * Matches paths that start with this prefix.
   * @default - no prefix match
   */
  readonly prefix?: string;
  /**
   * Matches this exact path (the query string is not part of it).
   * @default - no exact match
   */
  readonly exact?: string;
  /**
   * Matches paths that this RE2 regular expression matches as a whole (the query string is not part of it).
   * @default - no regex match
   */
  readonly regex?: string;
  /**
   * Whether the path match is case sensitive.
   * @default true
   */
  readonly caseSensitive?: boolean;
  /**
   * Header conditions, all of which must hold.
   * @default - none
   */
  readonly headers?: HeaderMatcher[];
  /**
   * Query-parameter conditions, all of which must hold.
   * @default - none
   */
  readonly queryParameters?: QueryParameterMatcher[];
  /**
   * HTTP methods, one of which must be the request's.
   * @default - any method
   */
  readonly methods?: string[];
}

/** Parameters that a REST function destination extracts from the request. */
export interface FunctionParameters {
  /**
   * Header templates by header name, e.g. `{ ':path': '/findPetWithId/{id}' }` makes `id` available to the function.
   * @default - none
   */
  readonly headers?: { [name: string]: string };
  /**
   * A template for the path.
   * @default - none
   */
  readonly path?: string;
}

/** A Kubernetes Service used directly as a destination (`destination.kube`). It has no REST functions. */
export interface KubeServiceDestination {
  /** The Service name. */
  readonly serviceName: string;
  /** The Service namespace. */
  readonly serviceNamespace: string;
  /** The Service port. */
  readonly port: number;
}

/**
 * Where a route sends traffic: exactly one of `upstream` and `kube`, optionally a REST function of the upstream.
 */
export interface Destination {
  /**
   * The Upstream to send traffic to.
   * @default - `kube` is used
   */
  readonly upstream?: IUpstream;
  /**
   * A Kubernetes Service to send traffic to directly.
   * @default - `upstream` is used
   */
  readonly kube?: KubeServiceDestination;
  /**
   * The REST function of the upstream to call (`destinationSpec.rest.functionName`).
   * @default - the request is forwarded as it is, no function is called
   */
  readonly functionName?: string;
  /**
   * Parameters for the function. Only with `functionName`.
   * @default - none
   */
  readonly parameters?: FunctionParameters;
}

/** A destination with a weight. Weights are ratios: each destination gets `weight / total`. */
export interface WeightedDestination extends Destination {
  /** The weight, an integer from 0 to 4294967295. */
  readonly weight: number;
}

/** Options of a route (`options`). */
export interface RouteOptions {
  /**
   * Replaces the matched prefix of the path before the request is forwarded.
   * @default - the path is forwarded unchanged
   */
  readonly prefixRewrite?: string;
  /**
   * Further Gloo route options, rendered into `options` as given (for example `timeout`, `retries`
   * or `headerManipulation`). This is the escape hatch for everything not typed here; the
   * CRD-schema check still applies to it.
   * @default - none
   */
  readonly extra?: { [key: string]: any };
}

/**
 * A route: its matchers and exactly one action.
 *
 * The actions are `destination` (`routeAction.single`), `weightedDestinations`
 * (`routeAction.multi`), `upstreamGroup` (`routeAction.upstreamGroup`) and `delegateTo`
 * (`delegateAction`).
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
  /**
   * Sends all matching traffic to one destination.
   * @default - another action is used
   */
  readonly destination?: Destination;
  /**
   * Splits matching traffic across destinations by weight.
   * @default - another action is used
   */
  readonly weightedDestinations?: WeightedDestination[];
  /**
   * Splits matching traffic as an UpstreamGroup says.
   * @default - another action is used
   */
  readonly upstreamGroup?: IUpstreamGroup;
  /**
   * Delegates matching requests to the routes of a RouteTable.
   * @default - another action is used
   */
  readonly delegateTo?: IRouteTable;
  /**
   * Route options.
   * @default - none
   */
  readonly options?: RouteOptions;
  /**
   * Accept that an earlier route may shadow this one, so it never matches. Shadowing is an error
   * otherwise.
   * @default false
   */
  readonly allowShadowing?: boolean;
}

/** A route as added to a VirtualService or RouteTable. */
export class Route {
  /** @internal */
  public static _create(props: RouteProps, owner: IConstruct, label: string): Route {
    return new Route(props, owner, label);
  }

  /** The route as it was given. */
  public readonly props: RouteProps;
  /** The construct that added the route; its path is named in errors about the route. */
  public readonly owner: IConstruct;
  /** How errors name the route, e.g. `routes[2]`. */
  public readonly label: string;

  private constructor(props: RouteProps, owner: IConstruct, label: string) {
    this.props = props;
    this.owner = owner;
    this.label = label;
  }

  /** The route's matchers, defaulted as Gloo defaults them (prefix `/`). */
  public get effectiveMatchers(): RouteMatcher[] {
    return this.props.matchers && this.props.matchers.length > 0 ? this.props.matchers : [{ prefix: '/' }];
  }

  /** @internal */
  public _render(): any {
    return renderRoute(this.props);
  }
}
