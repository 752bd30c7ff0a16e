import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { backendConfigOf, BackendSettings } from './backend-config';
import { ActionProblem, backendNamespaceOf, KGATEWAY_GROUP } from './backend-render';
import { CompanionObject } from './companion-object';
import { LISTENER_SSL_FIELDS, listenerConflicts, listenerNameClashes, listenerNamesOf, ListenerSource, RenderGatewayProps, renderListeners } from './gateway-render';
import { hostnamesOf } from './hostnames';
import { GATEWAY_API_GROUP } from './http-route-model';
import { directResponseManifest, renderHttpRoutes } from './http-route-render';
import type { HttpRouteManifest } from './http-route-types';
import { isProblem } from './match-render';
import { TargetRegistry } from './target-registry';
import { PolicySettings, sharedHeaderProblem, trafficPolicyOf, TrafficPolicyParts, VIRTUAL_HOST_POLICY_OPTIONS } from './traffic-policy';
import { unmovedHint } from './unmoved-fields';
import { Route } from '../gloo/route';
import { OUTPUT_TARGET_CONTEXT_KEY, RouteOutput, RouteOutputSource, routeOutputOf, RouteTableSource, VirtualHostFields } from '../gloo/route-output';
import { StaticUpstream } from '../gloo/static-upstream';
import { Upstream } from '../gloo/upstream';
import type { WeightedDestination } from '../model/route-action';
import type { HeaderManipulation } from '../model/route-options';
import type { SslConfig } from '../model/tls';
import { formatProblemBody, GlooInputError, Problem } from '../private/errors';
import { GatewayGateway, GatewayHttpRoute, GatewayReferenceGrant } from '../private/gvk';
import { KNOWN_KEYS } from '../private/known-keys';
import { unknownKeys } from '../private/unknown-keys';
import { CrdSchemaValidator } from '../validation/crd-schema';

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
  /**
   * Accept that a route calling a REST function matches only the function's method: Gloo calls the
   * function whatever the request's method (`POST /findPetWithId/1` becomes the GET call), while
   * Gateway API can match the method but not set it, so the Gateway answers such a request with
   * 404.
   * @default false - such a route fails synth, naming a request that would change
   */
  readonly acceptFunctionMethodMatch?: boolean;
  /**
   * Gloo Edge objects (of any `*.solo.io` group) the app may keep as they are, each as
   * `<Kind>/<namespace>/<name>`, e.g. `AuthConfig/gloo-system/oauth`. Any other such object left in
   * the output (a plain `ApiObject`, which the target does not convert) fails synth, naming it:
   * kgateway does not read them, so what they configure would silently stop applying.
   * @default - none: every Gloo object must be converted
   */
  readonly allowGlooObjects?: string[];
  /**
   * The kgateway GatewayExtension (of type `extAuth`, as `<namespace>/<name>` or `<name>` in the
   * HTTPRoute's namespace) that now does the job of each Gloo ext auth configuration the app's
   * routes and virtual hosts use: `<namespace>/<name>` of an `AuthConfig` (`ExtAuth.config`; one
   * given without a namespace is in the VirtualService's), or `custom` (`custom/<name>` for a named
   * one) for `ExtAuth.custom`. Each becomes a TrafficPolicy's `extAuth.extensionRef`. kgateway
   * does not read AuthConfigs, so the service behind the extension must be set up to do what the
   * AuthConfig did; naming it here says it is.
   * @default - none: a route or virtual host with ext auth fails synth, naming the configuration
   */
  readonly extAuthExtensions?: { [glooAuth: string]: string };
  /**
   * Write the Gateway too (`gatewayName` in `gatewayNamespace`, which must be given): an `http`
   * listener for the VirtualServices without TLS, and an HTTPS listener per host name of each
   * VirtualService with `sslConfig`, terminating TLS with its Secret (`certificateRefs`; a
   * ReferenceGrant when the Secret is in another namespace). Each HTTPRoute then attaches to its
   * listeners by `sectionName`, as Gloo serves a VirtualService with `sslConfig` on its TLS gateway
   * only. Each listener allows routes from the namespaces of the HTTPRoutes it takes. A Secret
   * with a `ca.crt` made Gloo verify client certificates (unless `oneWayTls`); the listener does
   * not: that needs kgateway's frontend TLS validation, outside this library.
   * @default - the Gateway exists; a VirtualService with `sslConfig` fails synth, naming the listener it needs
   */
  readonly renderGateway?: RenderGatewayProps;
  /**
   * Accept that the Gateway's HTTPS listeners ask no client certificate where Gloo asked for one:
   * Gloo verifies client certificates when a VirtualService's Secret holds a `ca.crt`, unless its
   * `sslConfig.oneWayTls` is true. The library cannot see the Secret: set this once you know your
   * Secrets hold no `ca.crt`, or that the clients need no certificate (kgateway's frontend TLS
   * validation, which the target does not write, would be the way to keep asking).
   * @default false - a VirtualService with `sslConfig` and without `oneWayTls: true` fails synth
   */
  readonly acceptTlsWithoutClientCertificates?: boolean;
}

