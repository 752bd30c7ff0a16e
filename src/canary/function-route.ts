import { Construct } from 'constructs';
import { FunctionParameters } from '../gloo/route';
import { IUpstream } from '../gloo/upstream';
import { VirtualService } from '../gloo/virtual-service';
import { ProblemCollector } from '../private/errors';
import { AN_UPSTREAM, checkRequiredProps, FUNCTION_ROUTE_REQUIRED } from '../private/required';

/** Properties shared by the routes that call one REST function. */
export interface FunctionRouteBaseProps {
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
 * Routes a path prefix of a VirtualService to one REST function of an upstream, as
 * `/findPetWithId/{id}` → `findPetById`.
 */
export class FunctionRoute extends Construct {
  constructor(scope: VirtualService, id: string, props: FunctionRouteProps) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    checkRequiredProps(problems, props, [...FUNCTION_ROUTE_REQUIRED, ['upstream', 'upstream', AN_UPSTREAM]]);
    problems.throwIfAny();
    scope._addRoute({
      matchers: [{ prefix: props.path }],
      destination: { upstream: props.upstream, functionName: props.functionName, parameters: props.parameters ?? {} },
      options: props.prefixRewrite !== undefined ? { prefixRewrite: props.prefixRewrite } : undefined,
    }, this);
  }
}
