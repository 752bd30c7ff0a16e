import { ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { Route } from './route';
import type { WeightedDestination } from '../model/route-action';
import type { SslConfig } from '../model/tls';
import type { VirtualHostBehavior } from '../model/virtual-host-options';
import { AppState } from '../private/app-state';
import { Problem } from '../private/errors';
import { GroupVersionKind } from '../private/gvk';
import { CrdSchemaValidator } from '../validation/crd-schema';

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
  /** The Gloo gateway that serves it (`VirtualServiceProps.gatewayName`). */
  readonly gatewayName: string;
  /** The routes, in Gloo's evaluation order. */
  readonly routes: Route[];
  /** Its virtual host's options (`VirtualServiceProps.options`). */
  readonly _virtualHostOptions?: VirtualHostBehavior;
  /** Its TLS settings (`VirtualServiceProps.sslConfig`). */
  readonly _sslConfig?: SslConfig;
  /** The Gloo VirtualService the routes mean, as a manifest (see `GlooResource._glooModelJson`). */
  _glooModelJson(): unknown;
  /** The spec it synthesizes, which under the target is the target's (throws what the target refuses). */
  _renderSpec(): unknown;
}

/** What an output target needs to know of a RouteTable to render it (as the child of the routes that delegate to it). */
export interface RouteTableSource extends IConstruct {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace` (under a target, always set). */
  readonly namespace?: string;
  /** The routes, in Gloo's evaluation order. */
  readonly routes: Route[];
  /** The Gloo RouteTable the routes mean, as a manifest. */
  _glooModelJson(): unknown;
  /** The spec it synthesizes, which under the target is the target's (throws what the target refuses). */
  _renderSpec(): unknown;
}

/** The virtual host fields of a VirtualService an output target may not carry. */
export interface VirtualHostFields {
  /** The VirtualService's namespace (under the target). */
  readonly namespace?: string;
  readonly domains?: string[];
  readonly options?: VirtualHostBehavior;
  readonly optionsConfigRefs?: unknown;
  readonly sslConfig?: unknown;
}

/**
 * @internal
 * Another gateway's rendering of the app's routes, chosen for the app by setting it as context
 * (`GatewayApiTarget.apply` does). The Gloo resources only ask for it, so the layers above `gloo/`
 * implement it without `gloo/` depending on them:
 *
 * - a VirtualService synthesizes as `gvk` with the spec `renderSpec` gives, in `namespaceOf`;
 * - a RouteTable likewise, with the spec `renderTableSpec` gives;
 * - an Upstream or UpstreamGroup is kept out of the output (it stays usable as a reference);
 * - `containerCreated`, `keptOut` and `routeAdded` are told of what is created, as it is, so the
 *   target can add the objects it needs (ReferenceGrants) while the construct tree can still grow.
 */
export interface RouteOutput {
  /** Marks the object as a route output, for `routeOutputOf`. */
  readonly isRouteOutput: true;
  /** A short name of the target for messages, e.g. `gateway api`. */
  readonly targetName: string;
  /** The apiVersion and kind a VirtualService synthesizes as. */
  readonly gvk: GroupVersionKind;
  /** The namespace a VirtualService's object goes to, given the one it names (or its chart's). */
  namespaceOf(given: string | undefined): string;
  /** The validator of the objects a VirtualService synthesizes as. */
  schemaValidator(): CrdSchemaValidator;
  /** The spec of a VirtualService's object; throws a `GlooInputError` for what the target cannot express. */
  renderSpec(source: RouteOutputSource): unknown;
  /** The spec of a RouteTable's object; throws a `GlooInputError` for what the target cannot express. */
  renderTableSpec(table: RouteTableSource): unknown;
  /** Where the target would carry an Upstream field it refuses (`subsets`, a kind such as `aws`), and what to do instead: a refusal's hint. */
  unmovedUpstreamHint(field: string): string;
  /** The first virtual host field the target cannot carry, as a problem relative to the VirtualService. */
  virtualHostProblem(fields: VirtualHostFields): Omit<Problem, 'path'> | undefined;
  /** What the target refuses about a VirtualService among the others of the app (names, gateways). */
  appProblems(source: RouteOutputSource): Problem[];
  /** Called when a VirtualService is created under this output. */
  containerCreated(source: RouteOutputSource): void;
  /** Called when a RouteTable is created under this output. */
  tableCreated(table: RouteTableSource): void;
  /** Called when a resource is kept out of the output (see `keepOutOfOutput`). */
  keptOut(resource: IConstruct): void;
  /** Called when an UpstreamGroup kept out of the output gets another destination. */
  destinationAdded(group: IConstruct, destination: WeightedDestination): void;
  /** Called when a route is added to a VirtualService or a RouteTable under this output. */
  routeAdded(source: RouteOutputSource | RouteTableSource, route: Route): void;
}

/** The output target chosen for `scope` (on it or an ancestor), or `undefined` for Gloo. */
export function routeOutputOf(scope: IConstruct): RouteOutput | undefined {
  const value: unknown = scope.node.tryGetContext(OUTPUT_TARGET_CONTEXT_KEY);
  return typeof value === 'object' && value !== null && (value as { isRouteOutput?: unknown }).isRouteOutput === true
    ? value as RouteOutput
    : undefined;
}

/**
 * The metadata a VirtualService or RouteTable is created with: under an output target other than
 * Gloo, in the namespace that target gives it (its own, or its chart's, as given to `namespaceOf`).
 */
export function containerMetadata(
  scope: IConstruct, output: RouteOutput | undefined, metadata: ApiObjectMetadata | undefined,
): ApiObjectMetadata | undefined {
  return output ? { ...metadata, namespace: output.namespaceOf(metadata?.namespace ?? Chart.of(scope).namespace) } : metadata;
}

/**
 * Takes a Gloo-only resource (an Upstream or UpstreamGroup) out of its scope when `scope` has an
 * output target other than Gloo: it is not synthesized, but routes can still name it, the target
 * reads the Service and weights behind it, its synth-time checks still run (see `AppState.keepOut`),
 * and `RoutingSimulator.fromApp` still sees it as part of the app's Gloo model. A plain construct
 * takes its place, so its id stays taken.
 */
export function keepOutOfOutput(resource: IConstruct): void {
  const output = routeOutputOf(resource);
  if (output === undefined) return;
  AppState.of(resource).keepOut(resource);
  const scope = resource.node.scope!;
  scope.node.tryRemoveChild(resource.node.id);
  // its id stays taken, as it would be with the resource in place
  new Construct(scope, resource.node.id);
  output.keptOut(resource);
}
