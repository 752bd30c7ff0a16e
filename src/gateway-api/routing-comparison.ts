import { list, obj } from './http-route-model';
import { GatewayApiOutcome, HttpRouteSimulator, RuleDecision } from './http-route-simulator';
import { deriveRequests, describeRequest, sharesInWords } from '../simulate/request-set';
import { RoutingSimulator, SimulatedRequest, SimulatedShare, SimulationResult } from '../simulate/simulator';

/** What to compare: the Gloo model, the HTTPRoutes, and the requests. */
export interface RoutingComparisonInput {
  /** Gloo manifests: the VirtualService, and the UpstreamGroups and Upstreams its routes name. */
  readonly glooManifests: unknown[];
  /** The VirtualService among them whose routes are compared. */
  readonly virtualService: { readonly name: string; readonly namespace: string };
  /** The rendered HTTPRoutes. */
  readonly httpRoutes: unknown[];
  /** The Gateway the HTTPRoutes attach to. */
  readonly gatewayName: string;
  /** Its namespace. */
  readonly gatewayNamespace?: string;
  /** The Host of every request; one the HTTPRoutes' hostnames accept. */
  readonly host: string;
  /** The requests; by default those derived from the VirtualService's matchers and the functions' methods. */
  readonly requests?: SimulatedRequest[];
  /** Gloo character prefixes whose continuations the rendering leaves out on purpose (see `RenderedPaths.narrowedPrefix`). */
  readonly narrowedPrefixes?: string[];
}

/** One request that the two simulations route differently. */
export interface RoutingDifference {
  /** The request, in one line (`GET /findPets {"x-canary":"true"}`). */
  readonly request: string;
  /** Where Gloo sends it: Services and shares, the mirror, or `no route`. */
  readonly gloo: string;
  /** Where the Gateway sends it. */
  readonly gatewayApi: string;
  /** The Gloo route that matched (its index), if any. */
  readonly glooRoute?: number;
  /** The HTTPRoute rule that matched (`namespace/name rules[i]`), if any. */
  readonly gatewayRule?: string;
  /**
   * Why the difference is expected, when it is: the request's path is only matched by a Gloo
   * character prefix the rendering narrowed (`narrowed prefix`), or it calls a REST function with
   * another method than the function's, which the Gateway does not route (`function method`).
   * @default - not expected
   */
  readonly expected?: string;
}

/**
 * The differential check: routes every request through the Gloo simulator (the model) and the
 * Gateway API simulator (the HTTPRoutes) and lists the requests whose meaning differs. The meaning
 * is the Kubernetes Services the request is split across with their shares (an Upstream stands
 * for the Service behind it; function names are left out, since the rendering turns the function
 * into filters), and the mirror with its share.
 */
export function compareRouting(input: RoutingComparisonInput): RoutingDifference[] {
  const gloo = new RoutingSimulator(input.glooManifests);
  const gateway = HttpRouteSimulator.forGateway(input.gatewayName, input.httpRoutes, { gatewayNamespace: input.gatewayNamespace });
  const services = new ServiceIndex(input.glooManifests);
  const vs = input.glooManifests.map(obj).find(m => m.kind === 'VirtualService' && obj(m.metadata).name === input.virtualService.name
    && obj(m.metadata).namespace === input.virtualService.namespace);
  // the routes of the RouteTables the VirtualService delegates to have matchers of their own
  const tableRoutes = input.glooManifests.map(obj).filter(m => m.kind === 'RouteTable').flatMap(m => list(obj(m.spec).routes));
  const requests = input.requests ?? deriveRequests([...list(obj(obj(vs?.spec).virtualHost).routes), ...tableRoutes], services.probeMethods());
  const glooResults = gloo._simulateEach(input.virtualService.name, requests, input.virtualService.namespace);
  // A route's meaning is the same for every request it takes: the Gloo simulator shares one
  // `destinations` array (with its mirror) between the results of a route, the Gateway API
  // simulator one decision between the requests of a rule. So each is put in words once.
  const glooMeanings = new Map<SimulatedShare[], string>();
  const gatewayMeanings = new Map<RuleDecision, string>();
  const why = new ExpectedDifferences(services, input.narrowedPrefixes ?? []);
  const differences: RoutingDifference[] = [];
  const host = input.host;
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i];
    const g = glooResults[i];
    const a = gateway.decide({ host, path: request.path, method: request.method, headers: request.headers });
    const glooMeaning = g.matched ? once(glooMeanings, g.destinations, services.meaningOf, g) : 'no route';
    const gatewayMeaning = a ? once(gatewayMeanings, a, gatewayMeaningOf, a) : 'no route';
    if (glooMeaning === gatewayMeaning) continue;
    differences.push({
      request: describeRequest(request),
      gloo: glooMeaning,
      gatewayApi: gatewayMeaning,
      glooRoute: g.routeIndex,
      gatewayRule: a === undefined ? undefined : `${a.route} rules[${a.ruleIndex}]`,
      expected: why.of(request, g, a),
    });
  }
  return differences;
}

