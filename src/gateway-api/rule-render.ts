import { ActionProblem, KGATEWAY_GROUP, renderAction, RenderedAction, upstreamService } from './backend-render';
import { corsFilterOf } from './cors-render';
import { FunctionCall } from './function-rewrite';
import { gatewayDuration } from './gateway-duration';
import { headerModifiers } from './header-modifiers';
import type { HttpHeaderMatch, HttpQueryParamMatch, HttpRequestMirror, HttpRouteFilter, HttpRouteMatchJson, HttpRouteRule, HttpUrlRewritePath } from './http-route-types';
import { isProblem, renderHeader, renderMethods, renderPath, renderQuery, RewriteKind } from './match-render';
import { PolicySettings, ROUTE_FILTER_OPTIONS, ROUTE_POLICY_OPTIONS, trafficPolicyOf } from './traffic-policy';
import { unmovedHint } from './unmoved-fields';
import { RouteProps } from '../gloo/route';
import type { RouteTable } from '../gloo/route-table';
import { StaticUpstream } from '../gloo/static-upstream';
import { PathMatch, PathMatchType } from '../model/path-match';
import { DirectResponse, Redirect, RedirectResponseCode } from '../model/route-action';
import { RouteMatcher } from '../model/route-matcher';
import { HostRewriteType } from '../model/route-options';
import { compact } from '../private/json';
import { KNOWN_KEYS } from '../private/known-keys';

/** The rules one Gloo route becomes, in order, and the paths they leave out on purpose. */
export interface RenderedRoute {
  readonly rules: HttpRouteRule[];
  /** Gloo character prefixes whose continuations the rules leave out (see `RenderedPaths.narrowedPrefix`). */
  readonly narrowedPrefixes: string[];
  /** The method the route's function calls with, which the rules match instead of setting. */
  readonly functionMethod?: string;
  /** The response the rules answer with, through a kgateway DirectResponse their `ExtensionRef` filter names. */
  readonly directResponse?: DirectResponse;
  /** The RouteTable the rule delegates to, whose HTTPRoute is the rule's backend. */
  readonly delegateTo?: RouteTable;
}

const CATCH_ALL: RouteMatcher[] = [{ path: PathMatch.prefix('/') }];

/**
 * The Gateway API rules of one Gloo route: its matchers as `matches`, its action as `backendRefs`,
 * its rewrite (a prefix rewrite, or the path of the function it calls) as a `URLRewrite` filter,
 * the function's constant headers as a `RequestHeaderModifier` filter, and its mirror as a
 * `RequestMirror` filter. A rule rewriting by `ReplacePrefixMatch` may have one match only, so such
 * a route becomes one rule per match; the rule of an exact matcher replaces the full path instead
 * (what Envoy's prefix rewrite does to a path matched exactly). Problems name the field relative
 * to the route.
 */
