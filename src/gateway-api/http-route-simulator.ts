import { expandDelegation, RuleOrigin } from './http-route-delegation';
import { applyFilters, MirrorCopy, mirrorCopies, redirects } from './http-route-filters';
import { CompiledRouteMatch, compileRouteMatch, hostnameScore, effectiveMatches, parseRequest, ParsedRequest } from './http-route-matching';
import { backendWeight, Json, list, obj, RouteMatch, routeRules, ruleMatches } from './http-route-model';
import type { SimulatedRequest } from '../simulate/simulator';

/** A request to route through a Gateway listener: a simulated request with its host. */
export interface GatewayApiRequest extends SimulatedRequest {
  /** The Host header; a port is ignored. */
  readonly host: string;
}

/** What the Gateway does with a request. */
export enum GatewayApiOutcome {
  /** A rule matched and the request goes to its backends. */
  FORWARD = 'FORWARD',
  /** No rule matched: the Gateway answers 404 (CRD `rules[].matches` description). */
  NOT_FOUND = 'NOT_FOUND',
  /**
   * A rule matched, but no backend can take the request: the rule has no `backendRefs`, or all of
   * their weights are 0. The Gateway answers with an error (500, as for invalid backendRefs in the
   * CRD `rules[].backendRefs` description) instead of forwarding.
   */
  NO_BACKEND = 'NO_BACKEND',
  /** A rule matched and its `RequestRedirect` filter answers the request. */
  REDIRECT = 'REDIRECT',
  /**
   * A rule matched and a kgateway `DirectResponse` its `ExtensionRef` filter names answers the
   * request with that object's status (kgateway v2.2: `direct_response_plugin.go`).
   */
  DIRECT_RESPONSE = 'DIRECT_RESPONSE',
}

/** One backend a matched request is split across, and its share. */
export interface GatewayApiShare {
  /** The backendRef's `name` (a Service name, for the default kind). */
  readonly name: string;
  /** The backendRef's namespace (the route's, when unset). */
  readonly namespace: string;
  /** The backendRef's `kind` (`Service` when unset). */
  readonly kind: string;
  /**
   * The backendRef's port.
   * @default - none given
   */
  readonly port?: number;
  /** The weight (1 when unset). */
  readonly weight: number;
  /** The share of the matched traffic, in percent (weight / total weight × 100). */
  readonly percent: number;
}

/** Traffic copied to another backend by a `RequestMirror` filter; its responses are discarded. */
export interface GatewayApiMirror {
  /** The mirror backendRef's `name`. */
  readonly name: string;
  /** Its namespace (the route's, when unset). */
  readonly namespace: string;
  /**
   * Its port.
   * @default - none given
   */
  readonly port?: number;
  /** The share of the matched requests that is copied, in percent. */
  readonly percent: number;
}

/** What the Gateway does with one request, and why. */
export interface GatewayApiRouting {
  /** What happens to the request. */
  readonly outcome: GatewayApiOutcome;
  /**
   * The status of a direct response (`DIRECT_RESPONSE`).
   * @default - not a direct response
   */
  readonly status?: number;
  /**
   * `namespace/name` of the HTTPRoute whose rule matched.
   * @default - nothing matched
   */
  readonly route?: string;
  /**
   * The index of the matched rule in `spec.rules`.
   * @default - nothing matched
   */
  readonly ruleIndex?: number;
  /**
   * The index of the winning entry in that rule's `matches` (0 for a rule without matches).
   * @default - nothing matched
   */
  readonly matchIndex?: number;
  /** The backends the request is split across, in the order declared, zero weights left out; empty unless forwarded. */
  readonly backends: GatewayApiShare[];
  /** The mirrors of the matched rule, in filter order. */
  readonly mirrors: GatewayApiMirror[];
  /** The path (with query) the backend receives, after a `URLRewrite` filter. */
  readonly path: string;
  /** The Host the backend receives, after a `URLRewrite` filter. */
  readonly host: string;
  /** The request headers the backend receives, after a `RequestHeaderModifier` filter, by lowercase name, sorted. */
  readonly headers: { [name: string]: string };
}

