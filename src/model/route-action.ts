import { Destination } from './destination';
import { IRouteTable, IUpstreamGroup } from './references';
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
}

/** A destination with a weight. Weights are ratios: each destination gets `weight / total`. */
export interface WeightedDestination {
  /** Where the share goes. */
  readonly destination: Destination;
  /** The weight, an integer from 0 to 4294967295 (`RouteAction.MAX_WEIGHT`). */
  readonly weight: number;
}

interface ActionParts {
  readonly destination?: Destination;
  readonly destinations?: WeightedDestination[];
  readonly upstreamGroup?: IUpstreamGroup;
  readonly routeTable?: IRouteTable;
}

/**
 * The action of a route: exactly one of forward, weighted forward, UpstreamGroup or delegation.
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

  private constructor(type: RouteActionType, a: ActionParts) {
    this.type = type;
    this.destination = a.destination;
    this.destinations = a.destinations;
    this.targetGroup = a.upstreamGroup;
    this.routeTable = a.routeTable;
  }
}

brand(RouteAction, ROUTE_ACTION_BRAND);