export function renderRouteRules(props: RouteProps, context: RuleContext): RenderedRoute | ActionProblem {
  const routeNamespace = context.routeNamespace;
  const unmapped = unmappedOption(props);
  if (unmapped) return unmapped;
  const policy = trafficPolicyOf(props.options, context.policySettings ?? NO_POLICY_SETTINGS, false);
  if (isProblem(policy)) return policy;
  const matchers = props.matchers && props.matchers.length > 0 ? props.matchers : CATCH_ALL;
  const firstPrefix = matchers.find(m => m.path.type === PathMatchType.PREFIX)?.path.value;
  const action = renderAction(props.action, routeNamespace, firstPrefix, context.delegation ?? false);
  if (isProblem(action)) return action;
  if (action.delegateTo) return delegatingRule(props, matchers, action);
  const rewrite = action.redirect ? redirectOf(action.redirect, matchers) : rewriteOf(props, action, matchers);
  if (isProblem(rewrite)) return rewrite;
  if (action.redirect) {
    const other = (['headerManipulation', 'cors'] as const).find(f => props.options?.[f] !== undefined);
    if (other !== undefined) {
      return { field: `options.${other}`, given: props.options![other], expected: `no ${other} on a redirect`, hint: 'what envoy does with it on a redirect has no gateway api counterpart that is proven the same' };
    }
  }
  if (action.directResponse) {
    const other = (['headerManipulation', 'cors', 'prefixRewrite', 'hostRewrite', 'regexRewrite'] as const).find(f => props.options?.[f] !== undefined);
    if (other !== undefined || props.mirror !== undefined) {
      return {
        field: other !== undefined ? `options.${other}` : 'options.shadowing',
        given: other !== undefined ? props.options![other] : props.mirror,
        expected: 'no header manipulation, cors, rewrite or mirror on a direct response',
        hint: 'what envoy does with it on a direct response has no counterpart in kgateway that is proven the same',
      };
    }
  }
  const filters = action.redirect ? [rewrite.filter!]
    : action.directResponse ? [{ type: 'ExtensionRef' as const, extensionRef: { group: KGATEWAY_GROUP, kind: 'DirectResponse', name: context.directResponseName ?? DIRECT_RESPONSE_NAME } }]
      : filtersOf(props, action.call, rewrite.filter, routeNamespace);
  if (isProblem(filters)) return filters;

  // one rule per match when rewriting the prefix; an exact matcher's rule replaces the full path instead
  const matches: Array<{ matches: HttpRouteMatchJson[]; fullPath?: string }> = [];
  const narrowedPrefixes: string[] = [];
  for (let i = 0; i < matchers.length; i++) {
    const fullPath = rewrite.kind === RewriteKind.PREFIX && isExactRewrite(matchers[i], props, action) ? replacementOf(rewrite) : undefined;
    const rendered = renderMatcher(matchers[i], fullPath !== undefined ? RewriteKind.FULL : rewrite.kind, action.call?.method);
    if (isProblem(rendered)) return { ...rendered, field: `matchers[${i}].${rendered.field}` };
    const perMatch = rewrite.kind === RewriteKind.PREFIX;
    matches.push(...(perMatch ? rendered.matches.map(m => ({ matches: [m], fullPath })) : [{ matches: rendered.matches }]));
    if (rendered.narrowedPrefix !== undefined) narrowedPrefixes.push(rendered.narrowedPrefix);
  }
  const timeout = props.options?.timeout;
  const timeouts = timeout !== undefined ? { request: gatewayDuration(timeout.toMilliseconds()) } : undefined;
  const grouped = rewrite.kind === RewriteKind.PREFIX ? matches : [{ matches: matches.flatMap(m => m.matches), fullPath: undefined }];
  const rules = grouped.map(({ matches: ms, fullPath }) => compact({
    matches: ms,
    filters: filters.length > 0 ? (fullPath === undefined ? filters : filters.map(f => withFullPath(f, fullPath))) : undefined,
    // a rule that redirects has no backends (CRD CEL); one that answers directly has none either (kgateway answers 500 otherwise)
    backendRefs: action.redirect || action.directResponse ? undefined : action.backendRefs,
    timeouts,
  }));
  return { rules, narrowedPrefixes, functionMethod: action.call?.method, directResponse: action.directResponse };
}

/** What a route's rules depend on besides the route. */
export interface RuleContext {
  /** The namespace of the HTTPRoute the rules go into. */
  readonly routeNamespace: string;
  /**
   * The target's choices the route's TrafficPolicy depends on.
   * @default - no ext auth extension
   */
  readonly policySettings?: PolicySettings;
  /**
   * The name of the DirectResponse the route's rule names, when the route answers directly.
   * @default DIRECT_RESPONSE_NAME
   */
  readonly directResponseName?: string;
  /**
   * Whether the route may delegate (a VirtualService's route; a RouteTable's may not, since nested
   * delegation is not rendered).
   * @default false
   */
  readonly delegation?: boolean;
}

/**
 * The rule of a route that delegates to a RouteTable of the app: one `PathPrefix` match per prefix
 * matcher and a `backendRef` to the table's HTTPRoute (kgateway route delegation: the child's rules
 * whose paths start with the prefix take the parent rule's place). What kgateway's delegation
 * would read otherwise than Gloo's is refused: matchers other than case-sensitive prefixes,
 * header, query or method conditions (kgateway asks the child's matches to repeat them, Gloo does
 * not), inherited matchers, options and mirrors on the delegating route.
 */
