import { IConstruct } from 'constructs';
import { hostnamesOf } from './hostnames';
import { renderHttpRoutes } from './http-route-render';
import { addReferenceGrants } from './reference-grants';
import { Route } from '../gloo/route';
import { OUTPUT_TARGET_CONTEXT_KEY, RouteOutput, RouteOutputSource, routeOutputOf } from '../gloo/route-output';
import { GlooInputError } from '../private/errors';
import { GatewayHttpRoute } from '../private/gvk';

/** How the app's routes attach to the Gateway under the Gateway API target. */
export interface GatewayApiTargetProps {
  /** The Gateway every HTTPRoute attaches to (`spec.parentRefs[0].name`), e.g. kgateway's `http`. */
  readonly gatewayName: string;
  /**
   * The Gateway's namespace (`spec.parentRefs[0].namespace`). Its listener must allow routes from
   * the HTTPRoutes' namespaces (`allowedRoutes`).
   * @default - the namespace of each HTTPRoute
   */
  readonly gatewayNamespace?: string;
  /**
   * The namespace of every HTTPRoute, e.g. the namespace of the Services they send to, so that no
   * ReferenceGrant is needed. A VirtualService in `gloo-system` usually wants this: that namespace
   * goes away with Gloo Edge.
   * @default - each VirtualService's namespace
   */
  readonly httpRouteNamespace?: string;
  /**
   * Accept that a Gloo character prefix on a route that rewrites it (`/petstore` with
   * `prefixRewrite`) is matched by whole path elements only: `/petstorex`, which Gloo routed, gets
   * no route. `ReplacePrefixMatch` needs a PathPrefix match, which cannot express the character
   * prefix.
   * @default false - such a route fails synth, naming a request that would change
   */
  readonly acceptNarrowedPrefixes?: boolean;
}

/**
 * Chooses the Kubernetes Gateway API (kgateway) as the output of a scope, usually the app, in one
 * line at the top of `main.ts`:
 *
 * ```ts
 * const app = new App();
 * GatewayApiTarget.apply(app, { gatewayName: 'http', gatewayNamespace: 'kgateway-system' });
 * ```
 *
 * Every construct added to that scope afterwards synthesizes for Gateway API:
 *
 * - a `VirtualService` becomes an `HTTPRoute` of the same name and namespace, attached to the
 *   Gateway, with `backendRefs` to the Kubernetes Services behind the Upstreams; its domains become
 *   `hostnames`;
 * - `Upstream` and `UpstreamGroup` are not synthesized: routes still name them, and the Services
 *   and weights behind them go into the HTTPRoutes;
 * - a `ReferenceGrant` is added in each namespace whose Services an HTTPRoute of another namespace
 *   sends to;
 * - a `RouteTable` is refused, since standard Gateway API has no delegation.
 *
 * At synth each HTTPRoute is proven against the Gloo model: every request derived from the routes'
 * matchers must reach the same Services with the same shares in the Gateway API simulator as in the
 * Gloo simulator, and the HTTPRoute must pass the vendored Gateway API CRD schema and its rules.
 * What cannot be expressed fails synth naming the construct, the field, the value and why. The
 * mapping is in docs/gateway-api.md.
 *
 * Apply it before anything is added to the scope (constructs refuses context on a scope with
 * children, and a resource's kind is fixed when it is created). Without it, the app synthesizes
 * Gloo objects, byte-identical to what it did before.
 */
export class GatewayApiTarget {
  /** Chooses the Gateway API target for `scope` and everything added to it afterwards. */
  public static apply(scope: IConstruct, props: GatewayApiTargetProps): GatewayApiTarget {
    const target = new GatewayApiTarget(scope, props);
    try {
      scope.node.setContext(OUTPUT_TARGET_CONTEXT_KEY, target._output);
    } catch {
      throw new GlooInputError([{
        path: scope.node.path,
        field: 'GatewayApiTarget.apply',
        given: `a scope with children (${scope.node.children.map(c => c.node.id).join(', ')})`,
        expected: 'a scope nothing was added to yet',
        hint: 'call GatewayApiTarget.apply right after creating the app or chart, before its constructs',
      }]);
    }
    return target;
  }

