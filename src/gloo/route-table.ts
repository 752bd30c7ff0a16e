import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ImportedResource, ImportedResourceOptions } from './imported-resource';
import { RouteProps } from './route';
import { RouteContainer } from './route-container';
import { routeOutputOf } from './route-output';
import type { RouteTableSpec } from '../imports/gateway.solo.io';
import { IRouteTable } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { GlooRouteTable } from '../private/gvk';
import { checkKnownKeys } from '../private/unknown-keys';

const ROUTE_TABLE_BRAND = brandSymbol('RouteTable');


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
export class RouteTable extends RouteContainer implements IRouteTable {
  /** Whether `x` is a RouteTable defined in an app; works across copies of the library. */
  public static isRouteTable(x: unknown): x is RouteTable {
    return hasBrand(x, ROUTE_TABLE_BRAND);
  }

  /** Refers to a RouteTable defined outside this app. */
  public static fromRouteTableName(scope: Construct, id: string, name: string, options: ImportedResourceOptions = {}): IRouteTable {
    return new ImportedResource(scope, id, name, options);
  }

  public readonly namespace?: string;
  private readonly weight?: number;

  constructor(scope: Construct, id: string, props: RouteTableProps = {}) {
    super(scope, id, { gvk: GlooRouteTable.GVK, metadata: props.metadata });
    this.weight = props.weight;
    this.namespace = this.metadata.namespace;
    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      checkKnownKeys(problems.add.bind(problems), props, 'RouteTableProps');
      if (props.weight !== undefined && (!Number.isInteger(props.weight) || props.weight < -2147483648 || props.weight > 2147483647)) {
        problems.add('weight', props.weight, 'an int32 integer');
      }
      const output = routeOutputOf(this);
      if (output) {
        problems.add('kind', 'RouteTable', `a VirtualService: the ${output.targetName} target does not render RouteTables`,
          'delegation has no counterpart in standard gateway api; put the table\'s routes on the VirtualService');
      }
      problems.throwIfAny();
      for (const r of props.routes ?? []) this.addRoute(r);
    });
  }

  /** @internal */
  public _renderSpec(): RouteTableSpec {
    return this.renderSpec();
  }

  private renderSpec(): RouteTableSpec {
    return { routes: this._renderRoutes(), weight: this.weight };
  }
}

brand(RouteTable, ROUTE_TABLE_BRAND);