function delegatingRule(props: RouteProps, matchers: RouteMatcher[], action: RenderedAction): RenderedRoute | ActionProblem {
  const hint = 'kgateway route delegation takes a parent rule with prefix paths only; put such conditions on the table\'s routes';
  for (const [i, m] of matchers.entries()) {
    if (m.path.type !== PathMatchType.PREFIX || m.path.caseSensitive === false) {
      return { field: `matchers[${i}].${m.path.type}`, given: m.path.value, expected: 'a case-sensitive prefix matcher on a route that delegates', hint };
    }
    const condition = (['headers', 'queryParameters', 'methods'] as const).find(f => m[f] !== undefined && m[f]!.length > 0);
    if (condition) return { field: `matchers[${i}].${condition}`, given: m[condition], expected: `no ${condition} on a route that delegates`, hint };
  }
  for (const field of ['inheritableMatchers', 'inheritablePathMatchers'] as const) {
    if (props[field] === true) {
      return { field, given: true, expected: 'a delegating route whose table\'s routes do not inherit its matchers', hint: 'kgateway\'s inherit-parent-matcher joins paths otherwise than gloo; write the full paths on the table\'s routes' };
    }
  }
  const given = (props.options ?? {}) as { [field: string]: unknown };
  const option = Object.keys(given).find(k => given[k] !== undefined);
  if (option !== undefined || props.mirror !== undefined) {
    return {
      field: option !== undefined ? `options.${option}` : 'options.shadowing',
      given: option !== undefined ? given[option] : props.mirror,
      expected: 'no options on a route that delegates',
      hint: 'gloo merges them into the table\'s routes; put them on those routes',
    };
  }
  const matches = [...new Set(matchers.map(m => m.path.value))].map(value => ({ path: { type: 'PathPrefix' as const, value } }));
  return { rules: [{ matches, backendRefs: action.backendRefs }], narrowedPrefixes: [], delegateTo: action.delegateTo };
}

interface Rewrite {
  readonly kind: RewriteKind;
  readonly filter?: HttpRouteFilter;
}

/**
 * Whether a matcher of a route that rewrites its prefix is an exact, case-sensitive path whose
 * rule replaces the full path: Envoy swaps the path an exact match matched (all of it) for the
 * prefix rewrite, which is Gateway API's `ReplaceFullPath`. Only for Gloo's `prefixRewrite` on a
 * forward or a redirect; a function's path parameter needs a prefix.
 */
function isExactRewrite(m: RouteMatcher, props: RouteProps, action: RenderedAction): boolean {
  return m.path.type === PathMatchType.EXACT && m.path.caseSensitive !== false && action.call?.replacePrefix === undefined
    && (props.options?.prefixRewrite !== undefined || action.redirect?.prefixRewrite !== undefined);
}

/** The value a `ReplacePrefixMatch` rewrite puts in place of the prefix. */
function replacementOf(rewrite: Rewrite): string {
  const f = rewrite.filter!;
  return (f.urlRewrite?.path ?? f.requestRedirect?.path)!.replacePrefixMatch!;
}

/** A URLRewrite or RequestRedirect filter that replaces the full path with `path` instead of the prefix. */
function withFullPath(f: HttpRouteFilter, path: string): HttpRouteFilter {
  const full = { type: 'ReplaceFullPath' as const, replaceFullPath: path };
  if (f.urlRewrite?.path) return { ...f, urlRewrite: { ...f.urlRewrite, path: full } };
  if (f.requestRedirect?.path) return { ...f, requestRedirect: { ...f.requestRedirect, path: full } };
  return f;
}

