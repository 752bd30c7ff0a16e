import { IConstruct } from 'constructs';
import { GlooInputError } from './errors';
import { checkRoute, Route, RoutePosition, RouteProps } from '../gloo/route';

/**
 * The ordered routes of a VirtualService or RouteTable.
 *
 * Routes are checked when they are added. They render in the order Gloo evaluates them:
 * `BEFORE_OTHERS` routes first, then `IN_ORDER` routes, each group in the order added.
 */
export class RouteList {
  private readonly added: Route[] = [];

  constructor(private readonly container: IConstruct) {}

  /** Adds a route; `owner` is the construct named in errors about it. */
  public add(props: RouteProps, owner: IConstruct = this.container): Route {
    const label = `routes[${this.added.length}]`;
    const problems = checkRoute(props, owner.node.path, owner === this.container ? `${label}.` : '');
    if (problems.length > 0) {
      throw new GlooInputError(problems.map(p => ({ ...p, field: p.field.replace(/\.$/, '') || label })));
    }
    const route = Route._create(props, owner, label);
    this.added.push(route);
    return route;
  }

  /** The routes in the order Gloo evaluates them. */
  public get ordered(): Route[] {
    return [
      ...this.added.filter(r => r.position === RoutePosition.BEFORE_OTHERS),
      ...this.added.filter(r => r.position !== RoutePosition.BEFORE_OTHERS),
    ];
  }

  public render(): any[] | undefined {
    const routes = this.ordered;
    return routes.length > 0 ? routes.map(r => r._render()) : undefined;
  }
}
