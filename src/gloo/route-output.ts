import { IConstruct } from 'constructs';
import type { Route } from './route';
import { AppState } from '../private/app-state';
import { GroupVersionKind } from '../private/gvk';

/** The context key under which a scope's output target is set (see `GatewayApiTarget.apply`). */
export const OUTPUT_TARGET_CONTEXT_KEY = 'cdk8s-gloo-canary:outputTarget';

/** What an output target needs to know of a VirtualService to render it. */
export interface RouteOutputSource extends IConstruct {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`, if any. */
  readonly namespace?: string;
  /** The domains it serves. */
  readonly domains: string[];
  /** The routes, in Gloo's evaluation order. */
  readonly routes: Route[];
}

/**
 * @internal
 * Another gateway's rendering of the app's routes, chosen for a scope by setting it as context
 * (`GatewayApiTarget.apply` does). The Gloo resources only ask for it, so the layers above `gloo/`
 * implement it without `gloo/` depending on them:
 *
 * - a VirtualService synthesizes as `gvk` with the spec `renderSpec` gives;
 * - an Upstream or UpstreamGroup is kept out of the output (it stays usable as a reference);
 * - a RouteTable is refused;
 * - `routeAdded` is told of every route added to a VirtualService, as it is added, so it can add
 *   the objects the routes need (ReferenceGrants) while the construct tree can still grow.
 */
export interface RouteOutput {
  /** Marks the object as a route output, for `routeOutputOf`. */
  readonly isRouteOutput: true;
  /** A short name of the target for messages, e.g. `gateway api`. */
  readonly targetName: string;
  /** The apiVersion and kind a VirtualService synthesizes as. */
  readonly gvk: GroupVersionKind;
  /** The namespace a VirtualService's object goes to, if the target sets one. */
  readonly namespace?: string;
  /** The spec of a VirtualService's object; throws a `GlooInputError` for what the target cannot express. */
  renderSpec(source: RouteOutputSource): unknown;
  /** Called when a route is added to a VirtualService under this output. */
  routeAdded(source: RouteOutputSource, route: Route): void;
}

/** The output target chosen for `scope` (on it or an ancestor), or `undefined` for Gloo. */
export function routeOutputOf(scope: IConstruct): RouteOutput | undefined {
  const value: unknown = scope.node.tryGetContext(OUTPUT_TARGET_CONTEXT_KEY);
  return typeof value === 'object' && value !== null && (value as { isRouteOutput?: unknown }).isRouteOutput === true
    ? value as RouteOutput
    : undefined;
}

/**
 * Takes a Gloo-only resource (an Upstream or UpstreamGroup) out of its scope when `scope` has an
 * output target other than Gloo: it is not synthesized, but routes can still name it, the target
 * reads the Service and weights behind it, its synth-time checks still run (see `AppState.keepOut`),
 * and `RoutingSimulator.fromApp` still sees it as part of the app's Gloo model.
 */
export function keepOutOfOutput(resource: IConstruct): void {
  if (routeOutputOf(resource) === undefined) return;
  AppState.of(resource).keepOut(resource);
  resource.node.scope?.node.tryRemoveChild(resource.node.id);
}
