import type { ActionProblem } from './backend-render';
import { KGATEWAY_API_VERSION } from './companion-object';
import { glooModelManifests, MODEL_VIRTUAL_SERVICE } from './gloo-model';
import { hostAccepted } from './http-route-matching';
import { formatHttpRouteProblem } from './http-route-problems';
import { HttpRouteRules } from './http-route-rules';
import type { HttpRouteManifest, HttpRouteRule } from './http-route-types';
import { isProblem } from './match-render';
import { compareRouting, RoutingDifference } from './routing-comparison';
import { ruleName } from './rule-names';
import { DIRECT_RESPONSE_NAME, renderRouteRules } from './rule-render';
import type { PolicySettings } from './traffic-policy';
import { Route } from '../gloo/route';
import { routeOutputOf } from '../gloo/route-output';
import { RouteTable } from '../gloo/route-table';
import { DirectResponse } from '../model/route-action';
import { GlooInputError, Problem } from '../private/errors';

/** Where the HTTPRoutes go and what they are called. */
export interface HttpRouteRenderOptions {
  /** The Gateway the routes attach to (`spec.parentRefs[0].name`). */
  readonly gatewayName: string;
  /**
   * The Gateway's namespace.
   * @default - the routes' namespace
   */
  readonly gatewayNamespace?: string;
  /** The name of the first HTTPRoute; further ones (past 16 rules) get `-02`, `-03`, ... */
  readonly name: string;
  /** The namespace of the HTTPRoutes. */
  readonly namespace: string;
  /**
   * `spec.hostnames`.
   * @default - none: every host the Gateway's listener accepts
   */
  readonly hostnames?: string[];
  /**
   * Accept that a Gloo character prefix on a route that rewrites it (`/petstore` with
   * `prefixRewrite`) is matched by whole path elements: `/petstorex`, which Gloo rewrote to
   * `/api/petsx`, is not routed any more. A rewrite by `ReplacePrefixMatch` needs a PathPrefix
   * match, which cannot express the character prefix.
   * @default false - such routes are refused, naming a request that would change
   */
  readonly acceptNarrowedPrefixes?: boolean;
  /**
   * Accept that a route calling a REST function matches only the function's method, where Gloo
   * called the function whatever the request's method: such requests get a 404 from the Gateway.
   * @default false - such routes are refused, naming a request that would change
   */
  readonly acceptFunctionMethodMatch?: boolean;
  /**
   * The name of each route's rules that a policy attaches to (`rules[].name`): its first rule
   * takes the name, further ones `<name>.2`, `<name>.3`, ...
   * @default - no rule is named
   */
  readonly ruleNameOf?: (route: Route) => string | undefined;
  /**
   * The target's choices the routes' TrafficPolicies depend on.
   * @default - no ext auth extension
   */
  readonly policySettings?: PolicySettings;
  /**
   * The Gateway's listeners the routes attach to, one `parentRefs` entry each (`sectionName`).
   * @default - one parentRef without a section: every listener of the Gateway
   */
  readonly sectionNames?: string[];
  /**
   * Whether routes may delegate to RouteTables of the app (a VirtualService's routes; a RouteTable's
   * may not). The delegated tables' HTTPRoutes then take part in the proof.
   * @default false
   */
  readonly delegation?: boolean;
}

/** The HTTPRoutes of a route list, and the differences from Gloo that were accepted. */
export interface HttpRouteRendering {
  /** The HTTPRoute manifests, in order. */
  readonly manifests: HttpRouteManifest[];
  /** Requests that route differently, all of them expected (see `RoutingDifference.expected`). */
  readonly acceptedDifferences: RoutingDifference[];
}

/** A kgateway DirectResponse, as the target writes it for a route that answers directly. */
export interface DirectResponseManifest {
  readonly apiVersion: string;
  readonly kind: 'DirectResponse';
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: { readonly status: number; readonly body?: string };
}

/** The kgateway DirectResponse a Gloo direct response becomes: its status and body (`directresponses` CRD v1alpha1). */
export function directResponseManifest(name: string, namespace: string, r: DirectResponse): DirectResponseManifest {
  return {
    apiVersion: KGATEWAY_API_VERSION,
    kind: 'DirectResponse',
    metadata: { name, namespace },
    spec: { status: r.status, ...(r.body !== undefined && r.body !== '' ? { body: r.body } : {}) },
  };
}

/**
 * The HTTPRoute a delegating route's RouteTable becomes under the target (its own rendering, with
 * its own proof) and the DirectResponses its rules name; a problem when the table is not under the
 * target or does not render (its own problems say why).
 */
function childManifests(
  table: RouteTable, options: HttpRouteRenderOptions,
): { route: HttpRouteManifest; directResponses: DirectResponseManifest[] } | ActionProblem {
  const given = `${table.namespace}/${table.name}`;
  if (!routeOutputOf(table)) return { field: 'delegateAction.ref', given, expected: 'a RouteTable under the gateway api target' };
  let spec: HttpRouteManifest['spec'];
  try {
    spec = table._renderSpec() as HttpRouteManifest['spec'];
  } catch (e) {
    if (!(e instanceof GlooInputError)) throw e;
    return { field: 'delegateAction.ref', given, expected: 'a RouteTable whose routes render as an HTTPRoute', hint: `see the problems of ${table.node.path}` };
  }
  const namespace = table.namespace!;
  const directResponses = table.routes.filter(r => r.action.response !== undefined)
    .map(r => directResponseManifest(`${table.name}-${options.ruleNameOf?.(r) ?? DIRECT_RESPONSE_NAME}`, namespace, r.action.response!));
  return { route: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: table.name, namespace }, spec }, directResponses };
}