/**
 * How `compareRouting` puts outcomes in words, for other comparisons over the same Gloo manifests:
 * a Gloo simulation and a Gateway API decision (`undefined` when no rule matched) give equal
 * strings when they send to the same Services with the same shares and mirror.
 */
export function routingMeanings(glooManifests: unknown[]): {
  gloo: (g: SimulationResult) => string;
  gatewayApi: (a: RuleDecision | undefined) => string;
} {
  const outcomes = routingOutcomes(glooManifests);
  return { gloo: g => outcomes.gloo(g).words, gatewayApi: a => outcomes.gatewayApi(a).words };
}

/**
 * A routing outcome in the terms the differential check compares: the Services (`namespace/name:port`,
 * `backend <name>` for a kgateway Backend) with their shares and the mirror, or what happened instead
 * (`no route`, `redirect`, `direct response 404`, ...). Two outcomes mean the same when their words are equal.
 */
export interface ServiceOutcome {
  /** The outcome in one canonical line, as `routingMeanings` gives it. */
  readonly words: string;
  /** The shares, by Service, in words order; empty when the request is not forwarded. */
  readonly shares: ReadonlyArray<{ readonly key: string; readonly percent: number }>;
  /** The mirror, if any. */
  readonly mirror?: { readonly key: string; readonly percent: number };
}

/** `routingMeanings`, with the shares behind the words: for reports that show them (`diff`). */
export function routingOutcomes(glooManifests: unknown[]): {
  gloo: (g: SimulationResult) => ServiceOutcome;
  gatewayApi: (a: RuleDecision | undefined) => ServiceOutcome;
} {
  const services = new ServiceIndex(glooManifests);
  return {
    gloo: g => (g.matched ? services.outcomeOf(g) : NO_ROUTE),
    gatewayApi: a => (a ? gatewayOutcomeOf(a) : NO_ROUTE),
  };
}

const NO_ROUTE: ServiceOutcome = { words: 'no route', shares: [] };

/** `make(arg)`, made once per `key`. */
function once<K, A, V>(memo: Map<K, V>, key: K, make: (arg: A) => V, arg: A): V {
  let value = memo.get(key);
  if (value === undefined && !memo.has(key)) {
    value = make(arg);
    memo.set(key, value);
  }
  return value as V;
}

/** Why a difference is expected, if it is (see `RoutingDifference.expected`). */
class ExpectedDifferences {
  /** The methods of the functions of each Gloo outcome's destinations, by its `destinations` (shared by the results of a route). */
  private readonly functionMethods = new Map<SimulatedShare[], Array<string | undefined>>();

  constructor(private readonly services: ServiceIndex, private readonly narrowedPrefixes: string[]) {}

  /** `a` is the Gateway's decision, `undefined` when no rule matched. */
  public of(request: SimulatedRequest, g: SimulationResult, a: RuleDecision | undefined): string | undefined {
    if (a !== undefined) return undefined;
    const q = request.path.indexOf('?');
    const path = q < 0 ? request.path : request.path.slice(0, q);
    if (this.narrowedPrefixes.some(prefix => continuesElement(prefix, path))) return 'narrowed prefix';
    const method = request.method ?? 'GET';
    const methodsOf = (destinations: SimulatedShare[]) =>
      destinations.map(d => (d.functionName ? this.services.methodOf(d.namespace, d.upstream, d.functionName) : undefined));
    const fnMethods = g.matched ? once(this.functionMethods, g.destinations, methodsOf, g.destinations) : [];
    if (fnMethods.length > 0 && fnMethods.every(m => m !== undefined && m !== method)) return 'function method';
    return undefined;
  }
}

