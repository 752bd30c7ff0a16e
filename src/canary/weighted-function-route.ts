import { Construct } from 'constructs';
import { FunctionRouteBaseProps } from './function-route';
import { Destination } from '../model/destination';
import { PathMatch } from '../model/path-match';
import { IUpstream } from '../model/references';
import { RouteAction } from '../model/route-action';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { AN_UPSTREAM, checkRequiredProps, FUNCTION_ROUTE_REQUIRED } from '../private/required';
import { checkKnownKeys } from '../private/unknown-keys';

const WEIGHTED_FUNCTION_ROUTE_BRAND = brandSymbol('WeightedFunctionRoute');

/** One upstream of a weighted function route and its weight. */
export interface FunctionRouteTarget {
  /** The upstream. */
  readonly upstream: IUpstream;
  /** The weight: an integer ratio, not a percentage. 90 and 10 send 90% and 10%. */
  readonly weight: number;
  /**
   * The function to call on this upstream.
   * @default - the route's `functionName`
   */
  readonly functionName?: string;
}

/** Properties of a `WeightedFunctionRoute`. */
export interface WeightedFunctionRouteProps extends FunctionRouteBaseProps {
  /**
   * The upstreams that share the traffic, in the order they are rendered. Weights are ratios:
   * their total must be at least 1, and a single weight may be 0. Gloo's docs recommend weights
   * that add up to 100.
   */
  readonly targets: FunctionRouteTarget[];
}

/**
 * Splits the traffic of one REST function across two or more upstreams by weight
 * (`routeAction.multi`), e.g. 90% to v1 and 10% to v2.
 */
export class WeightedFunctionRoute extends Construct {
  /** Whether `x` is a WeightedFunctionRoute; works across copies of the library. */
  public static isWeightedFunctionRoute(x: unknown): x is WeightedFunctionRoute {
    return hasBrand(x, WEIGHTED_FUNCTION_ROUTE_BRAND);
  }

  constructor(scope: Construct, id: string, props: WeightedFunctionRouteProps) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    checkRequiredProps(problems, props, [...FUNCTION_ROUTE_REQUIRED, ['targets', 'array', 'at least one target, such as [{ upstream: v1, weight: 90 }]']]);
    checkKnownKeys(problems.add.bind(problems), props, 'WeightedFunctionRouteProps');
    (Array.isArray(props?.targets) ? props.targets : []).forEach((t, i) => {
      checkRequiredProps(problems, t, [['upstream', 'upstream', AN_UPSTREAM]], `targets[${i}].`);
      checkKnownKeys(problems.add.bind(problems), t, 'FunctionRouteTarget', `targets[${i}].`);
    });
    problems.throwIfAny();
    props.routeContainer._addRoute({
      matchers: [{ path: PathMatch.prefix(props.path) }],
      action: RouteAction.weightedForward(props.targets.map(t => ({
        destination: Destination.restFunction(t.upstream, t.functionName ?? props.functionName, { parameters: props.parameters }),
        weight: t.weight,
      }))),
      options: props.prefixRewrite !== undefined ? { prefixRewrite: props.prefixRewrite } : undefined,
    }, this);
  }
}

brand(WeightedFunctionRoute, WEIGHTED_FUNCTION_ROUTE_BRAND);

