import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { knownGroup, serviceOf } from './backend-render';
import { directResponseManifest } from './http-route-render';
import { ruleName } from './rule-names';
import { SharedGatewaySource, sharedGatewayProblems } from './shared-gateway-check';
import { ImportedResource } from '../gloo/imported-resource';
import { Route } from '../gloo/route';
import { RouteOutputSource, RouteTableSource } from '../gloo/route-output';
import { Upstream } from '../gloo/upstream';
import { Destination } from '../model/destination';
import { IUpstreamGroup } from '../model/references';
import { AppState, isAttached } from '../private/app-state';
import { GlooInputError, Problem } from '../private/errors';
import { GatewayHttpRoute, GatewayReferenceGrant } from '../private/gvk';

/**
 * What the Gateway API target knows of one app: its VirtualServices (each an HTTPRoute), the
 * namespaces their HTTPRoutes live in, the namespaces of the Services they may send to, and the
 * ReferenceGrants written for them.
 *
 * **ReferenceGrants.** Gateway API ignores a `backendRef` to another namespace than the route's
 * unless a ReferenceGrant in the Service's namespace allows it. The target writes one grant for
 * each pair of an HTTPRoute namespace and a Service namespace of the app (the Services behind its
 * Upstreams, and those its routes name directly), named `httproutes-from-<namespace>`, allowing the
 * HTTPRoutes of that namespace to reach the Services of the other. The pairs only depend on which
 * VirtualServices and Upstreams exist, not on stages or routes, so advancing a release never
 * changes a grant. The grants of an HTTPRoute namespace are children of a construct
 * `ReferenceGrants-from-<namespace>` in the chart of its first VirtualService (or RouteTable), and each is added
 * when the second half of its pair appears, while the construct tree can still grow.
 */
export class TargetRegistry {
  /** The registry of the app that `scope` belongs to. */
  public static of(scope: IConstruct): TargetRegistry {
    const state = AppState.of(scope);
    let registry = REGISTRIES.get(state);
    if (!registry) {
      registry = new TargetRegistry(state);
      REGISTRIES.set(state, registry);
    }
    return registry;
  }

  private readonly sources: RouteOutputSource[] = [];
  /** The parent of each HTTPRoute namespace's grants, in the chart of its first VirtualService. */
  private readonly fromNamespaces = new Map<string, IConstruct>();
  private readonly toNamespaces = new Set<string>();
  private readonly granted = new Set<string>();
  /** The rule names taken in each VirtualService's or RouteTable's HTTPRoute. */
  private readonly ruleNames = new Map<IConstruct, Set<string>>();
  /** The name of the rules of each route a policy or direct response needs named. */
  private readonly routeNames = new Map<Route, string>();
  private readonly tables: RouteTableSource[] = [];
  /** The construct path of each kgateway object written, by `kind/namespace/name`. */
  private readonly kgatewayNames = new Map<string, string>();
  private readonly made = new Set<string>();
  private readonly serviceSettings = new Map<string, Array<{ by: string; fields: string }>>();

  private constructor(private readonly state: AppState) {}

  /** Records a VirtualService under the target. */
  public addSource(source: RouteOutputSource): void {
    this.sources.push(source);
    this.addRouteNamespace(source);
  }

  /**
   * Records a resource kept out of the output: the namespace of the Service behind an Upstream, or
   * those of an UpstreamGroup's `kube` destinations.
   */
  public addKeptOut(resource: IConstruct): void {
    if (Upstream.isUpstream(resource)) this.addServiceNamespace(resource.serviceNamespace);
    const group = knownGroup(resource as IUpstreamGroup);
    if (group) this.addDestinations(group.destinations.map(w => w.destination));
  }

  /** Records the Services a route names directly (`kube` destinations). */
  public addRoute(route: Route): void {
    const action = route.action;
    this.addDestinations([...(action.destination ? [action.destination] : []), ...(action.destinations ?? []).map(w => w.destination)]);
    const mirrored = route._props.mirror?.upstream;
    if (ImportedResource.isImportedResource(mirrored) && mirrored.kubeService) this.addServiceNamespace(mirrored.kubeService.serviceNamespace);
  }

  /** Records the Services that `kube` destinations and imported Upstreams with a known Service name. */
  public addDestinations(destinations: Destination[]): void {
    for (const d of destinations) {
      if (!d.kube && !(ImportedResource.isImportedResource(d.targetUpstream) && d.targetUpstream.kubeService)) continue;
      const service = serviceOf(d);
      if (!('namespace' in service)) continue;
      this.addServiceNamespace(service.namespace);
      this.addServiceSettings(`${service.namespace}/${service.name}`, `a route's destination to the Service (${d.kube ? 'Destination.kube' : 'an imported Upstream'})`, '');
    }
  }

  /**
   * Records what one way of reaching a Service sets for its connections (a BackendConfigPolicy's
   * fields as JSON, `''` for none): an Upstream in front of it, or a route's direct destination.
   */
  public addServiceSettings(service: string, by: string, fields: string): void {
    const known = this.serviceSettings.get(service) ?? [];
    if (!known.some(k => k.by === by && k.fields === fields)) known.push({ by, fields });
    this.serviceSettings.set(service, known);
  }