/** Where a matched rule sends the requests it takes (see `HttpRouteSimulator.decide`). */
export interface RuleDecision {
  /** `FORWARD`, `REDIRECT`, `DIRECT_RESPONSE` or `NO_BACKEND`. */
  readonly outcome: GatewayApiOutcome;
  /**
   * The status of the direct response.
   * @default - not a direct response
   */
  readonly status?: number;
  /** `namespace/name` of the HTTPRoute whose rule it is (a delegation child's, for a delegated rule). */
  readonly route: string;
  /** The index of the rule in that HTTPRoute's `spec.rules`. */
  readonly ruleIndex: number;
  /** `namespace/name` of the HTTPRoute attached to the Gateway that took the request (the parent, for a delegated rule). */
  readonly attachedRoute: string;
  /** The backends and shares, as in `GatewayApiRouting.backends`; empty unless forwarded. */
  readonly backends: GatewayApiShare[];
  /** The mirrors, as in `GatewayApiRouting.mirrors`. */
  readonly mirrors: GatewayApiMirror[];
}

/** Which routes the simulator takes from the manifests. */
export interface HttpRouteSimulatorOptions {
  /**
   * The namespace of the Gateway; a parentRef without a namespace points at the route's own namespace.
   * @default - a Gateway of that name in any namespace
   */
  readonly gatewayNamespace?: string;
  /**
   * The namespace of manifests without `metadata.namespace`.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/** One way a request can match: a match of a rule of a route, with its precedence keys. */
export interface Candidate {
  readonly route: AttachedRoute;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  readonly match: RouteMatch;
  /** What precedence reads of `match` (see `precedenceOf`). */
  readonly precedence: MatchPrecedence;
  readonly hostScore: [number, number];
}

/** What the precedence order reads of a match, worked out once per match (see `HttpRouteSimulator`). */
export interface MatchPrecedence {
  /** 3 for an `Exact` path, 2 for a `RegularExpression`, 1 for a `PathPrefix`. */
  readonly pathRank: number;
  /** The characters of a `PathPrefix` as written; 0 for the other types. */
  readonly prefixLength: number;
  /** Whether the match names a method. */
  readonly method: boolean;
  /** Header matches that count (repeated names counted once). */
  readonly headers: number;
  /** Query-param matches that count. */
  readonly queryParams: number;
}

/** A match of a rule, read once: its precedence keys and its tests of a request. */
interface CompiledMatch {
  readonly match: RouteMatch;
  readonly precedence: MatchPrecedence;
  readonly test: CompiledRouteMatch;
}

/** A match whose route takes the request's host and whose path holds for the request's path: a candidate when `rest` holds too. */
interface PathHit extends Candidate {
  readonly rest: CompiledRouteMatch['rest'];
}

/** An HTTPRoute attached to the simulated Gateway. */
export interface AttachedRoute {
  readonly manifest: unknown;
  /** Its rules, with kgateway route delegation resolved: a delegating rule's place taken by its children's rules (see `expandDelegation`). */
  readonly rules: unknown[];
  /** Where each of `rules` comes from: this route or a child, and the rule's index there. */
  readonly origins: RuleOrigin[];
  readonly name: string;
  readonly namespace: string;
  readonly created?: number;
  readonly hostnames: string[];
}

/**
 * Routes requests through the HTTPRoutes attached to one Gateway the way the Gateway API specifies
 * (HTTPRoute CRD v1, `rules[].matches` and `hostnames` descriptions). Of all matches of all rules
 * of all attached routes that the request satisfies, the one with precedence wins, comparing in
 * order and continuing on ties:
 *
 * 0. the route's most specific matching hostname: most characters in a matching non-wildcard
 *    hostname, then in a matching hostname (`hostnames` description);
 * 1. an `Exact` path match, then a `RegularExpression` one, then `PathPrefix` (the CRD leaves regular
 *    expressions implementation-specific; this is kgateway's order);
 * 2. the `PathPrefix` with the most characters (as written);
 * 3. a method match;
 * 4. the most header matches, 5. the most query-param matches (repeated names counted once);
 * 6. the oldest route by `metadata.creationTimestamp` (a route without one counts as newest);
 * 7. `{namespace}/{name}` alphabetically;
 * 8. the first rule in list order, then the first match within it.
 */
export class HttpRouteSimulator {
  /** A simulator for the HTTPRoutes among `manifests` that have a parentRef to the Gateway `gatewayName`. */
  public static forGateway(gatewayName: string, manifests: unknown[], options: HttpRouteSimulatorOptions = {}): HttpRouteSimulator {
    return new HttpRouteSimulator(gatewayName, manifests, options);
  }