/** CRD limits: rules per HTTPRoute, matches per rule, matches per HTTPRoute. */
const MAX_RULES = 16;
const MAX_MATCHES_PER_RULE = 64;
const MAX_MATCHES = 128;

interface OwnedRule {
  readonly rule: HttpRouteRule;
  readonly route: number;
}

/**
 * Renders Gloo routes, in Gloo's evaluation order, as Gateway API HTTPRoutes attached to one
 * Gateway, then proves the rendering: the HTTPRoute rules of the CRD hold, and every request
 * derived from the routes' matchers routes to the same Services with the same shares and mirrors
 * in the Gateway API simulator as in the Gloo simulator. docs/gateway-api.md lists the mapping.
 *
 * Throws a `GlooInputError` naming the route (its construct path and `routes[i]`), the field, the
 * value and what was expected when a route cannot be expressed, and naming the routes and the
 * request when Gateway API's precedence would route a request differently.
 */
export function renderHttpRoutes(routes: Route[], options: HttpRouteRenderOptions): HttpRouteRendering {
  const owned: OwnedRule[] = [];
  const narrowedPrefixes: string[] = [];
  const problems: Problem[] = [];
  const directResponses: DirectResponseManifest[] = [];
  // the HTTPRoutes of the RouteTables the routes delegate to, for the proof
  const children: HttpRouteManifest[] = [];
  const taken = new Set<string>();
  routes.forEach((route, i) => {
    // a direct response's object is named after its HTTPRoute and rule, as the target names them
    const localName = () => {
      const n = ruleName(route._props, taken);
      taken.add(n);
      return n;
    };
    const responseName = route.action.response ? `${options.name}-${options.ruleNameOf?.(route) ?? localName()}` : undefined;
    const rendered = renderRouteRules(route._props, {
      routeNamespace: options.namespace, policySettings: options.policySettings, directResponseName: responseName, delegation: options.delegation,
    });
    if (isProblem(rendered)) {
      problems.push({ path: route._owner.node.path, field: `${route._label}.${rendered.field}`, given: rendered.given, expected: rendered.expected, hint: rendered.hint });
      return;
    }
    if (rendered.directResponse) directResponses.push(directResponseManifest(responseName!, options.namespace, rendered.directResponse));
    if (rendered.delegateTo) {
      const child = childManifests(rendered.delegateTo, options);
      if ('expected' in child) {
        problems.push({ path: route._owner.node.path, field: `${route._label}.delegateAction.ref`, given: child.given, expected: child.expected, hint: child.hint });
        return;
      }
      if (!children.some(c => c.metadata.name === child.route.metadata.name && c.metadata.namespace === child.route.metadata.namespace)) {
        children.push(child.route);
        directResponses.push(...child.directResponses);
      }
    }
    const name = options.ruleNameOf?.(route);
    const parts = rendered.rules.flatMap(splitMatches);
    parts.forEach((rule, k) => owned.push({ rule: name === undefined ? rule : { name: k === 0 ? name : `${name}.${k + 1}`, ...rule }, route: i }));
    narrowedPrefixes.push(...rendered.narrowedPrefixes);
  });
  if (problems.length > 0) throw new GlooInputError(problems);
  if (owned.length === 0) return { manifests: [], acceptedDifferences: [] };

  const chunks = chunk(owned);
  const manifests = chunks.map((rules, k) => httpRoute(k === 0 ? options.name : `${options.name}-${String(k + 1).padStart(2, '0')}`, rules.map(r => r.rule), options));
  const ruleProblems = HttpRouteRules.check(manifests);
  if (ruleProblems.length > 0) throw new Error(`the gateway api rendering broke HTTPRoute rules:\n  ${ruleProblems.map(formatHttpRouteProblem).join('\n  ')}`);

  const differences = differencesOf(routes, manifests, options, narrowedPrefixes, [...children, ...directResponses]);
  const refused = differences.filter(d => !d.expected
    || (d.expected === 'narrowed prefix' && !options.acceptNarrowedPrefixes)
    || (d.expected === 'function method' && !options.acceptFunctionMethodMatch));
  if (refused.length > 0) throw new GlooInputError(oncePerPath(refused).map(d => differenceProblem(d, routes, chunks, manifests)));
  return { manifests, acceptedDifferences: differences };
}

/**
 * The differences, for the manifests as rendered and, when there are several HTTPRoutes, for the
 * same HTTPRoutes created in the reverse order: across routes, Gateway API breaks ties by creation
 * time first, which the output cannot fix, so the routing must not depend on it.
 */