  /** The Gateway API target chosen for `scope` or an ancestor, if any. */
  public static of(scope: IConstruct): GatewayApiTarget | undefined {
    const output = routeOutputOf(scope);
    return output instanceof GatewayApiOutput ? output.target : undefined;
  }

  /** The Gateway the HTTPRoutes attach to. */
  public readonly gatewayName: string;
  /** The Gateway's namespace, if given. */
  public readonly gatewayNamespace?: string;
  /** The namespace of every HTTPRoute, if given. */
  public readonly httpRouteNamespace?: string;
  /** Whether narrowed character prefixes are accepted. */
  public readonly acceptNarrowedPrefixes: boolean;
  /** @internal */
  public readonly _output: RouteOutput;

  private constructor(scope: IConstruct, props: GatewayApiTargetProps) {
    this.gatewayName = props.gatewayName;
    this.gatewayNamespace = props.gatewayNamespace;
    this.httpRouteNamespace = props.httpRouteNamespace;
    this.acceptNarrowedPrefixes = props.acceptNarrowedPrefixes ?? false;
    const problems = checkProps(scope, props);
    if (problems) throw problems;
    this._output = new GatewayApiOutput(this);
  }
}

/** The Gloo resources' view of the target (see `RouteOutput`). */
class GatewayApiOutput implements RouteOutput {
  public readonly isRouteOutput = true;
  public readonly targetName = 'gateway api';
  public readonly gvk = GatewayHttpRoute.GVK;
  public readonly namespace?: string;

  constructor(public readonly target: GatewayApiTarget) {
    this.namespace = target.httpRouteNamespace;
  }

  public renderSpec(source: RouteOutputSource): unknown {
    const routes: Route[] = source.routes;
    if (routes.length === 0) {
      throw new GlooInputError([{ path: source.node.path, field: 'routes', given: [], expected: 'at least one route: an HTTPRoute without rules routes every request to no backend' }]);
    }
    const hostnames = hostnamesOf(source);
    const rendering = renderHttpRoutes(routes, {
      gatewayName: this.target.gatewayName,
      gatewayNamespace: this.target.gatewayNamespace,
      name: source.name,
      namespace: source.namespace ?? 'default',
      hostnames,
      acceptNarrowedPrefixes: this.target.acceptNarrowedPrefixes,
    });
    const [first, ...more] = rendering.manifests;
    if (more.length > 0) {
      const rules = rendering.manifests.reduce((n, m) => n + m.spec.rules.length, 0);
      throw new GlooInputError([{
        path: source.node.path,
        field: 'routes',
        given: `${routes.length} routes, ${rules} HTTPRoute rules`,
        expected: 'routes that fit one HTTPRoute: at most 16 rules and 128 matches',
        hint: 'spread the routes over several VirtualServices; each becomes its own HTTPRoute',
      }]);
    }
    return first.spec;
  }

  public routeAdded(source: RouteOutputSource, route: Route): void {
    addReferenceGrants(source, route);
  }
}

function checkProps(scope: IConstruct, props: GatewayApiTargetProps): GlooInputError | undefined {
  const problems = [];
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  if (typeof props.gatewayName !== 'string' || props.gatewayName.length === 0 || props.gatewayName.length > 253) {
    problems.push({ path: scope.node.path, field: 'gatewayName', given: props.gatewayName, expected: 'the name of a Gateway, 1 to 253 characters' });
  }
  for (const field of ['gatewayNamespace', 'httpRouteNamespace'] as const) {
    const value = props[field];
    if (value !== undefined && (!label.test(value) || value.length > 63)) {
      problems.push({ path: scope.node.path, field, given: value, expected: 'a namespace name (an RFC 1123 label of at most 63 characters)' });
    }
  }
  return problems.length > 0 ? new GlooInputError(problems) : undefined;
}
