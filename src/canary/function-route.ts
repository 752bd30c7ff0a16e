import { Construct } from 'constructs';
import { RouteContainer } from '../gloo/route-container';
import { Destination, FunctionParameters } from '../model/destination';
import { PathMatch } from '../model/path-match';
import { IUpstream } from '../model/references';
import { RouteAction } from '../model/route-action';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { AN_UPSTREAM, checkRequiredProps, FUNCTION_ROUTE_REQUIRED } from '../private/required';
import { checkKnownKeys } from '../private/unknown-keys';

const FUNCTION_ROUTE_BRAND = brandSymbol('FunctionRoute');

/** Properties shared by the routes that call one REST function. */
export interface FunctionRouteBaseProps {
  /** The VirtualService or RouteTable the route goes on; it goes after the routes added so far. */
  readonly routeContainer: RouteContainer;
  /** The path prefix the route matches, e.g. `/findPetWithId`. */
  readonly path: string;
  /** The REST function to call, e.g. `findPetById`. It must be one of the upstream's functions. */
  readonly functionName: string;
  /**
   * Parameters the function takes from the request, e.g. `{ headers: { ':path': '/findPetWithId/{id}' } }`.
   * @default - none
   */
  readonly parameters?: FunctionParameters;
  /**
   * Replaces the matched prefix before the request is forwarded.
   * @default - the path is forwarded unchanged
   */
  readonly prefixRewrite?: string;
}

/** Properties of a `FunctionRoute`. */
export interface FunctionRouteProps extends FunctionRouteBaseProps {
  /** The upstream whose function is called. */
  readonly upstream: IUpstream;
}

/**
 * Routes a path prefix of a VirtualService or RouteTable to one REST function of an upstream, as
 * `/findPetWithId/{id}` → `findPetById`.
 */
export class FunctionRoute extends Construct {
  /** Whether `x` is a FunctionRoute; works across copies of the library. */
  public static isFunctionRoute(x: unknown): x is FunctionRoute {
    return hasBrand(x, FUNCTION_ROUTE_BRAND);
  }

  constructor(scope: Construct, id: string, props: FunctionRouteProps) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    checkRequiredProps(problems, props, [...FUNCTION_ROUTE_REQUIRED, ['upstream', 'upstream', AN_UPSTREAM]]);
    checkKnownKeys(problems.add.bind(problems), props, 'FunctionRouteProps');
    problems.throwIfAny();
    props.routeContainer._addRoute({
      matchers: [{ path: PathMatch.prefix(props.path) }],
      action: RouteAction.forward(Destination.restFunction(props.upstream, props.functionName, { parameters: props.parameters })),
      options: props.prefixRewrite !== undefined ? { prefixRewrite: props.prefixRewrite } : undefined,
    }, this);
  }
}

brand(FunctionRoute, FUNCTION_ROUTE_BRAND);