/** The rewrite of a route: Gloo's prefix rewrite, or the path the function calls; not both. */
function rewriteOf(props: RouteProps, action: RenderedAction, matchers: RouteMatcher[]): Rewrite | ActionProblem {
  const prefixRewrite = props.options?.prefixRewrite;
  const call = action.call;
  const functionRewrites = call?.replacePrefix !== undefined || call?.replaceFullPath !== undefined;
  if (prefixRewrite !== undefined && prefixRewrite !== '' && functionRewrites) {
    return { field: 'options.prefixRewrite', given: prefixRewrite, expected: 'no prefix rewrite on a route whose function sets the path' };
  }
  if (call?.replaceFullPath !== undefined) {
    return { kind: RewriteKind.FULL, filter: urlRewrite({ type: 'ReplaceFullPath', replaceFullPath: call.replaceFullPath }) };
  }
  const replacement = call?.replacePrefix ?? (prefixRewrite === '' ? undefined : prefixRewrite);
  if (replacement === undefined) return { kind: RewriteKind.NONE };
  // an exact matcher's path is replaced in full, unless a function takes a parameter from what follows the prefix
  const exactAllowed = call?.replacePrefix === undefined;
  const notPrefix = matchers.findIndex(m => m.path.type !== PathMatchType.PREFIX && !(exactAllowed && m.path.type === PathMatchType.EXACT));
  if (notPrefix >= 0) {
    return {
      field: `matchers[${notPrefix}].${matchers[notPrefix].path.type}`,
      given: matchers[notPrefix].path.value,
      expected: 'prefix or exact matchers only on a route that rewrites the prefix (replacePrefixMatch needs a PathPrefix match; an exact path is replaced in full)',
    };
  }
  const prefixes = [...new Set(matchers.map(m => m.path.value))];
  if (call?.replacePrefix !== undefined && prefixes.length > 1) {
    return { field: 'matchers', given: prefixes, expected: 'one path prefix on a route whose function takes a parameter from the path' };
  }
  return { kind: RewriteKind.PREFIX, filter: urlRewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: replacement }) };
}

/**
 * A Gloo redirect as a `RequestRedirect` filter: `https` is the scheme, `host` the hostname, `path`
 * a `ReplaceFullPath` and `prefixRewrite` a `ReplacePrefixMatch` (prefix matchers only, one per
 * rule), `port` the port; the status is always written (Gloo's default is 301, Gateway API's 302).
 * `stripQuery` has no Gateway API field: refused.
 */
function redirectOf(r: Redirect, matchers: RouteMatcher[]): Rewrite | ActionProblem {
  if (r.stripQuery) {
    return { field: 'redirectAction.stripQuery', given: true, expected: 'a redirect that keeps the query string', hint: 'gateway api\'s RequestRedirect has no way to drop it' };
  }
  let kind = RewriteKind.NONE;
  let path: HttpUrlRewritePath | undefined;
  if (r.path !== undefined) {
    kind = RewriteKind.FULL;
    path = { type: 'ReplaceFullPath', replaceFullPath: r.path };
  } else if (r.prefixRewrite !== undefined) {
    const notPrefix = matchers.findIndex(m => m.path.type !== PathMatchType.PREFIX && m.path.type !== PathMatchType.EXACT);
    if (notPrefix >= 0) {
      return {
        field: `matchers[${notPrefix}].${matchers[notPrefix].path.type}`,
        given: matchers[notPrefix].path.value,
        expected: 'prefix or exact matchers only on a redirect that rewrites the prefix (replacePrefixMatch needs a PathPrefix match; an exact path is replaced in full)',
      };
    }
    kind = RewriteKind.PREFIX;
    path = { type: 'ReplacePrefixMatch', replacePrefixMatch: r.prefixRewrite };
  }
  const statusCode = REDIRECT_STATUS[r.responseCode ?? RedirectResponseCode.MOVED_PERMANENTLY];
  return {
    kind,
    filter: {
      type: 'RequestRedirect',
      requestRedirect: compact({ scheme: r.https ? 'https' as const : undefined, hostname: r.host, path, port: r.port, statusCode }),
    },
  };
}

