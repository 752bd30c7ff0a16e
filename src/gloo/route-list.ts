import { IConstruct } from 'constructs';
import { Route, RouteProps } from './route';
import { checkRoute } from './route-checks';
import { RouteOutputSource, routeOutputOf } from './route-output';
import { renderRoute } from './route-render';
import type { VirtualServiceSpecVirtualHostRoutes as GlooRoute } from '../imports/gateway.solo.io';
import { addCachedValidation, AppState } from '../private/app-state';
import { formatProblemBody, GlooInputError } from '../private/errors';
import { checkRouteList } from './rules/route-rules';

/**
 * The ordered routes of a VirtualService or RouteTable.
 *
 * Routes are checked by themselves when they are added (and throw at once). The rules that need
 * the whole list (shadowing, delegation, references, regexes) run at synth, through a validation
 * on each construct that added routes, so errors name that construct and all come in one synth.
 * The problems are computed once per generation of the app (see `AppState`) and grouped by owner,
 * so the validations of a list cost O(1) on every repeat cdk8s makes of them.
 * Routes render in the order they were added, which is the order Gloo evaluates them in.
 */
export class RouteList {
  private readonly added: Route[] = [];
  private readonly owners = new Set<IConstruct>();
  private readonly state: AppState;
  private cache?: { generation: number; byOwner: Map<IConstruct, string[]> };

  constructor(private readonly container: IConstruct) {
    this.state = AppState.of(container);
  }

  /** Adds a route; `owner` is the construct named in errors about it. */
  public add(props: RouteProps, owner: IConstruct = this.container): Route {
    const label = `routes[${this.added.length}]`;
    const problems = checkRoute(props, owner.node.path, owner === this.container ? `${label}.` : '');
    if (problems.length > 0) {
      throw new GlooInputError(problems.map(p => ({ ...p, field: p.field.replace(/\.$/, '') || label })));
    }
    const route = Route._create(props, owner, label);
    this.added.push(route);
    this.state.changed();
    routeOutputOf(this.container)?.routeAdded(this.container as RouteOutputSource, route);
    if (!this.owners.has(owner)) {
      this.owners.add(owner);
      addCachedValidation(owner, () => this.problemsByOwner().get(owner) ?? []);
    }
    return route;
  }

  /** The routes in the order Gloo evaluates them. */
  public get ordered(): Route[] {
    return [...this.added];
  }

  /** @internal The routes in Gloo's shape, in evaluation order; undefined when there are none. */
  public render(): GlooRoute[] | undefined {
    const routes = this.ordered;
    return routes.length > 0 ? routes.map(r => renderRoute(r._props)) : undefined;
  }

  /** The synth-time problems of the current generation, in evaluation order, by the construct each is reported on. */
  private problemsByOwner(): Map<IConstruct, string[]> {
    const generation = this.state.generation;
    if (!this.cache || this.cache.generation !== generation) {
      const byOwner = new Map<IConstruct, string[]>();
      for (const p of checkRouteList({ container: this.container, routes: this.ordered })) {
        const list = byOwner.get(p.route._owner) ?? [];
        list.push(formatProblemBody(p.problem));
        byOwner.set(p.route._owner, list);
      }
      this.cache = { generation, byOwner };
    }
    return this.cache.byOwner;
  }
}