/**
 * Chooses the Kubernetes Gateway API (kgateway) as the output of an app, in one line at the top of
 * `main.ts`:
 *
 * ```ts
 * const app = new App();
 * GatewayApiTarget.apply(app, { gatewayName: 'http', gatewayNamespace: 'kgateway-system' });
 * ```
 *
 * Every construct added to the app afterwards synthesizes for Gateway API:
 *
 * - a `VirtualService` becomes an `HTTPRoute` of the same name and namespace, attached to the
 *   Gateway, with `backendRefs` to the Kubernetes Services behind the Upstreams; its domains become
 *   `hostnames`;
 * - `Upstream` and `UpstreamGroup` are not synthesized: routes still name them, and the Services
 *   and weights behind them go into the HTTPRoutes;
 * - a `ReferenceGrant` is added in each namespace of the app's Services for the HTTPRoutes of each
 *   other namespace, so that cross-namespace `backendRefs` are allowed;
 * - options standard Gateway API has no field for but kgateway has become kgateway objects beside
 *   the HTTPRoute: a TrafficPolicy on a route's named rules or on the whole HTTPRoute (automatic
 *   host rewrite, retries, CSRF, ext auth, regex rewrites, a virtual host's CORS and header
 *   changes), a DirectResponse for a direct response, a Backend for a static Upstream, a
 *   BackendConfigPolicy for an Upstream's load balancer and TLS;
 * - with `renderGateway`, the Gateway too, with a listener per TLS host of the VirtualServices;
 * - a `RouteTable` becomes a child HTTPRoute, which the routes that delegate to it name (kgateway
 *   route delegation).
 *
 * At synth each HTTPRoute is proven against the Gloo model: every request derived from the routes'
 * matchers must reach the same Services with the same shares in the Gateway API simulator as in the
 * Gloo simulator, and the HTTPRoute must pass the vendored Gateway API CRD schema and its rules (the
 * kgateway objects, the vendored kgateway CRDs' schemas and rules).
 * What cannot be expressed fails synth naming the construct, the field, the value and why. The
 * mapping is in docs/gateway-api.md.
 *
 * Apply it to the app before anything is added to it (constructs refuses context on a scope with
 * children, and a resource's kind is fixed when it is created), once. Without it, the app
 * synthesizes Gloo objects, byte-identical to what it did before.
 */
