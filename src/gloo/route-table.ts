import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { GlooResource } from './gloo-resource';
import { Route, RouteProps } from './route';
import type { RouteTableSpec } from '../imports/gateway.solo.io';
import { ProblemCollector } from '../private/errors';
import { GlooRouteTable } from '../private/gvk';
import { checkImportedName } from '../private/imported';
import { RouteList } from '../private/route-list';

/** A Gloo RouteTable. */
export interface IRouteTable extends IConstruct {
  /** The RouteTable's `metadata.name`. */
  readonly name: string;
  /** The RouteTable's `metadata.namespace`. */
  readonly namespace?: string;
}

/** Properties of a `RouteTable`. */
export interface RouteTableProps {
  /**
   * Metadata of the RouteTable.
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Routes, in order. More can be added with `addRoute`.
   * @default - none
   */
  readonly routes?: RouteProps[];
  /**
   * The order of this table among tables a selector picks (lower first).
   * @default - 0, as Gloo defaults it
   */
  readonly weight?: number;
}

/**
 * A Gloo RouteTable (`gateway.solo.io/v1`): routes that a VirtualService route delegates to.
 *
 * The delegating route must have one prefix matcher, and every route of the table must start with
 * that prefix.
 */
export class RouteTable extends GlooResource implements IRouteTable {
  /** Refers to a RouteTable defined outside this app. */
  public static fromRouteTableName(scope: Construct, id: string, name: string, namespace: string): IRouteTable {
    return new ImportedRouteTable(scope, id, name, namespace);
  }

  public readonly namespace?: string;
  private readonly routeList: RouteList;
  private readonly weight?: number;

  constructor(scope: Construct, id: string, props: RouteTableProps = {}) {
    super(scope, id, { gvk: GlooRouteTable.GVK, metadata: props.metadata });
    this.routeList = new RouteList(this);
    this.weight = props.weight;
    this.namespace = this.metadata.namespace;
    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      if (props.weight !== undefined && (!Number.isInteger(props.weight) || props.weight < -2147483648 || props.weight > 2147483647)) {
        problems.add('weight', props.weight, 'an int32 integer');
      }
      problems.throwIfAny();
      for (const r of props.routes ?? []) this.addRoute(r);
    });
  }

  /** Adds a route. Routes are evaluated in order; the first that matches wins. */
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

  /** @internal */
  public _renderSpec(): any {
    return this.renderSpec();
  }

  private renderSpec(): RouteTableSpec {
    return { routes: this.routeList.render(), weight: this.weight };
  }
}

class ImportedRouteTable extends Construct implements IRouteTable {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
    checkImportedName(this, name, namespace);
  }
}
