import { IConstruct } from 'constructs';
import { PathMatch } from '../model/path-match';
import { IUpstream } from '../model/references';
import { RouteAction } from '../model/route-action';
import { RouteMatcher } from '../model/route-matcher';
import { brand, brandSymbol, hasBrand } from '../private/brand';

const ROUTE_BRAND = brandSymbol('Route');

/**
 * How Gloo treats a request a route matched (Gloo's route `options`): rewrites, and through
 * `extra` every other Gloo route option.
 */
export interface RouteBehavior {
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
  readonly extra?: { [key: string]: unknown };
}

/** Requests a route copies to another Upstream (Gloo's `shadowing`); the copies' responses are discarded. */
export interface RouteMirror {
  /** Where the copies go. */
  readonly upstream: IUpstream;
  /** The share of the route's requests that is copied, in percent (0 to 100). */
  readonly percent: number;
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

