import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Route, RouteProps } from './route';
import { VirtualService as GlooVirtualService } from '../imports/gateway.solo.io';
import { ProblemCollector } from '../private/errors';
import { whyNotObjectName } from '../private/names';
import { RouteList } from '../private/route-list';

/** A Gloo VirtualService. */
export interface IVirtualService extends IConstruct {
  /** The VirtualService's `metadata.name`. */
  readonly name: string;
  /**
   * The VirtualService's `metadata.namespace`.
   * @default - the namespace of the chart, if any
   */
  readonly namespace?: string;
}

/** Properties of a `VirtualService`. */
export interface VirtualServiceProps {
  /**
   * Metadata of the VirtualService.
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The domains (hosts) the VirtualService serves. `*` serves every domain; two VirtualServices
   * on one gateway must not share a domain.
   * @default ['*']
   */
  readonly domains?: string[];
  /**
   * A human-readable name (`displayName`).
   * @default - none
   */
  readonly displayName?: string;
  /**
   * Routes, in order. More can be added with `addRoute`.
   * @default - none
   */
  readonly routes?: RouteProps[];
}

/**
 * A Gloo VirtualService (`gateway.solo.io/v1`): the domains it serves and an ordered list of
 * routes. Gloo evaluates the routes in order and takes the first that matches.
 */
export class VirtualService extends Construct implements IVirtualService {
  public readonly name: string;
  public readonly namespace?: string;
  /** The domains the VirtualService serves. */
  public readonly domains: string[];
  /** The underlying `gateway.solo.io/v1` ApiObject (escape hatch). */
  public readonly apiObject: ApiObject;
  private readonly displayName?: string;
  private readonly routeList: RouteList;

  constructor(scope: Construct, id: string, props: VirtualServiceProps = {}) {
    super(scope, id);
    this.domains = [...(props.domains ?? ['*'])];
    this.displayName = props.displayName;
    this.routeList = new RouteList(this);
    this.apiObject = new GlooVirtualService(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.name = this.apiObject.name;
    this.namespace = this.apiObject.metadata.namespace;

    const problems = new ProblemCollector(this);
    const nameProblem = whyNotObjectName(this.name);
    if (nameProblem) problems.add('metadata.name', this.name, nameProblem);
    if (this.domains.length === 0) problems.add('domains', this.domains, 'at least one domain, or none given for the default ["*"]');
    this.domains.forEach((d, i) => {
      if (typeof d !== 'string' || d.length === 0) {
        problems.add(`domains[${i}]`, d, 'a non-empty domain such as "*" or "api.example.com"', 'gloo rejects an empty domain');
      }
    });
    problems.throwIfAny();

    for (const r of props.routes ?? []) this.addRoute(r);
  }

  /**
   * Adds a route. Routes are evaluated in order; the first that matches wins.
   *
   * @returns the route as added
   */
  public addRoute(props: RouteProps): Route {
    return this.routeList.add(props);
  }

  /** @internal Adds a route on behalf of another construct, which errors about it then name. */
  public _addRoute(props: RouteProps, owner: IConstruct): Route {
    return this.routeList.add(props, owner);
  }

  /** The routes, in the order Gloo evaluates them. */
  public get routes(): Route[] {
    return this.routeList.ordered;
  }

  private renderSpec(): any {
    return {
      displayName: this.displayName,
      virtualHost: {
        domains: this.domains,
        routes: this.routeList.render(),
      },
    };
  }
}