  /**
   * The ways of reaching `service` whose connection settings differ from `fields`: kgateway's
   * BackendConfigPolicy applies to every route to the Service, where Gloo's Upstream settings
   * applied to the routes through that Upstream only.
   */
  public otherServiceSettings(service: string, fields: string): string[] {
    return (this.serviceSettings.get(service) ?? []).filter(k => k.fields !== fields).map(k => k.by);
  }

  /** Names the rules of `route` in the HTTPRoute of `container` (a VirtualService or RouteTable), once (see `ruleName`). */
  public nameRules(container: IConstruct, route: Route): string {
    const known = this.routeNames.get(route);
    if (known !== undefined) return known;
    const taken = this.ruleNames.get(container) ?? new Set<string>();
    this.ruleNames.set(container, taken);
    const name = ruleName(route._props, taken);
    taken.add(name);
    this.routeNames.set(route, name);
    return name;
  }

  /** The name of the rules of `route`, if a policy or a direct response needs one. */
  public ruleNameOf(route: Route): string | undefined {
    return this.routeNames.get(route);
  }

  /** Records a RouteTable under the target, which becomes a child HTTPRoute. */
  public addTable(table: RouteTableSource): void {
    this.tables.push(table);
    this.addRouteNamespace(table);
  }

  /** The VirtualServices in the app whose routes delegate to `table`, by namespace and name. */
  public parentsOf(table: RouteTableSource): RouteOutputSource[] {
    return this.liveSources
      .filter(s => s.routes.some(r => r.action.routeTable === table))
      .sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  }

  /**
   * Records a kgateway object the target writes, refusing a second one of the same kind, namespace
   * and name (the last one applied would replace the other).
   */
  public addKgatewayObject(kind: string, namespace: string, name: string, path: string, hint: string): void {
    const key = `${kind}/${namespace}/${name}`;
    if (name.length > 253) {
      throw new GlooInputError([{ path, field: 'metadata.name', given: name, expected: `a ${kind} name of at most 253 characters`, hint: 'shorten the name of the VirtualService, the RouteTable, the route or the Upstream it is named after' }]);
    }
    const other = this.kgatewayNames.get(key);
    if (other !== undefined) {
      throw new GlooInputError([{
        path,
        field: 'metadata.name',
        given: key,
        expected: `a ${kind} name of its own (${other} writes ${key} too)`,
        hint,
      }]);
    }
    this.kgatewayNames.set(key, path);
  }

  /** Whether HTTPRoutes of `from` may send to Services of `to`: a grant for the pair is in the app. */
  public isGranted(from: string, to: string): boolean {
    return from === to || (this.granted.has(`${from}\n${to}`) && isAttached(this.fromNamespaces.get(from)!));
  }

  /**
   * The problems of a VirtualService among the others under the target, once per generation:
   * another VirtualService that synthesizes as the same HTTPRoute (kind, namespace, name),
   * VirtualServices on different Gloo gateways, which would all attach to the one Gateway, and
   * requests another VirtualService's HTTPRoute would take on the shared Gateway
   * (`sharedGatewayProblems`).
   */
  public problemsOf(source: IConstruct, gatewayName: string, gatewayNamespace: string | undefined, listeners: boolean): Problem[] {
    const all = this.state.memo('gateway-api-target-problems', () => this.findProblems(gatewayName, gatewayNamespace, listeners));
    return all.get(source) ?? [];
  }

  /** The VirtualServices under the target that are in the construct tree. */
  public get liveSources(): RouteOutputSource[] {
    return this.sources.filter(s => isAttached(s));
  }

  /** Whether the object `key` is still to be made (the first call says yes and records it): for objects the app writes once, such as the Gateway. */
  public once(key: string): boolean {
    if (this.made.has(key)) return false;
    this.made.add(key);
    return true;
  }