function differencesOf(
  routes: Route[], manifests: HttpRouteManifest[], options: HttpRouteRenderOptions, narrowedPrefixes: string[],
  companions: unknown[],
): RoutingDifference[] {
  const host = hostAccepted(options.hostnames?.[0]);
  const input = {
    glooManifests: glooModelManifests(routes),
    virtualService: MODEL_VIRTUAL_SERVICE,
    gatewayName: options.gatewayName,
    gatewayNamespace: options.gatewayNamespace ?? options.namespace,
    host,
    narrowedPrefixes,
  };
  const found = compareRouting({ ...input, httpRoutes: [...manifests, ...companions] });
  if (manifests.length === 1) return found;
  const createdAt = (k: number) => new Date(Date.UTC(2020, 0, 1, 0, 0, manifests.length - k)).toISOString();
  const reversed = manifests.map((m, k): HttpRouteManifest => ({ ...m, metadata: { ...m.metadata, creationTimestamp: createdAt(k) } }));
  const seen = new Set(found.map(d => d.request));
  return [...found, ...compareRouting({ ...input, httpRoutes: [...reversed, ...companions] }).filter(d => !seen.has(d.request))];
}

function differenceProblem(d: RoutingDifference, routes: Route[], chunks: OwnedRule[][], manifests: HttpRouteManifest[]): Problem {
  const gatewayRoute = gatewayRouteIndex(d.gatewayRule, chunks, manifests);
  const owner = routes[d.glooRoute ?? gatewayRoute ?? 0];
  const names = [d.glooRoute, gatewayRoute].filter((x): x is number => x !== undefined).map(i => routes[i]._label);
  const why = d.expected === 'narrowed prefix'
    ? 'a gloo character prefix that is rewritten cannot be matched by a PathPrefix; set acceptNarrowedPrefixes to accept that such paths are not routed'
    : d.expected === 'function method'
      ? 'gloo calls the function whatever the request\'s method, gateway api can only match the function\'s method; set acceptFunctionMethodMatch to accept a 404 for other methods'
      : 'gateway api picks the most specific match (exact path, longest prefix, method, headers, query) where gloo takes the first route; reorder the routes or make the earlier one more specific';
  return {
    path: owner?._owner.node.path ?? '',
    field: [...new Set(names)].join(' and ') || 'routes',
    given: d.request,
    expected: `the same routing from both gateways (gloo: ${d.gloo}; gateway api: ${d.gatewayApi}${d.gatewayRule ? ` by ${d.gatewayRule}` : ''})`,
    hint: why,
  };
}

/** The first difference of each path, headers and outcome: the same difference for other methods adds nothing. */
function oncePerPath(differences: RoutingDifference[]): RoutingDifference[] {
  const seen = new Set<string>();
  return differences.filter(d => {
    const key = JSON.stringify([d.request.replace(/^\S+ /, ''), d.gloo, d.gatewayApi, d.glooRoute, d.gatewayRule]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The index of the Gloo route that the rule `ns/name rules[i]` was rendered from. */
function gatewayRouteIndex(rule: string | undefined, chunks: OwnedRule[][], manifests: HttpRouteManifest[]): number | undefined {
  const m = rule === undefined ? undefined : /^(.*)\/(.*) rules\[(\d+)\]$/.exec(rule);
  if (!m) return undefined;
  const k = manifests.findIndex(x => x.metadata.name === m[2]);
  return chunks[k]?.[Number(m[3])]?.route;
}

/** A rule with more than 64 matches, as several rules with the same filters and backends. */
function splitMatches(rule: HttpRouteRule): HttpRouteRule[] {
  const matches = rule.matches;
  if (matches.length <= MAX_MATCHES_PER_RULE) return [rule];
  const parts: HttpRouteRule[] = [];
  for (let i = 0; i < matches.length; i += MAX_MATCHES_PER_RULE) parts.push({ ...rule, matches: matches.slice(i, i + MAX_MATCHES_PER_RULE) });
  return parts;
}

/** Rules in order, in HTTPRoutes of at most 16 rules and 128 matches. */
function chunk(rules: OwnedRule[]): OwnedRule[][] {
  const chunks: OwnedRule[][] = [[]];
  let matches = 0;
  for (const r of rules) {
    const current = chunks[chunks.length - 1];
    if (current.length === MAX_RULES || matches + r.rule.matches.length > MAX_MATCHES) {
      chunks.push([r]);
      matches = r.rule.matches.length;
    } else {
      current.push(r);
      matches += r.rule.matches.length;
    }
  }
  return chunks;
}

function httpRoute(name: string, rules: HttpRouteRule[], options: HttpRouteRenderOptions): HttpRouteManifest {
  const parentRef = {
    name: options.gatewayName,
    ...(options.gatewayNamespace !== undefined && options.gatewayNamespace !== options.namespace ? { namespace: options.gatewayNamespace } : {}),
  };
  const spec = {
    parentRefs: options.sectionNames ? options.sectionNames.map(sectionName => ({ ...parentRef, sectionName })) : [parentRef],
    ...(options.hostnames && options.hostnames.length > 0 ? { hostnames: [...options.hostnames] } : {}),
    rules,
  };
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: options.namespace }, spec };
}