export class GatewayApiTarget {
  /** Chooses the Gateway API target for the app and everything added to it afterwards. */
  public static apply(app: IConstruct, props: GatewayApiTargetProps): GatewayApiTarget {
    const target = new GatewayApiTarget(app, props);
    const problem = (given: string, expected: string): GlooInputError => new GlooInputError([{
      path: pathOf(app),
      field: 'GatewayApiTarget.apply',
      given,
      expected,
      hint: 'call GatewayApiTarget.apply on the app right after creating it, before its charts',
    }]);
    const unknown = unknownKeys(props, 'GatewayApiTargetProps')[0];
    if (unknown) {
      throw new GlooInputError([{ path: pathOf(app), field: `GatewayApiTarget.apply props.${unknown.key}`, given: unknown.given, expected: unknown.expected, hint: unknown.hint }]);
    }
    if (routeOutputOf(app) !== undefined) {
      throw problem('a second target', 'one GatewayApiTarget.apply per app');
    }
    if (app.node.scope !== undefined) {
      throw problem(`construct ${app.node.path}`, 'the app: one target for all its charts, so that no route of one target names an object the other does not write');
    }
    try {
      app.node.setContext(OUTPUT_TARGET_CONTEXT_KEY, target._output);
    } catch {
      throw problem(`an app with children (${app.node.children.map(c => c.node.id).join(', ')})`, 'an app nothing was added to yet');
    }
    app.node.addValidation({ validate: () => glooObjectsLeft(app, target.allowGlooObjects) });
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
  /** Whether function routes matched by method only are accepted. */
  public readonly acceptFunctionMethodMatch: boolean;
  /** The Gloo objects the app may keep, as `<Kind>/<namespace>/<name>`. */
  public readonly allowGlooObjects: string[];
  /** Whether HTTPS listeners without client certificate checks are accepted. */
  public readonly acceptTlsWithoutClientCertificates: boolean;
  /** The Gateway the target writes, if it writes one. */
  public readonly renderGateway?: RenderGatewayProps;
  /** The GatewayExtension of each Gloo ext auth configuration. */
  public readonly extAuthExtensions: { [glooAuth: string]: string };
  /** @internal */
  public readonly _output: RouteOutput;

  private constructor(scope: IConstruct, props: GatewayApiTargetProps) {
    this.gatewayName = props.gatewayName;
    this.gatewayNamespace = props.gatewayNamespace;
    this.httpRouteNamespace = props.httpRouteNamespace;
    this.acceptNarrowedPrefixes = props.acceptNarrowedPrefixes ?? false;
    this.acceptFunctionMethodMatch = props.acceptFunctionMethodMatch ?? false;
    this.allowGlooObjects = Array.isArray(props.allowGlooObjects) ? [...props.allowGlooObjects] : [];
    this.renderGateway = props.renderGateway !== undefined ? { ...props.renderGateway } : undefined;
    this.acceptTlsWithoutClientCertificates = props.acceptTlsWithoutClientCertificates ?? false;
    this.extAuthExtensions = typeof props.extAuthExtensions === 'object' && props.extAuthExtensions !== null ? { ...props.extAuthExtensions } : {};
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

  constructor(public readonly target: GatewayApiTarget) {}

  public unmovedUpstreamHint(field: string): string {
    return unmovedHint('upstream', field);
  }

  public namespaceOf(given: string | undefined): string {
    // always written: the HTTPRoute's backendRefs and grants were worked out for this namespace
    return this.target.httpRouteNamespace ?? given ?? 'default';
  }

  public schemaValidator(): CrdSchemaValidator {
    return CrdSchemaValidator.gatewayApi();
  }

  public renderSpec(source: RouteOutputSource): unknown {
    const routes: Route[] = source.routes;
    const shared = sharedHeaderProblems(source._virtualHostOptions?.headerManipulation, routes);
    if (shared.length > 0) throw new GlooInputError(shared);
    return this.renderContainer(source, {
      hostnames: hostnamesOf(source),
      sectionNames: this.target.renderGateway ? listenerNamesOf(listenerSource(source)) : undefined,
      delegation: true,
      hint: 'spread the routes over several VirtualServices; each becomes its own HTTPRoute',
    }).spec;
  }

  /**
   * A RouteTable's HTTPRoute: its routes' rules, proven as if the HTTPRoute were attached to the
   * Gateway (the delegating VirtualService's proof covers it delegated), and as `parentRefs` the
   * HTTPRoutes of the app's VirtualServices that delegate to it (kgateway requires a child's
   * explicit parents to be those); none when none does, so that a parent outside the app may.
   */
  public renderTableSpec(table: RouteTableSource): unknown {
    const registry = TargetRegistry.of(table);
    const own = registry.problemsOf(table, this.target.gatewayName, this.target.gatewayNamespace, this.target.renderGateway !== undefined);
    if (own.length > 0) throw new GlooInputError(own);
    // without a parent in the app (one outside it delegates, as to a Gloo RouteTable), no parentRefs: kgateway lets any parent delegate
    const parents = registry.parentsOf(table);
    // kgateway hands a parent's policies down to the child's rules, as Gloo its virtual host's options to the table's routes
    const shared = parents.flatMap(p => sharedHeaderProblems(p._virtualHostOptions?.headerManipulation, table.routes));
    if (shared.length > 0) throw new GlooInputError(shared);
    const rules = this.renderContainer(table, { delegation: false, hint: 'spread the routes over several RouteTables' }).spec.rules;
    return {
      ...(parents.length > 0 ? {
        parentRefs: parents.map(p => ({
          group: GATEWAY_API_GROUP,
          kind: GatewayHttpRoute.GVK.kind,
          name: p.name,
          ...(p.namespace !== table.namespace ? { namespace: p.namespace } : {}),
        })),
      } : {}),
      rules,
    };
  }

  /** The one HTTPRoute of a VirtualService or RouteTable, proven; refuses more than one, and backendRefs no grant allows. */
  private renderContainer(
    container: RouteOutputSource | RouteTableSource,
    o: { hostnames?: string[]; sectionNames?: string[]; delegation: boolean; hint: string },
  ): HttpRouteManifest {
    const routes = container.routes;
    if (routes.length === 0) {
      throw new GlooInputError([{ path: container.node.path, field: 'routes', given: [], expected: 'at least one route: an HTTPRoute without rules routes every request to no backend' }]);
    }
    const namespace = container.namespace!;
    const registry = TargetRegistry.of(container);
    const rendering = renderHttpRoutes(routes, {
      gatewayName: this.target.gatewayName,
      gatewayNamespace: this.target.gatewayNamespace,
      name: container.name,
      namespace,
      hostnames: o.hostnames,
      acceptNarrowedPrefixes: this.target.acceptNarrowedPrefixes,
      acceptFunctionMethodMatch: this.target.acceptFunctionMethodMatch,
      ruleNameOf: route => registry.ruleNameOf(route),
      policySettings: this.policySettings(namespace),
      sectionNames: o.sectionNames,
      delegation: o.delegation,
    });
    const [first, ...more] = rendering.manifests;
    if (more.length > 0) {
      const rules = rendering.manifests.reduce((n, m) => n + m.spec.rules.length, 0);
      throw new GlooInputError([{
        path: container.node.path,
        field: 'routes',
        given: `${routes.length} routes, ${rules} HTTPRoute rules`,
        expected: 'routes that fit one HTTPRoute: at most 16 rules and 128 matches',
        hint: o.hint,
      }]);
    }
    const ungranted = ungrantedNamespaces(first, registry);
    if (ungranted.length > 0) {
      throw new GlooInputError([{
        path: container.node.path,
        field: 'routes',
        given: `backendRefs to Services in ${ungranted.join(', ')}`,
        expected: `Services in ${namespace}, or in a namespace of a Service of the app, which gets a ReferenceGrant`,
        hint: 'the ReferenceGrant for that namespace left the app with the construct that held it; keep the chart of the first VirtualService of the namespace',
      }]);
    }
    return first;
  }

  public appProblems(source: RouteOutputSource): Problem[] {
    const registry = TargetRegistry.of(source);
    const problems = registry.problemsOf(source, this.target.gatewayName, this.target.gatewayNamespace, this.target.renderGateway !== undefined);
    if (!this.target.renderGateway || source._sslConfig === undefined) return problems;
    const mine = listenerSource(source);
    const all = registry.liveSources.map(listenerSource);
    for (const clash of listenerNameClashes(all)) {
      if (!listenerNamesOf(mine).includes(clash.name)) continue;
      problems.push({
        path: source.node.path,
        field: 'domains',
        given: clash.hosts,
        expected: `TLS hosts whose listeners have names of their own (both would be ${clash.name})`,
        hint: 'serve one of the hosts from the other\'s VirtualService',
      });
    }
    for (const conflict of listenerConflicts(all)) {
      if (!listenerNamesOf(mine).some(n => listenerNamesOf({ ...mine, domains: [conflict.host], sslConfig: {} }).includes(n))) continue;
      problems.push({
        path: source.node.path,
        field: 'sslConfig.secretRef',
        given: conflict.secrets,
        expected: `one Secret for the TLS host ${conflict.host}: the Gateway has one listener per host name, with one certificate`,
        hint: 'use one Secret for the host name in every VirtualService that serves it',
      });
    }
    return problems;
  }

  /**
   * The Gateway, once per app, in the chart of the first VirtualService; its listeners are worked
   * out at synth from the VirtualServices then in the app. A ReferenceGrant for each namespace of a
   * TLS Secret other than the Gateway's.
   */
  private addGateway(source: RouteOutputSource): void {
    const registry = TargetRegistry.of(source);
    const props = this.target.renderGateway!;
    const namespace = this.target.gatewayNamespace!;
    const name = this.target.gatewayName;
    if (registry.once(`Gateway/${namespace}/${name}`)) {
      new CompanionObject(Chart.of(source), `Gateway-${name}`, {
        apiVersion: GatewayGateway.GVK.apiVersion,
        kind: GatewayGateway.GVK.kind,
        name,
        namespace,
        spec: () => ({
          gatewayClassName: props.gatewayClassName ?? 'kgateway',
          listeners: renderListeners(registry.liveSources.map(listenerSource), namespace, props),
        }),
      });
    }
    const secretNamespace = source._sslConfig?.secretRef ? source._sslConfig.secretRef.namespace ?? source.namespace! : undefined;
    if (secretNamespace !== undefined && secretNamespace !== namespace && registry.once(`ReferenceGrant/${secretNamespace}/gateways-from-${namespace}`)) {
      new ApiObject(Chart.of(source), `ReferenceGrant-secrets-${secretNamespace}`, {
        ...GatewayReferenceGrant.GVK,
        metadata: { name: `gateways-from-${namespace}`, namespace: secretNamespace },
        spec: { from: [{ group: GATEWAY_API_GROUP, kind: GatewayGateway.GVK.kind, namespace }], to: [{ group: '', kind: 'Secret' }] },
      });
    }
  }

  public virtualHostProblem(fields: VirtualHostFields): Omit<Problem, 'path'> | undefined {
    return virtualHostProblem(fields, this.policySettings(fields.namespace), this.target);
  }

  public tableCreated(table: RouteTableSource): void {
    TargetRegistry.of(table).addTable(table);
  }

  public containerCreated(source: RouteOutputSource): void {
    TargetRegistry.of(source).addSource(source);
    if (this.target.renderGateway) this.addGateway(source);
    const parts = trafficPolicyOf(source._virtualHostOptions, this.policySettings(source.namespace), true);
    if (parts === undefined || isProblem(parts)) return; // a problem fails the VirtualService's construction first
    addTrafficPolicy(source, 'TrafficPolicy', source.name, () => [httpRouteTarget(source.name)], parts);
  }

  public keptOut(resource: IConstruct): void {
    TargetRegistry.of(resource).addKeptOut(resource);
    if (Upstream.isUpstream(resource)) {
      addBackendConfigPolicy(resource, resource.serviceNamespace, { group: '', kind: 'Service', name: resource.serviceName }, resource._settings);
    }
    if (StaticUpstream.isStaticUpstream(resource)) {
      // the policy first: what it refuses fails the Upstream before its Backend is made
      const target = { group: KGATEWAY_GROUP, kind: 'Backend', name: resource.name };
      addBackendConfigPolicy(resource, backendNamespaceOf(resource), target, resource._settings, resource.hosts);
      addBackend(resource);
    }
  }

  public destinationAdded(group: IConstruct, destination: WeightedDestination): void {
    TargetRegistry.of(group).addDestinations([destination.destination]);
  }

  public routeAdded(source: RouteOutputSource | RouteTableSource, route: Route): void {
    const registry = TargetRegistry.of(source);
    registry.addRoute(route);
    const response = route.action.response;
    if (response !== undefined) {
      const rule = registry.nameRules(source, route);
      const name = `${source.name}-${rule}`;
      registry.addKgatewayObject('DirectResponse', source.namespace!, name, `${source.node.path}/DirectResponse-${rule}`,
        'the target names a direct response after its HTTPRoute and rule; rename the VirtualService or the route');
      new CompanionObject(source, `DirectResponse-${rule}`, { kind: 'DirectResponse', name, namespace: source.namespace!, spec: () => directResponseManifest(name, source.namespace!, response).spec });
    }
    const parts = trafficPolicyOf(route._props.options, this.policySettings(source.namespace), false);
    if (parts === undefined || isProblem(parts)) return; // the HTTPRoute's rendering reports the problem
    const rule = registry.nameRules(source, route);
    addTrafficPolicy(source, `TrafficPolicy-${rule}`, `${source.name}-${rule}`, () => ruleTargets(source, rule), parts);
  }

  private policySettings(namespace: string | undefined): PolicySettings {
    return { extAuthExtensions: this.target.extAuthExtensions, namespace };
  }
}

/**
 * A BackendConfigPolicy with what an Upstream sets for its connections (load balancer, TLS, see
 * `backendConfigOf`), on the Service behind it or a static Upstream's Backend: named and placed as
 * that target, a child of the construct that holds the Upstream's id. It applies to every route to
 * the target, where Gloo's applied to the routes through this Upstream. What it cannot carry fails
 * the Upstream's creation.
 */
function addBackendConfigPolicy(
  upstream: Upstream | StaticUpstream, namespace: string, target: { group: string; kind: string; name: string },
  settings: BackendSettings, staticHosts?: Array<{ address: string; port: number }>,
): void {
  const fields = backendConfigOf(settings, namespace, staticHosts);
  if (fields !== undefined && 'field' in fields && 'expected' in fields) {
    const p = fields as ActionProblem;
    throw new GlooInputError([{ path: upstream.node.path, field: p.field, given: p.given, expected: p.expected, hint: p.hint }]);
  }
  const registry = TargetRegistry.of(upstream);
  const service = `${namespace}/${target.name}`;
  const json = fields === undefined ? '' : JSON.stringify(fields);
  registry.addServiceSettings(service, `Upstream ${upstream.node.path}`, json);
  // one policy per target: a second Upstream with the same settings shares it; one with others fails on the name
  if (fields === undefined || !registry.once(`BackendConfigPolicy/${service}/${json}`)) return;
  const holder = upstream.node.scope!.node.tryFindChild(upstream.node.id)!;
  TargetRegistry.of(upstream).addKgatewayObject('BackendConfigPolicy', namespace, target.name, `${holder.node.path}/BackendConfigPolicy`,
    `kgateway configures connections per ${target.kind}; give the ${target.kind}'s Upstreams one load balancer and TLS setting, on one of them`);
  new CompanionObject(holder, 'BackendConfigPolicy', {
    kind: 'BackendConfigPolicy',
    name: target.name,
    namespace,
    spec: () => ({ targetRefs: [target], ...fields }),
    problems: () => {
      const others = registry.otherServiceSettings(service, json).filter(by => by !== `Upstream ${upstream.node.path}`);
      return others.length === 0 ? [] : [{
        path: upstream.node.path,
        field: Object.keys(fields).join(', '),
        given: fields,
        expected: `the same settings on every way to the ${target.kind} ${service} (${others.join('; ')} sets others or none): kgateway's BackendConfigPolicy applies to every route to it`,
        hint: 'give the Upstreams of one Service the same load balancer and TLS, and route to the Service through them',
      }];
    },
  });
}

/**
 * The kgateway Backend (`static`) a static Upstream becomes: its hosts, named as the Upstream, in
 * the HTTPRoutes' namespace when the target fixes one (else the Upstream's), a child of the
 * construct that holds the Upstream's id. Routes send to it with a backendRef of kind Backend.
 */
function addBackend(upstream: StaticUpstream): void {
  const holder = upstream.node.scope!.node.tryFindChild(upstream.node.id)!;
  const name = upstream.name;
  const namespace = backendNamespaceOf(upstream);
  TargetRegistry.of(upstream).addKgatewayObject('Backend', namespace, name, `${holder.node.path}/Backend`,
    'each static Upstream becomes a Backend of its name; rename one of them (metadata.name)');
  new CompanionObject(holder, 'Backend', {
    kind: 'Backend',
    name,
    namespace,
    // `type` written as kgateway's own manifests do: the CRD's CEL rules read it
    spec: () => ({ type: 'Static', static: { hosts: upstream.hosts.map(h => ({ host: h.address, port: h.port })) } }),
  });
}

/**
 * The headers that routes (or their weighted destinations) change that the virtual host's header
 * manipulation changes too (see `sharedHeaderProblem`), as problems naming each route.
 */
function sharedHeaderProblems(virtualHost: HeaderManipulation | undefined, routes: Route[]): Problem[] {
  if (virtualHost === undefined) return [];
  return routes.flatMap(r => {
    const own = [{ at: '', h: r._props.options?.headerManipulation }];
    const shares = (r.action.destinations ?? []).map((w, i) => ({ at: `routeAction.multi.destinations[${i}].`, h: w.options?.headerManipulation }));
    return [...own, ...shares].flatMap(({ at, h }) => {
      const p = sharedHeaderProblem(virtualHost, h);
      return p ? [{ path: r._owner.node.path, field: `${r._label}.${at}${p.field}`, given: p.given, expected: p.expected, hint: p.hint }] : [];
    });
  });
}

/** What the Gateway's listeners read of a VirtualService. */
function listenerSource(source: RouteOutputSource): ListenerSource {
  return { namespace: source.namespace!, domains: source.domains, sslConfig: source._sslConfig };
}

/** A TrafficPolicy beside the HTTPRoute of `source`, in its namespace, with the targets worked out at synth. */
function addTrafficPolicy(
  source: RouteOutputSource | RouteTableSource, id: string, name: string, targets: () => unknown[], parts: TrafficPolicyParts,
): void {
  const namespace = source.namespace!;
  TargetRegistry.of(source).addKgatewayObject('TrafficPolicy', namespace, name, `${source.node.path}/${id}`,
    'the target names a policy after its HTTPRoute and rule; rename the VirtualService or the route');
  new CompanionObject(source, id, { kind: 'TrafficPolicy', name, namespace, spec: () => ({ targetRefs: targets(), ...parts }) });
}

function httpRouteTarget(name: string, sectionName?: string): unknown {
  return { group: GATEWAY_API_GROUP, kind: GatewayHttpRoute.GVK.kind, name, ...(sectionName !== undefined ? { sectionName } : {}) };
}

/** The rules of the HTTPRoute of `source` that a route named `rule` became: `<rule>`, `<rule>.2`, ... */
function ruleTargets(source: RouteOutputSource | RouteTableSource, rule: string): unknown[] {
  const spec = source._renderSpec() as { rules: Array<{ name?: string }> };
  return spec.rules.map(r => r.name).filter((n): n is string => n === rule || (n?.startsWith(`${rule}.`) ?? false)).map(n => httpRouteTarget(source.name, n));
}


/**
 * The first virtual host field the target cannot carry: `sslConfig` and `optionsConfigRefs`, and
 * the options other than those a TrafficPolicy on the HTTPRoute carries (`VIRTUAL_HOST_POLICY_OPTIONS`),
 * or what the TrafficPolicy refuses of those.
 */
function virtualHostProblem(fields: VirtualHostFields, settings: PolicySettings, target: GatewayApiTarget): Omit<Problem, 'path'> | undefined {
  if (fields.optionsConfigRefs !== undefined) {
    return { field: 'optionsConfigRefs', given: fields.optionsConfigRefs, expected: 'no optionsConfigRefs under the gateway api target', hint: unmovedHint('route', 'optionsConfigRefs') };
  }
  const ssl = fields.sslConfig as SslConfig | undefined;
  if (ssl !== undefined) {
    const other = Object.keys(ssl).sort().find(k => !LISTENER_SSL_FIELDS.includes(k) && !(k === 'oneWayTls' && ssl.oneWayTls === true) && (ssl as { [k: string]: unknown })[k] !== undefined);
    if (other !== undefined || ssl.secretRef === undefined) {
      return {
        field: `sslConfig.${other ?? 'secretRef'}`,
        given: other !== undefined ? (ssl as { [k: string]: unknown })[other] : undefined,
        expected: 'a Kubernetes Secret (secretRef) and, optionally, sniDomains: what a Gateway listener\'s certificateRefs and hostname carry',
        hint: 'certificate files, SDS, TLS parameters and ALPN have no gateway api listener field; keep this VirtualService on Gloo until they move',
      };
    }
    const domains = fields.domains ?? ['*'];
    const same = (xs: string[]) => [...new Set(xs.map(h => h.toLowerCase().replace(/:\d+$/, '')))].sort().join(' ');
    if (ssl.sniDomains !== undefined && ssl.sniDomains.length > 0 && same(ssl.sniDomains) !== same(domains)) {
      return {
        field: 'sslConfig.sniDomains',
        given: ssl.sniDomains,
        expected: `the VirtualService's domains (${domains.join(', ')}): a listener takes the HTTPRoutes whose hostnames it covers, so its host names are the domains`,
        hint: 'give the VirtualService the SNI names as its domains, or drop sniDomains',
      };
    }
    if (ssl.secretRef.namespace === undefined && target.httpRouteNamespace !== undefined) {
      return {
        field: 'sslConfig.secretRef.namespace',
        given: undefined,
        expected: 'the Secret\'s namespace: gloo looks in the VirtualService\'s own, which httpRouteNamespace replaces under the target',
      };
    }
    if (!target.renderGateway) {
      const listeners = listenerNamesOf({ namespace: '', domains, sslConfig: ssl });
      return {
        field: 'sslConfig',
        given: ssl,
        expected: `HTTPS listeners ${listeners.join(', ')} on the Gateway ${target.gatewayNamespace ?? '(the HTTPRoute\'s namespace)'}/${target.gatewayName}, terminating TLS with the Secret ${ssl.secretRef.namespace ?? '(the VirtualService\'s namespace)'}/${ssl.secretRef.name}`,
        hint: 'set renderGateway for the target to write the Gateway with them; with a Gateway of your own, keep this VirtualService on Gloo until it has them',
      };
    }
    if (ssl.oneWayTls !== true && !target.acceptTlsWithoutClientCertificates) {
      return {
        field: 'sslConfig.oneWayTls',
        given: ssl.oneWayTls,
        expected: 'true, or acceptTlsWithoutClientCertificates on the target: gloo asked for client certificates when the Secret held a ca.crt, the Gateway listener does not',
        hint: 'the library cannot see the Secret; check it holds no ca.crt (or that clients need no certificate), then say so',
      };
    }
  }
  const options = fields.options;
  if (options === undefined) return undefined;
  const given = options as { [field: string]: unknown };
  const unmapped = KNOWN_KEYS.VirtualHostBehavior.find(f => !VIRTUAL_HOST_POLICY_OPTIONS.includes(f) && given[f] !== undefined);
  if (unmapped !== undefined) {
    return {
      field: `options.${unmapped}`,
      given: given[unmapped],
      expected: `no virtual host options other than ${VIRTUAL_HOST_POLICY_OPTIONS.join(', ')} under the gateway api target`,
      hint: unmovedHint('virtual host option', unmapped),
    };
  }
  const parts = trafficPolicyOf(options, settings, true);
  return isProblem(parts) ? parts : undefined;
}

/** The namespaces an HTTPRoute's backendRefs and mirrors name that it may not send to. */
function ungrantedNamespaces(route: HttpRouteManifest, registry: TargetRegistry): string[] {
  const from = route.metadata.namespace;
  // Services only: kgateway follows a delegation to an HTTPRoute of another namespace without a grant
  const refs = route.spec.rules.flatMap(rule => [
    ...(rule.backendRefs ?? []).filter(r => (r.kind ?? 'Service') === 'Service' && (r.group ?? '') === ''),
    ...(rule.filters ?? []).flatMap(f => (f.requestMirror ? [f.requestMirror.backendRef] : [])),
  ]);
  const namespaces = new Set(refs.map(r => r.namespace ?? from));
  return [...namespaces].filter(to => !registry.isGranted(from, to)).sort();
}

/** A construct's path for messages; the app's is empty. */
function pathOf(c: IConstruct): string {
  return c.node.path || '(app)';
}

function checkProps(scope: IConstruct, props: GatewayApiTargetProps): GlooInputError | undefined {
  const problems = [];
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  if (typeof props.gatewayName !== 'string' || props.gatewayName.length === 0 || props.gatewayName.length > 253) {
    problems.push({ path: pathOf(scope), field: 'gatewayName', given: props.gatewayName, expected: 'the name of a Gateway, 1 to 253 characters' });
  }
  for (const field of ['gatewayNamespace', 'httpRouteNamespace'] as const) {
    const value = props[field];
    if (value !== undefined && (!label.test(value) || value.length > 63)) {
      problems.push({ path: pathOf(scope), field, given: value, expected: 'a namespace name (an RFC 1123 label of at most 63 characters)' });
    }
  }
  const extensions = props.extAuthExtensions;
  const ref = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
  if (extensions !== undefined && (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)
    || !Object.entries(extensions).every(([k, v]) => /^[a-z0-9.-]+\/[a-z0-9.-]+$|^custom(\/[^/\s]+)?$/.test(k) && typeof v === 'string' && ref.test(v)))) {
    problems.push({
      path: pathOf(scope),
      field: 'extAuthExtensions',
      given: extensions,
      expected: 'a map from "<namespace>/<name>" of a gloo AuthConfig (or "custom", "custom/<name>" of a custom auth server) to "<namespace>/<name>" or "<name>" of a kgateway GatewayExtension',
    });
  }
  const gateway = props.renderGateway;
  const unknownGatewayProp = gateway !== undefined ? unknownKeys(gateway, 'RenderGatewayProps')[0] : undefined;
  if (unknownGatewayProp) {
    problems.push({ path: pathOf(scope), field: `renderGateway.${unknownGatewayProp.key}`, given: unknownGatewayProp.given, expected: unknownGatewayProp.expected, hint: unknownGatewayProp.hint });
  }
  if (gateway !== undefined) {
    if (props.gatewayNamespace === undefined) {
      problems.push({ path: pathOf(scope), field: 'gatewayNamespace', given: undefined, expected: 'the namespace of the Gateway the target writes (renderGateway)' });
    }
    if (gateway.gatewayClassName !== undefined && (typeof gateway.gatewayClassName !== 'string' || gateway.gatewayClassName.length === 0 || gateway.gatewayClassName.length > 253)) {
      problems.push({ path: pathOf(scope), field: 'renderGateway.gatewayClassName', given: gateway.gatewayClassName, expected: 'the name of a GatewayClass, 1 to 253 characters' });
    }
    for (const field of ['httpPort', 'httpsPort'] as const) {
      const port = gateway[field];
      if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        problems.push({ path: pathOf(scope), field: `renderGateway.${field}`, given: port, expected: 'a port from 1 to 65535' });
      }
    }
    if (gateway.httpPort !== undefined && gateway.httpPort === (gateway.httpsPort ?? 443)) {
      problems.push({ path: pathOf(scope), field: 'renderGateway.httpPort', given: gateway.httpPort, expected: 'a port other than the HTTPS listeners\'' });
    }
  }
  const allowed = props.allowGlooObjects;
  if (allowed !== undefined && (!Array.isArray(allowed) || !allowed.every(a => typeof a === 'string' && /^[A-Za-z]+\/[a-z0-9-]*\/[a-z0-9.-]+$/.test(a)))) {
    problems.push({ path: pathOf(scope), field: 'allowGlooObjects', given: allowed, expected: 'a list of "<Kind>/<namespace>/<name>", e.g. "AuthConfig/gloo-system/oauth"' });
  }
  return problems.length > 0 ? new GlooInputError(problems) : undefined;
}

