import { Construct } from 'constructs';
import { CanaryHeader, canaryHeaderMatcher, checkCanaryHeader, withHeaderDefaults } from './canary-header';
import { FunctionRouteBaseProps } from './function-route';
import { sameUpstream } from './stage-routes';
import { checkDestination } from '../gloo/route-checks';
import { Destination } from '../model/destination';
import { PathMatch } from '../model/path-match';
import { IUpstream } from '../model/references';
import { RouteAction } from '../model/route-action';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { AN_UPSTREAM, checkRequiredProps } from '../private/required';
import { checkKnownKeys } from '../private/unknown-keys';

const CANARY_ROUTE_BRAND = brandSymbol('CanaryRoute');

/** Properties of a `CanaryRoute`. */
export interface CanaryRouteProps extends FunctionRouteBaseProps {
  /** The upstream that serves everyone without the header. */
  readonly stable: IUpstream;
  /** The upstream that serves requests with the header. */
  readonly canary: IUpstream;
  /**
   * The header that sends a request to the canary.
   * @default - `x-canary: true`, matched exactly
   */
  readonly header?: CanaryHeader;
  /**
   * The function on the canary, when it differs from `functionName`.
   * @default - `functionName`
   */
  readonly canaryFunctionName?: string;
}

/**
 * A header-gated canary: requests to `path` that carry the header go to the canary's function;
 * all others go to the stable one.
 *
 * It adds two routes, next to each other where the construct is added: the header route, then the
 * route it overrides (Gloo takes the first route that matches). Routes added to the
 * VirtualService earlier keep coming first, so a more specific route added before it keeps its
 * traffic.
 */
export class CanaryRoute extends Construct {
  /** Whether `x` is a CanaryRoute; works across copies of the library. */
  public static isCanaryRoute(x: unknown): x is CanaryRoute {
    return hasBrand(x, CANARY_ROUTE_BRAND);
  }

  /** The header that sends a request to the canary. */
  public readonly header: CanaryHeader;

  constructor(scope: Construct, id: string, props: CanaryRouteProps) {
    super(scope, id);
    checkCanaryRoute(this, props);
    this.header = withHeaderDefaults(props.header);

    const options = props.prefixRewrite !== undefined ? { prefixRewrite: props.prefixRewrite } : undefined;
    const { stable, canary } = targets(props);
    const path = PathMatch.prefix(props.path);
    const header = canaryHeaderMatcher(this.header);
    props.routeContainer._addRoute({ matchers: [{ path, headers: [header] }], action: RouteAction.forward(canary), options }, this);
    props.routeContainer._addRoute({ matchers: [{ path }], action: RouteAction.forward(stable), options }, this);
  }
}

brand(CanaryRoute, CANARY_ROUTE_BRAND);


/** Checks what a header canary needs: its required props, a valid header, and two different destinations. */
function checkCanaryRoute(scope: Construct, props: CanaryRouteProps): void {
  const problems = new ProblemCollector(scope);
  checkRequiredProps(problems, props, [
    ['routeContainer', 'container', 'the VirtualService or RouteTable the routes go on'],
    ['path', 'string', 'a path prefix that starts with "/", such as "/findPets"'],
    ['functionName', 'string', 'the name of a REST function of the upstreams, such as "findPets"'],
    ['stable', 'upstream', AN_UPSTREAM],
    ['canary', 'upstream', AN_UPSTREAM],
  ]);
  checkKnownKeys(problems.add.bind(problems), props, 'CanaryRouteProps');
  problems.throwIfAny();
  checkCanaryHeader(props.header, true, problems.add.bind(problems));
  const canaryFunction = props.canaryFunctionName ?? props.functionName;
  const { stable, canary } = targets(props);
  checkDestination(stable, 'stable', problems.add.bind(problems));
  checkDestination(canary, 'canary', problems.add.bind(problems));
  if (sameUpstream(props.stable, props.canary) && props.functionName === canaryFunction) {
    problems.add('canary', `${props.canary.name} ${canaryFunction}`, 'a canary that differs from the stable upstream and function',
      'stable and canary are the same, so the canary would change nothing');
  }
  problems.throwIfAny();
}

/** The destinations of the two routes: the stable and the canary function. */
function targets(props: CanaryRouteProps): { stable: Destination; canary: Destination } {
  return {
    stable: Destination.restFunction(props.stable, props.functionName, { parameters: props.parameters }),
    canary: Destination.restFunction(props.canary, props.canaryFunctionName ?? props.functionName, { parameters: props.parameters }),
  };
}