/** Whether `path` continues the last path element of `prefix` (`/foox` for `/foo`): Gloo's character prefix matches it, a PathPrefix does not. */
function continuesElement(prefix: string, path: string): boolean {
  return path.length > prefix.length && path.startsWith(prefix) && path.charCodeAt(prefix.length) !== SLASH;
}

const SLASH = 0x2f;

/** The Gateway's routing of a request that a rule took, in the same words as `ServiceIndex.meaningOf`. */
function gatewayMeaningOf(a: RuleDecision): string {
  return gatewayOutcomeOf(a).words;
}

function gatewayOutcomeOf(a: RuleDecision): ServiceOutcome {
  if (a.outcome === GatewayApiOutcome.REDIRECT) return { words: 'redirect', shares: [] };
  if (a.outcome === GatewayApiOutcome.DIRECT_RESPONSE) return { words: `direct response ${a.status}`, shares: [] };
  const shares = a.backends.map(b => ({ key: b.kind === 'Backend' ? `backend ${b.name}` : `${b.namespace}/${b.name}:${b.port ?? '?'}`, percent: b.percent }));
  const mirror = a.mirrors[0] ? { key: `${a.mirrors[0].namespace}/${a.mirrors[0].name}:${a.mirrors[0].port ?? '?'}`, percent: a.mirrors[0].percent } : undefined;
  return outcome(shares, mirror);
}

/** The outcome of shares and a mirror: the shares of one Service added up, those of 0% left out, sorted as in the words. */
function outcome(shares: Array<{ key: string; percent: number }>, mirror: { key: string; percent: number } | undefined): ServiceOutcome {
  const copy = mirror ? ` mirror ${mirror.key} ${round(mirror.percent)}%` : '';
  const byKey = new Map<string, number>();
  for (const s of shares) byKey.set(s.key, (byKey.get(s.key) ?? 0) + s.percent);
  const added = [...byKey.entries()].filter(([, p]) => p > 0)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([key, percent]) => ({ key, percent: round(percent) }));
  return { words: `${sharesInWords(shares, round)}${copy}`, shares: added, ...(mirror ? { mirror: { key: mirror.key, percent: round(mirror.percent) } } : {}) };
}

/** Shares are compared to a thousandth of a percent: Gateway API weights are scaled from Gloo's (see `scaleWeights`). */
function round(p: number): number {
  return Math.round(p * 1000) / 1000;
}

/** The Service behind each Upstream of the Gloo manifests, and the method of each REST function. */
class ServiceIndex {
  /** The `kube` spec of each Upstream, by `namespace/name`. */
  private readonly upstreams = new Map<string, unknown>();
  /**
   * The static Upstreams, by `namespace/name`: each is a kgateway Backend of its name in the
   * HTTPRoutes' namespace, which the rendering refuses to reach across namespaces, so the name says which.
   */
  private readonly staticUpstreams = new Set<string>();
  /** The ports of each `kube` destination's Service, as written. */
  private readonly kubePorts = new Map<string, Set<unknown>>();
  /** `[namespace/upstream, function]` of every function destination. */
  private readonly called: Array<[string, string]> = [];
  /** `methodOf`, by `namespace/upstream#function`. */
  private readonly methods = new Map<string, string | undefined>();