/**
 * Hooks a check onto each Gloo Edge object (any `*.solo.io` group) left in the app's output that
 * the target did not convert and the user did not allow: plain `ApiObject`s, such as the ones
 * `adopt` keeps. The library's own resources are converted (a VirtualService) or kept out of the
 * output (the Upstreams and UpstreamGroups behind the HTTPRoutes). It runs as the app's validation,
 * which cdk8s runs before its children's, so each object reports under its own path.
 */
function glooObjectsLeft(app: IConstruct, allowed: string[]): string[] {
  for (const c of app.node.findAll()) {
    if (!ApiObject.isApiObject(c) || HOOKED.has(c) || !/^[a-z0-9.-]*solo\.io\//.test(c.apiVersion)) continue;
    HOOKED.add(c);
    c.node.addValidation({ validate: () => glooObjectProblem(c, allowed) });
  }
  return [];
}

const HOOKED = new WeakSet<ApiObject>();

function glooObjectProblem(c: ApiObject, allowed: string[]): string[] {
  const id = `${c.kind}/${c.metadata.namespace ?? ''}/${c.name}`;
  if (allowed.includes(id)) return [];
  return [formatProblemBody({
    path: c.node.path,
    field: 'apiVersion/kind',
    given: `${c.apiVersion} ${c.kind} ${c.metadata.namespace ? `${c.metadata.namespace}/` : ''}${c.name}`,
    expected: 'no Gloo Edge object under the gateway api target: kgateway does not read it, so what it configures would silently stop applying',
    hint: `build it with the library's constructs (cdk8s-gloo-canary adopt writes them), or keep it on purpose with allowGlooObjects: ['${id}']`,
  })];
}
