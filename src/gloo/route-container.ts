import { Construct, IConstruct } from 'constructs';
import { GlooResource, GlooResourceProps } from './gloo-resource';
import { Route, RouteProps } from './route';
import { RouteList } from './route-list';
import type { VirtualServiceSpecVirtualHostRoutes as GlooRoute } from '../imports/gateway.solo.io';
import { AppState } from '../private/app-state';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { formatProblemBody, GlooInputError, Problem } from '../private/errors';

const ROUTE_CONTAINER_BRAND = brandSymbol('RouteContainer');

/**
 * A Gloo resource that holds an ordered list of routes: a VirtualService or a RouteTable. Routes
 * are evaluated in order; the first that matches wins.
 *
 * Routes are added with `addRoute`, or by the route constructs (`FunctionRoute`, `CanaryRoute`,
 * `WeightedFunctionRoute`, `CanaryRelease`), which name the container in their
 * `routeContainer` prop and add their routes where they are created.
 */
export abstract class RouteContainer extends GlooResource {
  /** Whether `x` is a route container (a VirtualService or a RouteTable); works across copies of the library. */
  public static isRouteContainer(x: unknown): x is RouteContainer {
    return hasBrand(x, ROUTE_CONTAINER_BRAND);
  }

  private readonly routeList: RouteList;
  private outputMemo?: { generation: number; spec?: unknown; error?: GlooInputError };

  protected constructor(scope: Construct, id: string, props: GlooResourceProps) {
    super(scope, id, props);
    this.routeList = new RouteList(this);
  }

  /**
   * Adds a route after the routes added so far.
   *
   * @returns the route as added
   */
  public addRoute(props: RouteProps): Route {
    return this.routeList.add(props);
  }

  /** @internal Adds a route on behalf of another construct, which errors about the route then name. */
  public _addRoute(props: RouteProps, owner: IConstruct): Route {
    return this.routeList.add(props, owner);
  }

  /** The routes, in the order Gloo evaluates them. */
  public get routes(): Route[] {
    return this.routeList.ordered;
  }

  /** @internal the rendered routes, for the subclass's spec */
  protected _renderRoutes(): GlooRoute[] | undefined {
    return this.routeList.render();
  }

  /** @internal An output target's spec of the container (see `_renderThroughOutput`); throws what the target refuses. */
  protected _specThroughOutput(render: () => unknown): unknown {
    const rendered = this._renderThroughOutput(render);
    if (rendered.error) throw rendered.error;
    return rendered.spec;
  }

  /** @internal A problem as a line of this container's validation: its own without its path, another construct's with it. */
  protected _problemLine(p: Problem): string {
    return p.path === this.node.path ? formatProblemBody(p) : `[${p.path}] ${formatProblemBody(p)}`;
  }

  /**
   * @internal An output target's rendering of the container, once per generation of the app (it
   * runs the differential check): the spec, or the input error it threw.
   */
  protected _renderThroughOutput(render: () => unknown): { spec?: unknown; error?: GlooInputError } {
    const generation = AppState.of(this).generation;
    if (this.outputMemo?.generation !== generation) {
      try {
        this.outputMemo = { generation, spec: render() };
      } catch (e) {
        if (!(e instanceof GlooInputError)) throw e;
        this.outputMemo = { generation, error: e };
      }
    }
    return this.outputMemo;
  }
}

brand(RouteContainer, ROUTE_CONTAINER_BRAND);