  private readonly routes: AttachedRoute[];
  /** The matches of each rule of each route, defaults applied, compiled once: `matches[route][rule]`. */
  private readonly matches: CompiledMatch[][][];
  /** The status of each kgateway DirectResponse among the manifests, by `namespace/name`. */
  private readonly directResponses = new Map<string, number>();
  /** The decision of each rule of each route, once worked out, by route and rule index. */
  private readonly decisions = new Map<AttachedRoute, RuleDecision[]>();
  /** The path hits of the last host and path: the differential check's requests come sorted by path. */
  private last?: { readonly host: string; readonly path: string; readonly hits: PathHit[] };

  private constructor(gatewayName: string, manifests: unknown[], options: HttpRouteSimulatorOptions) {
    const defaultNamespace = options.defaultNamespace ?? 'default';
    for (const m of manifests.map(obj)) {
      if (m.kind !== 'DirectResponse' || !String(m.apiVersion).startsWith('gateway.kgateway.dev/')) continue;
      this.directResponses.set(`${String(obj(m.metadata).namespace ?? defaultNamespace)}/${String(obj(m.metadata).name)}`, Number(obj(m.spec).status));
    }
    this.routes = manifests
      .filter(m => obj(m).kind === 'HTTPRoute' && String(obj(m).apiVersion).startsWith('gateway.networking.k8s.io/'))
      .filter(m => attaches(m, gatewayName, options.gatewayNamespace, defaultNamespace))
      .map(m => {
        const meta = obj(obj(m).metadata);
        const created = meta.creationTimestamp === undefined ? undefined : Date.parse(String(meta.creationTimestamp));
        const expanded = expandDelegation(m, manifests, defaultNamespace);
        return {
          manifest: m,
          rules: routeRules(expanded.manifest),
          origins: expanded.origins,
          name: String(meta.name),
          namespace: String(meta.namespace ?? defaultNamespace),
          created: created === undefined || Number.isNaN(created) ? undefined : created,
          hostnames: list(obj(obj(m).spec).hostnames).map(h => String(h).toLowerCase()),
        };
      });
    this.matches = this.routes.map(route => route.rules.map(rule => ruleMatches(rule).map(compileMatch)));
  }

  /** `namespace/name` of the attached routes, in input order. */
  public get attachedRoutes(): string[] {
    return this.routes.map(r => `${r.namespace}/${r.name}`);
  }

  /** What the Gateway does with `request`. */
  public route(request: GatewayApiRequest): GatewayApiRouting {
    const parsed = parseRequest(request.host, request.path, request.method ?? 'GET', request.headers ?? {});
    const winner = this.winner(parsed);
    if (!winner) {
      const headers = sortedHeaders(parsed.headers);
      return { outcome: GatewayApiOutcome.NOT_FOUND, backends: [], mirrors: [], path: request.path, host: parsed.host, headers };
    }
    const decision = this.ruleDecision(winner);
    const filtered = applyFilters(routeRule(winner).filters, winner.match.path, parsed);
    return {
      outcome: decision.outcome,
      ...(decision.status !== undefined ? { status: decision.status } : {}),
      route: decision.route,
      ruleIndex: decision.ruleIndex,
      matchIndex: winner.matchIndex,
      backends: [...decision.backends],
      mirrors: [...decision.mirrors],
      path: filtered.path,
      host: filtered.host,
      headers: sortedHeaders(filtered.headers),
    };
  }

  /**
   * Which rule takes `request` and where that rule sends it, without the rewritten path and headers
   * `route` also works out; `undefined` when no rule matches (`NOT_FOUND`). The decision of a rule
   * is the same object for every request it takes.
   */
  public decide(request: GatewayApiRequest): RuleDecision | undefined {
    const winner = this.winner(parseRequest(request.host, request.path, request.method ?? 'GET', request.headers ?? {}));
    return winner ? this.ruleDecision(winner) : undefined;
  }

