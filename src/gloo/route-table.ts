import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ImportedResource, ImportedResourceOptions } from './imported-resource';
import { RouteProps } from './route';
import { RouteContainer } from './route-container';
import { containerMetadata, RouteOutput, routeOutputOf } from './route-output';
import type { RouteTableSpec } from '../imports/gateway.solo.io';
import { IRouteTable } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { GlooInputError, ProblemCollector } from '../private/errors';
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
 * that prefix. Under the Gateway API target it synthesizes as a child HTTPRoute of kgateway route
 * delegation (see docs/gateway-api.md).
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

  private readonly output?: RouteOutput;

  constructor(scope: Construct, id: string, props: RouteTableProps = {}) {
    const output = routeOutputOf(scope);
    super(scope, id, { gvk: output?.gvk ?? GlooRouteTable.GVK, metadata: containerMetadata(scope, output, props.metadata) });
    this.output = output;
    this.weight = props.weight;
    this.namespace = this.metadata.namespace;
    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      checkKnownKeys(problems.add.bind(problems), props, 'RouteTableProps');
      if (props.weight !== undefined && (!Number.isInteger(props.weight) || props.weight < -2147483648 || props.weight > 2147483647)) {
        problems.add('weight', props.weight, 'an int32 integer');
      }
      problems.throwIfAny();
      for (const r of props.routes ?? []) this.addRoute(r);
    });
    // only once it is made: a RouteTable that failed is no HTTPRoute
    this.output?.tableCreated(this);
  }

  /** @internal Under another output target, what it cannot express (the table's rendering, with its proof). */
  public _synthProblems(): string[] {
    if (!this.output) return [];
    return this.renderOutput().error?.problems.map(p => this._problemLine(p)) ?? [];
  }

  /** @internal Under another output target, the RouteTable the routes mean; see `GlooResource._glooModelJson`. */
  public _glooModelJson(): unknown {
    if (!this.output) return super._glooModelJson();
    return { ...GlooRouteTable.GVK, metadata: this.metadata.toJson(), spec: this.renderSpec() };
  }

  /** @internal */
  public _renderSpec(): unknown {
    if (!this.output) return this.renderSpec();
    return this._specThroughOutput(() => this.output!.renderTableSpec(this));
  }

  private renderOutput(): { spec?: unknown; error?: GlooInputError } {
    return this._renderThroughOutput(() => this.output!.renderTableSpec(this));
  }

  private renderSpec(): RouteTableSpec {
    return { routes: this._renderRoutes(), weight: this.weight };
  }
}

brand(RouteTable, ROUTE_TABLE_BRAND);