  constructor(manifests: unknown[]) {
    for (const m of manifests.map(obj)) {
      const spec = obj(m.spec);
      if (m.kind === 'Upstream') this.upstreams.set(`${obj(m.metadata).namespace}/${obj(m.metadata).name}`, spec.kube);
      if (m.kind === 'Upstream' && spec.static !== undefined) this.staticUpstreams.add(`${obj(m.metadata).namespace}/${obj(m.metadata).name}`);
      const destinations = m.kind === 'UpstreamGroup' ? list(spec.destinations).map(d => obj(d).destination)
        : m.kind === 'VirtualService' || m.kind === 'RouteTable' ? list(m.kind === 'VirtualService' ? obj(spec.virtualHost).routes : spec.routes).flatMap(r => {
          const action = obj(obj(r).routeAction);
          return [action.single, ...list(obj(action.multi).destinations).map(d => obj(d).destination)];
        })
          : [];
      for (const raw of destinations) {
        const d = obj(raw);
        const fn = obj(obj(d.destinationSpec).rest).functionName;
        if (fn && d.upstream) this.called.push([`${obj(d.upstream).namespace}/${obj(d.upstream).name}`, String(fn)]);
        if (!d.kube) continue;
        const kube = obj(d.kube);
        const key = `${obj(kube.ref).namespace}/${obj(kube.ref).name}`;
        this.kubePorts.set(key, (this.kubePorts.get(key) ?? new Set()).add(kube.port));
      }
    }
  }

  /**
   * What a Gloo simulation means, in Services: `ns/name:port=share%`, the mirror, or `no route`.
   * An arrow function, so `compareRouting` hands it to `once` without a closure per request.
   */
  public readonly meaningOf = (g: SimulationResult): string => this.outcomeOf(g).words;

  /** `meaningOf` with the shares behind the words. */
  public outcomeOf(g: SimulationResult): ServiceOutcome {
    if (!g.matched) return NO_ROUTE;
    if (g.unresolved) return { words: `unresolved ${g.unresolved}`, shares: [] };
    // in the words of gatewayMeaningOf: a redirect is one outcome, wherever it sends the client
    if (g.redirect) return { words: 'redirect', shares: [] };
    if (g.directResponse) return { words: `direct response ${g.directResponse.status}`, shares: [] };
    const shares = g.destinations.map(d => ({ key: d.kind === 'kube' ? this.kubeKey(d.namespace, d.upstream) : this.upstreamKey(d.namespace, d.upstream), percent: d.percent }));
    const mirror = g.mirror ? { key: this.upstreamKey(g.mirror.namespace, g.mirror.upstream), percent: g.mirror.percent } : undefined;
    return outcome(shares, mirror);
  }

  /** The methods of the REST functions the routes call, and one they do not, sorted (none without function calls). */
  public probeMethods(): string[] {
    const methods = new Set<string>();
    for (const [upstream, fn] of this.called) {
      const method = this.methodOf(upstream.split('/')[0], upstream.split('/')[1], fn);
      if (typeof method === 'string') methods.add(method);
    }
    if (methods.size === 0) return [];
    methods.add(['POST', 'PUT'].find(m => !methods.has(m))!);
    return [...methods].sort();
  }

  /** The method of a REST function: the text of its transformation's `:method` header, when that is a string. */
  public methodOf(namespace: string, upstream: string, fn: string): string | undefined {
    const key = `${namespace}/${upstream}#${fn}`;
    if (!this.methods.has(key)) this.methods.set(key, this.readMethod(namespace, upstream, fn));
    return this.methods.get(key);
  }

  private readMethod(namespace: string, upstream: string, fn: string): string | undefined {
    const kube = obj(this.upstreams.get(`${namespace}/${upstream}`));
    const method = obj(obj(obj(obj(obj(obj(kube.serviceSpec).rest).transformations)[fn]).headers)[':method']).text;
    return typeof method === 'string' ? method : undefined;
  }

  private upstreamKey(namespace: string, name: string): string {
    if (this.staticUpstreams.has(`${namespace}/${name}`)) return `backend ${name}`;
    const found = this.upstreams.get(`${namespace}/${name}`);
    if (!found) return `upstream ${namespace}/${name}`;
    const kube = obj(found);
    return `${kube.serviceNamespace}/${kube.serviceName}:${kube.servicePort}`;
  }

  private kubeKey(namespace: string, name: string): string {
    const ports = [...(this.kubePorts.get(`${namespace}/${name}`) ?? [])];
    return `${namespace}/${name}:${ports.length === 1 ? ports[0] : '?'}`;
  }
}