  /**
   * @param listeners whether the target writes the Gateway, with a listener for Gloo's plain
   * gateway and listeners for its TLS gateway: then VirtualServices on those two Gloo gateways
   * attach to different listeners, and only those of one kind can take each other's requests.
   */
  private findProblems(gatewayName: string, gatewayNamespace: string | undefined, listeners: boolean): Map<IConstruct, Problem[]> {
    const bySource = new Map<IConstruct, Problem[]>();
    const add = (s: IConstruct, p: Problem) => bySource.set(s, [...(bySource.get(s) ?? []), p]);
    const live = this.liveSources;
    const byName = new Map<string, Array<RouteOutputSource | RouteTableSource>>();
    for (const s of [...live, ...this.tables.filter(t => isAttached(t))]) {
      const key = `${s.namespace}/${s.name}`;
      byName.set(key, [...(byName.get(key) ?? []), s]);
    }
    for (const [key, same] of byName) {
      if (same.length < 2) continue;
      for (const s of same) {
        add(s, {
          path: s.node.path,
          field: 'metadata.name',
          given: key,
          expected: `an HTTPRoute name of its own (${same.filter(o => o !== s).map(o => o.node.path).join(', ')} synthesizes as HTTPRoute ${key} too)`,
          hint: 'the last one applied would replace the other; rename one, or leave httpRouteNamespace unset so each keeps its namespace',
        });
      }
    }
    const gateways = [...new Set(live.map(s => s.gatewayName))].sort();
    const split = listeners && gateways.every(g => GLOO_DEFAULT_GATEWAYS.includes(g));
    if (gateways.length > 1 && !split) {
      for (const s of live) {
        add(s, {
          path: s.node.path,
          field: 'gatewayName',
          given: s.gatewayName,
          expected: `the Gloo gateway of every other VirtualService under the target (they are on ${gateways.join(', ')}), since every HTTPRoute attaches to the one Gateway ${gatewayName}`,
          hint: 'gateway api would merge the routes of both gloo gateways; move the VirtualServices of one gateway to an app of its own, with its own target',
        });
      }
    }
    const groups = split ? [live.filter(s => s._sslConfig === undefined), live.filter(s => s._sslConfig !== undefined)] : [live];
    for (const group of groups) {
      if (bySource.size > 0 || group.length < 2) continue;
      const shared = sharedGatewayProblems(group, sources => this.rendered(sources), () => this.companionModels(), gatewayName, gatewayNamespace);
      for (const [s, problems] of shared) {
        for (const p of problems) add(s, p);
      }
    }
    return bySource;
  }

  /** The VirtualServices that render, with their Gloo model and HTTPRoute; those that do not report their own problems. */
  private rendered(sources: RouteOutputSource[]): SharedGatewaySource[] {
    const out: SharedGatewaySource[] = [];
    for (const source of sources) {
      try {
        const spec = source._renderSpec();
        const httpRoute = { ...GatewayHttpRoute.GVK, metadata: { name: source.name, namespace: source.namespace! }, spec };
        out.push({ source, glooModel: source._glooModelJson(), httpRoute });
      } catch {
        // its rendering fails with its own problems
      }
    }
    return out;
  }

  /**
   * What the check across VirtualServices reads besides them: on the Gloo side the Upstreams and
   * UpstreamGroups kept out of the output and the RouteTables; on the Gateway API side the
   * RouteTables' HTTPRoutes (delegation children; one that does not render reports its own
   * problems) and the DirectResponses of every route that answers directly.
   */
  private companionModels(): { gloo: unknown[]; gatewayApi: unknown[] } {
    const tables = this.tables.filter(t => isAttached(t));
    const gloo = [
      ...this.state.keptOut.map(c => (c as { _glooModelJson?: () => unknown })._glooModelJson?.()).filter(m => m !== undefined),
      ...tables.map(t => t._glooModelJson()),
    ];
    const gatewayApi: unknown[] = [];
    for (const t of tables) {
      try {
        gatewayApi.push({ ...GatewayHttpRoute.GVK, metadata: { name: t.name, namespace: t.namespace! }, spec: t._renderSpec() });
      } catch {
        // its own rendering reports why
      }
    }
    for (const container of [...this.liveSources, ...tables]) {
      for (const route of container.routes) {
        const name = this.ruleNameOf(route);
        if (route.action.response && name !== undefined) gatewayApi.push(directResponseManifest(`${container.name}-${name}`, container.namespace!, route.action.response));
      }
    }
    return { gloo, gatewayApi };
  }

  /** The namespace of an HTTPRoute (a VirtualService's or a RouteTable's), whose grants go in the chart of its first container. */
  private addRouteNamespace(container: RouteOutputSource | RouteTableSource): void {
    const from = container.namespace!;
    if (this.fromNamespaces.has(from)) return;
    this.fromNamespaces.set(from, new Construct(Chart.of(container), `ReferenceGrants-from-${from}`));
    for (const to of this.toNamespaces) this.grant(from, to);
  }

  private addServiceNamespace(to: string): void {
    if (this.toNamespaces.has(to)) return;
    this.toNamespaces.add(to);
    for (const from of this.fromNamespaces.keys()) this.grant(from, to);
  }

  private grant(from: string, to: string): void {
    const key = `${from}\n${to}`;
    if (from === to || this.granted.has(key)) return;
    this.granted.add(key);
    new ApiObject(this.fromNamespaces.get(from)!, `ReferenceGrant-${to}`, {
      ...GatewayReferenceGrant.GVK,
      metadata: { name: `httproutes-from-${from}`, namespace: to },
      spec: {
        from: [{ group: GatewayHttpRoute.GVK.apiVersion.split('/')[0], kind: GatewayHttpRoute.GVK.kind, namespace: from }],
        to: [{ group: '', kind: 'Service' }],
      },
    });
    this.state.changed();
  }
}

const REGISTRIES = new WeakMap<AppState, TargetRegistry>();

/** Gloo's two default gateways: the plain one and the TLS one (`gateway-proxy-ssl`). */
const GLOO_DEFAULT_GATEWAYS = ['gateway-proxy', 'gateway-proxy-ssl'];
