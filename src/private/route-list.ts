import { IConstruct } from 'constructs';
import { formatProblemBody, GlooInputError } from './errors';
import { checkRoute } from './route-checks';
import { Route, RouteProps } from '../gloo/route';
import { checkRouteList, RouteProblem } from '../validation/route-rules';

/** Bumped whenever any route list changes, so cached synth-time problems are computed anew. */
let generation = 0;

/**
 * The ordered routes of a VirtualService or RouteTable.
 *
 * Routes are checked by themselves when they are added (and throw at once). The rules that need
 * the whole list (shadowing, delegation, references, regexes) run at synth, through a validation
 * on each construct that added routes, so errors name that construct and all come in one synth.
 * Routes render in the order they were added, which is the order Gloo evaluates them in.
 */
export class RouteList {
  private readonly added: Route[] = [];
  private readonly owners = new Set<IConstruct>();
  private cache?: { generation: number; problems: RouteProblem[] };

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
    generation++;
    if (!this.owners.has(owner)) {
      this.owners.add(owner);
      owner.node.addValidation({ validate: () => this.problemsOf(owner) });
    }
    return route;
  }

  /** The routes in the order Gloo evaluates them. */
  public get ordered(): Route[] {
    return [...this.added];
  }

  /** The synth-time problems of every route, in evaluation order. */
  public get problems(): RouteProblem[] {
    if (!this.cache || this.cache.generation !== generation) {
      this.cache = { generation, problems: checkRouteList({ container: this.container, routes: this.ordered }) };
    }
    return this.cache.problems;
  }

  public render(): any[] | undefined {
    const routes = this.ordered;
    return routes.length > 0 ? routes.map(r => r._render()) : undefined;
  }

  private problemsOf(owner: IConstruct): string[] {
    return this.problems.filter(p => p.route.owner === owner).map(p => formatProblemBody(p.problem));
  }
}