const REDIRECT_STATUS: { [code in RedirectResponseCode]: 301 | 302 | 303 | 307 | 308 } = {
  [RedirectResponseCode.MOVED_PERMANENTLY]: 301,
  [RedirectResponseCode.FOUND]: 302,
  [RedirectResponseCode.SEE_OTHER]: 303,
  [RedirectResponseCode.TEMPORARY_REDIRECT]: 307,
  [RedirectResponseCode.PERMANENT_REDIRECT]: 308,
};

function urlRewrite(path: HttpUrlRewritePath): HttpRouteFilter {
  return { type: 'URLRewrite', urlRewrite: { path } };
}

/** The rule's filters, in the order they apply: rewrite, function headers, mirror. */
function filtersOf(
  props: RouteProps, call: FunctionCall | undefined, rewrite: HttpRouteFilter | undefined, routeNamespace: string,
): HttpRouteFilter[] | ActionProblem {
  const filters: HttpRouteFilter[] = [];
  const hostname = props.options?.hostRewrite?.type === HostRewriteType.LITERAL ? props.options.hostRewrite.value : undefined;
  if (props.options?.regexRewrite !== undefined && rewrite) {
    return { field: 'options.regexRewrite', given: props.options.regexRewrite, expected: 'no regex rewrite on a route that rewrites its prefix or calls a function with a path' };
  }
  if (rewrite || hostname !== undefined) {
    // one URLRewrite filter per rule: the path rewrite and the host rewrite together
    filters.push({ type: 'URLRewrite', urlRewrite: compact({ hostname, path: rewrite?.urlRewrite?.path }) });
  }
  const headers = headerModifiers(props.options?.headerManipulation, call);
  if ('field' in headers) return headers;
  if (headers.request) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: headers.request });
  if (headers.response) filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: headers.response });
  // a route's policy turned off (disableForRoute) is its TrafficPolicy's cors.disable: gloo ignores the rest of it
  const cors = props.options?.cors;
  if (cors !== undefined && cors.disableForRoute !== true) {
    const filter = corsFilterOf(cors);
    if ('field' in filter) return filter;
    filters.push({ type: 'CORS', cors: filter });
  }
  if (props.mirror) {
    if (StaticUpstream.isStaticUpstream(props.mirror.upstream)) {
      return {
        field: 'options.shadowing.upstream',
        given: props.mirror.upstream.name,
        expected: 'a mirror to an Upstream in front of a Kubernetes Service under the gateway api target',
        hint: unmovedHint('route', 'mirror.upstream'),
      };
    }
    const service = upstreamService(props.mirror.upstream);
    if (isProblem(service)) return { ...service, field: `options.shadowing.${service.field}` };
    const backendRef = {
      name: service.name,
      ...(service.namespace !== routeNamespace ? { namespace: service.namespace } : {}),
      port: service.port,
    };
    filters.push({ type: 'RequestMirror', requestMirror: { backendRef, ...mirrorShare(props.mirror.percent) } });
  }
  return filters;
}

/** Whether `host` is a host name Gateway API's `PreciseHostname` takes: no port, no wildcard, not an IP address. */
function isPreciseHostname(host: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host) && host.length <= 253 && !/^[0-9.]+$/.test(host);
}

/** `percent` for a whole percentage, else `fraction` with a power-of-ten denominator (up to 10^6 · 100). */
function mirrorShare(percent: number): Pick<HttpRequestMirror, 'percent' | 'fraction'> {
  if (Number.isInteger(percent)) return { percent };
  let denominator = 100;
  while (!Number.isInteger(Math.round(percent * (denominator / 100) * 1e6) / 1e6) && denominator < 100_000_000) denominator *= 10;
  return { fraction: { numerator: Math.round(percent * (denominator / 100)), denominator } };
}