  /** The candidate with precedence over every other: the first in `byPrecedence` order. */
  private winner(request: ParsedRequest): Candidate | undefined {
    let best: Candidate | undefined;
    for (const hit of this.pathHits(request.host, request.path)) {
      let matches: boolean;
      try {
        matches = hit.rest(request);
      } catch (e) {
        throw regexError(hit.route, hit.ruleIndex, hit.matchIndex, e);
      }
      if (matches && (!best || byPrecedence(hit, best) < 0)) best = hit;
    }
    return best;
  }

  /**
   * Where the winner's rule sends a request: its backends and mirrors, a redirect, or no backend.
   * None of it depends on the request, so it is worked out once per rule.
   */
  private ruleDecision(winner: Candidate): RuleDecision {
    let ofRoute = this.decisions.get(winner.route);
    if (!ofRoute) this.decisions.set(winner.route, ofRoute = []);
    const known = ofRoute[winner.ruleIndex];
    if (known) return known;
    const rule = routeRule(winner);
    // a delegated rule's references resolve in its own HTTPRoute's namespace
    const origin = winner.route.origins[winner.ruleIndex];
    const namespace = origin.route.slice(0, origin.route.indexOf('/'));
    const backends = shares(rule.backendRefs, namespace);
    const direct = this.directResponseOf(rule.filters, namespace);
    let outcome = GatewayApiOutcome.FORWARD;
    if (redirects(rule.filters)) outcome = GatewayApiOutcome.REDIRECT;
    // kgateway answers 500 for a DirectResponse on a rule with backends ("cannot be applied to route with existing action")
    else if (direct !== undefined) outcome = rule.backendRefs === undefined ? GatewayApiOutcome.DIRECT_RESPONSE : GatewayApiOutcome.NO_BACKEND;
    else if (backends.length === 0) outcome = GatewayApiOutcome.NO_BACKEND;
    const decision: RuleDecision = {
      outcome,
      ...(outcome === GatewayApiOutcome.DIRECT_RESPONSE ? { status: direct } : {}),
      route: origin.route,
      ruleIndex: origin.ruleIndex,
      attachedRoute: `${winner.route.namespace}/${winner.route.name}`,
      backends: outcome === GatewayApiOutcome.FORWARD ? backends : [],
      mirrors: mirrorCopies(rule.filters).map(m => toMirror(m, namespace)),
    };
    ofRoute[winner.ruleIndex] = decision;
    return decision;
  }

  /**
   * The status of the kgateway DirectResponse a rule's `ExtensionRef` filter names, found among the
   * simulator's manifests in the route's namespace; a missing one answers 500 (kgateway reports the
   * filter unresolved and replaces the rule).
   */
  private directResponseOf(filters: unknown, namespace: string): number | undefined {
    const ref = list(filters).map(obj).find(f => f.type === 'ExtensionRef' && obj(f.extensionRef).kind === 'DirectResponse'
      && obj(f.extensionRef).group === 'gateway.kgateway.dev');
    if (!ref) return undefined;
    const found = this.directResponses.get(`${namespace}/${String(obj(ref.extensionRef).name)}`);
    return found ?? 500;
  }

  /** The matches of the routes that take `host` whose path test holds for `path`, in route, rule and match order. */
  private pathHits(host: string, path: string): PathHit[] {
    if (this.last?.host === host && this.last.path === path) return this.last.hits;
    const hits: PathHit[] = [];
    for (let routeIndex = 0; routeIndex < this.routes.length; routeIndex++) {
      const route = this.routes[routeIndex];
      const hostScore = hostnameScore(route.hostnames, host);
      if (!hostScore) continue;
      const rules = this.matches[routeIndex];
      for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
        const ofRule = rules[ruleIndex];
        for (let matchIndex = 0; matchIndex < ofRule.length; matchIndex++) {
          const { match, precedence, test } = ofRule[matchIndex];
          let matches: boolean;
          try {
            matches = test.path(path);
          } catch (e) {
            throw regexError(route, ruleIndex, matchIndex, e);
          }
          if (matches) hits.push({ route, ruleIndex, matchIndex, match, precedence, hostScore, rest: test.rest });
        }
      }
    }
    this.last = { host, path, hits };
    return hits;
  }
}