function renderMatcher(
  matcher: RouteMatcher, rewrite: RewriteKind, functionMethod: string | undefined,
): { matches: HttpRouteMatchJson[]; narrowedPrefix?: string } | ActionProblem {
  const paths = renderPath(matcher.path, rewrite);
  if (isProblem(paths)) return { ...paths, field: paths.field };
  const headers: HttpHeaderMatch[] = [];
  for (const [i, h] of (matcher.headers ?? []).entries()) {
    const rendered = renderHeader(h, `headers[${i}]`);
    if (isProblem(rendered)) return rendered;
    headers.push(rendered);
  }
  const queryParams: HttpQueryParamMatch[] = [];
  for (const [i, q] of (matcher.queryParameters ?? []).entries()) {
    const rendered = renderQuery(q, `queryParameters[${i}]`);
    if (isProblem(rendered)) return rendered;
    queryParams.push(rendered);
  }
  const methods = renderMethods(matcher, functionMethod);
  if (isProblem(methods)) return methods;
  const matches: HttpRouteMatchJson[] = [];
  for (const path of paths.paths) {
    for (const method of methods) {
      matches.push(compact({
        path,
        // Methods are the route's and the function's as written; HttpRouteRules checks them against the CRD enum.
        method: method as HttpRouteMatchJson['method'],
        headers: headers.length > 0 ? headers : undefined,
        queryParams: queryParams.length > 0 ? queryParams : undefined,
      }));
    }
  }
  return { matches, narrowedPrefix: paths.narrowedPrefix };
}

/**
 * The route options the Gateway API target does not carry yet, refused by name: every typed field
 * but those the rule's fields and filters carry (`prefixRewrite`, `headerManipulation`, `timeout`,
 * a literal `hostRewrite`), those a TrafficPolicy carries (`ROUTE_POLICY_OPTIONS`, an automatic
 * `hostRewrite`), and `extra` by its fields.
 */
const MAPPED_OPTIONS: readonly string[] = ['prefixRewrite', 'headerManipulation', 'timeout', 'hostRewrite', ...ROUTE_POLICY_OPTIONS, ...ROUTE_FILTER_OPTIONS, 'extra'];
export const UNMAPPED_ROUTE_OPTIONS = KNOWN_KEYS.RouteBehavior.filter(f => !MAPPED_OPTIONS.includes(f));
const NO_POLICY_SETTINGS: PolicySettings = { extAuthExtensions: {} };
/** The name of a DirectResponse whose route has no rule name (a rendering outside the target). */
export const DIRECT_RESPONSE_NAME = 'direct-response';


function unmappedOption(props: RouteProps): ActionProblem | undefined {
  const expected = `no gloo route options other than ${MAPPED_OPTIONS.filter(o => o !== 'extra').join(', ')} under the gateway api target`;
  const typed = UNMAPPED_ROUTE_OPTIONS.find(f => props.options?.[f] !== undefined);
  if (typed) return { field: `options.${typed}`, given: props.options![typed], expected, hint: unmovedHint('route option', typed) };
  const host = props.options?.hostRewrite;
  if (host !== undefined && host.type !== HostRewriteType.LITERAL && host.type !== HostRewriteType.AUTO) {
    return { field: 'options.hostRewrite', given: host, expected: 'a literal or automatic host rewrite (HostRewrite.literal, HostRewrite.auto)', hint: unmovedHint('route option', 'hostRewritePathRegex') };
  }
  if (host !== undefined && host.type === HostRewriteType.LITERAL && !isPreciseHostname(host.value!)) {
    return { field: 'options.hostRewrite', given: host.value, expected: 'a host name without a port (gateway api\'s URLRewrite hostname)' };
  }
  if (props.optionsConfigRefs !== undefined) {
    return { field: 'optionsConfigRefs', given: props.optionsConfigRefs, expected: 'no RouteOption references under the gateway api target', hint: unmovedHint('route', 'optionsConfigRefs') };
  }
  for (const field of ['host', 'keepHost'] as const) {
    if (props.mirror?.[field] !== undefined) {
      return { field: `mirror.${field}`, given: props.mirror[field], expected: 'a mirror without host or keepHost under the gateway api target', hint: unmovedHint('route', `mirror.${field}`) };
    }
  }
  const extra = Object.keys(props.options?.extra ?? {}).sort();
  if (extra.length > 0) return { field: `options.${extra[0]}`, given: props.options!.extra![extra[0]], expected, hint: unmovedHint('route option', extra[0]) };
  return undefined;
}