/** Only a regular expression RE2 refuses gets here; HttpRouteRules.check reports it with the field. */
function regexError(route: AttachedRoute, ruleIndex: number, matchIndex: number, e: unknown): Error {
  return new Error(`[${route.namespace}/${route.name}] spec.rules[${ruleIndex}].matches[${matchIndex}]: ${(e as Error).message}`);
}

/** The rule of a candidate, as written. */
function routeRule(c: Candidate): Json {
  return obj(c.route.rules[c.ruleIndex]);
}

/** Whether a route has a parentRef to the Gateway (group and kind default to the Gateway API's Gateway). */
function attaches(manifest: unknown, gatewayName: string, gatewayNamespace: string | undefined, defaultNamespace: string): boolean {
  const routeNamespace = obj(obj(manifest).metadata).namespace ?? defaultNamespace;
  return list(obj(obj(manifest).spec).parentRefs).some(raw => {
    const ref = obj(raw);
    return ref.name === gatewayName
      && (ref.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io'
      && (ref.kind ?? 'Gateway') === 'Gateway'
      && (gatewayNamespace === undefined || (ref.namespace ?? routeNamespace) === gatewayNamespace);
  });
}

const PATH_RANK: { [type: string]: number } = { Exact: 3, RegularExpression: 2, PathPrefix: 1 };

/** What the precedence order reads of `match`. */
export function precedenceOf(match: RouteMatch): MatchPrecedence {
  return {
    pathRank: PATH_RANK[match.path.type] ?? 0,
    prefixLength: match.path.type === 'PathPrefix' ? match.path.value.length : 0,
    method: match.method !== undefined,
    headers: effectiveMatches(match.headers, true).length,
    queryParams: effectiveMatches(match.queryParams, false).length,
  };
}

function compileMatch(match: RouteMatch): CompiledMatch {
  return { match, precedence: precedenceOf(match), test: compileRouteMatch(match) };
}

/** Negative when `a` has precedence over `b`; see `HttpRouteSimulator` for the order. Exported for tests only. */
export function byPrecedence(a: Candidate, b: Candidate): number {
  const p = a.precedence;
  const q = b.precedence;
  return (b.hostScore[0] - a.hostScore[0])
    || (b.hostScore[1] - a.hostScore[1])
    || (q.pathRank - p.pathRank)
    || (q.prefixLength - p.prefixLength)
    || (Number(q.method) - Number(p.method))
    || (q.headers - p.headers)
    || (q.queryParams - p.queryParams)
    || ((a.route.created ?? Infinity) - (b.route.created ?? Infinity) || 0)
    || (a.route === b.route ? 0 : compareStrings(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`))
    || (a.ruleIndex - b.ruleIndex)
    || (a.matchIndex - b.matchIndex);
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The backends with a weight above 0 and their shares; weight defaults to 1 (CRD `backendRefs[].weight`). */
function shares(backendRefs: unknown, routeNamespace: string): GatewayApiShare[] {
  const refs = list(backendRefs).map(obj).filter(ref => backendWeight(ref) > 0);
  const total = refs.reduce((sum, ref) => sum + backendWeight(ref), 0);
  return refs.map(ref => ({
    name: String(ref.name),
    namespace: String(ref.namespace ?? routeNamespace),
    kind: String(ref.kind ?? 'Service'),
    port: ref.port === undefined ? undefined : Number(ref.port),
    weight: backendWeight(ref),
    percent: (backendWeight(ref) / total) * 100,
  }));
}

function toMirror(copy: MirrorCopy, routeNamespace: string): GatewayApiMirror {
  const ref = copy.backendRef;
  return {
    name: String(ref.name),
    namespace: String(ref.namespace ?? routeNamespace),
    port: ref.port === undefined ? undefined : Number(ref.port),
    percent: copy.percent,
  };
}

function sortedHeaders(headers: ReadonlyMap<string, string>): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const name of [...headers.keys()].sort()) out[name] = headers.get(name)!;
  return out;
}
