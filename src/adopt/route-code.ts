import { RecognisedRelease } from './canary-shapes';
import { problemsOf } from './check-runs';
import { behaviourCode, csrf, extauth, headerManipulation } from './options-code';
import { code, Code, lit, str } from './ts-literal';
import { optionsConfigRefsCode } from './virtual-host-code';
import { GENERATED_DESTINATION_OPTIONS } from '../gloo/pass-through-fields.generated';
import { checkDestinationSpec } from '../gloo/pass-through-options';
import { checkDirectResponse, checkRedirect } from '../gloo/response-action-checks';
import { checkWeightedDestinationBehavior } from '../gloo/route-checks';
import { covers } from '../gloo/rules/shadowing';
import { DirectResponse, Redirect, RouteActionType, WeightedDestinationBehavior } from '../model/route-action';
import { AddProblem } from '../private/errors';
import { redirectCodeName } from '../private/redirect-codes';
import { ConditionShape, DestinationShape, Json, MatcherShape, RefShape, RouteShape, ShadowingShape, WeightedDestinationShape } from '../simulate/gloo-manifest';

/** How the route code names the objects it refers to. */
export interface RouteScope {
  /** The constant of an Upstream, by its reference (resolved in the route owner's namespace). */
  readonly upstream: (ref: RefShape | undefined) => string;
  /** The constant of an UpstreamGroup. */
  readonly upstreamGroup: (ref: RefShape | undefined) => string;
  /** The constant of a RouteTable. */
  readonly routeTable: (ref: RefShape | undefined) => string;
  /** Records a field passed through the escape hatch (`options.extra`). */
  readonly escape: (field: string) => void;
}

/** Why a route cannot be built from the constructs, thrown while generating its code. */
export class NotModelled extends Error {}

const ROUTE_FIELDS = ['name', 'matchers', 'routeAction', 'delegateAction', 'directResponseAction', 'redirectAction', 'options', 'optionsConfigRefs', 'inheritableMatchers', 'inheritablePathMatchers'];
const REDIRECT_FIELDS: { [gloo: string]: string } = {
  hostRedirect: 'host', pathRedirect: 'path', prefixRewrite: 'prefixRewrite', httpsRedirect: 'https', portRedirect: 'port', responseCode: 'responseCode', stripQuery: 'stripQuery',
};
const MATCHER_FIELDS = ['prefix', 'exact', 'regex', 'caseSensitive', 'headers', 'queryParameters', 'methods'];

/** The `RouteProps` literal of a Gloo 1.x route; `at` names it in errors (`spec.routes[2]`). */
export function routeCode(route: RouteShape, at: string, earlier: RouteShape[], scope: RouteScope): { text: string; comment?: string } {
  expectKeys(route, ROUTE_FIELDS, at);
  const props: { [k: string]: unknown } = {};
  if (route.name !== undefined) props.name = route.name;
  if (route.matchers !== undefined) props.matchers = route.matchers.map((m, i) => matcherCode(m, `${at}.matchers[${i}]`));
  props.action = actionCode(route, at, scope);
  let comment: string | undefined;
  if (route.options !== undefined) {
    const { shadowing, ...rest } = route.options;
    const type = route.delegateAction !== undefined ? RouteActionType.DELEGATE
      : route.directResponseAction !== undefined ? RouteActionType.DIRECT_RESPONSE
        : route.redirectAction !== undefined ? RouteActionType.REDIRECT : RouteActionType.FORWARD;
    const { typed: options, extra } = behaviourCode(rest, type);
    const forwards = type === RouteActionType.FORWARD || type === RouteActionType.DELEGATE;
    if (shadowing !== undefined && isMirror(shadowing) && forwards) {
      const mirror: { [k: string]: unknown } = { upstream: code(scope.upstream(shadowing.upstream)), percent: shadowing.percentage };
      if (shadowing.hostRewriteLiteral !== undefined && shadowing.hostRewriteLiteral !== '') mirror.host = shadowing.hostRewriteLiteral;
      else if (shadowing.hostRewriteLiteral === '') throw new NotModelled(`${at}.options.shadowing.hostRewriteLiteral: an empty host (gloo treats it as unset)`);
      if (shadowing.disableShadowHostSuffixAppend !== undefined) mirror.keepHost = shadowing.disableShadowHostSuffixAppend;
      props.mirror = mirror;
    } else if (shadowing !== undefined) {
      extra.shadowing = shadowing;
    }
    const names = Object.keys(extra);
    if (names.length > 0) {
      options.extra = extra;
      names.forEach(n => scope.escape(`${at}.options.${n}`));
      comment = `options.extra: ${names.join(', ')} (values the typed options do not take as written)`;
    }
    if (Object.keys(options).length > 0) props.options = options;
  }
  for (const flag of ['inheritableMatchers', 'inheritablePathMatchers'] as const) {
    const v = route[flag];
    // null (the API server keeps it) is unset, as nothing is
    if (typeof v === 'boolean') props[flag] = v;
    else if (v !== undefined && v !== null) throw new NotModelled(`${at}.${flag}: not true or false`);
  }
  if (route.optionsConfigRefs !== undefined) {
    // RouteOption objects, each with its namespace (as the construct requires of a route's references)
    const refs = optionsConfigRefsCode(route.optionsConfigRefs);
    if (!refs) throw new NotModelled(`${at}.optionsConfigRefs: references without a namespace, or other fields than delegateOptions`);
    props.optionsConfigRefs = refs;
  }
  if (isShadowed(route, earlier)) props.allowShadowing = true;
  return { text: lit(props, '    '), comment };
}

/** Throws `NotModelled` with the first problem the library's checks find (Gloo or Envoy would refuse the route). */
function refuseProblems(check: (add: AddProblem) => void, at: string): void {
  const problems = problemsOf(check);
  if (problems.length > 0) throw new NotModelled(`${at}.${problems[0]}`);
}

/** Whether an earlier route matches every request one of this route's matchers does (kept as in the input). */
function isShadowed(route: RouteShape, earlier: RouteShape[]): boolean {
  const catchAll: MatcherShape[] = [{ prefix: '/' }];
  const own = route.matchers?.length ? route.matchers : catchAll;
  return own.some(m => earlier.some(e => (e.matchers?.length ? e.matchers : catchAll).some(em => covers(em, m))));
}

function matcherCode(m: MatcherShape, at: string): Code {
  expectKeys(m, MATCHER_FIELDS, at);
  const kinds = (['prefix', 'exact', 'regex'] as const).filter(k => m[k] !== undefined);
  if (kinds.length !== 1) throw new NotModelled(`${at}: a matcher with ${kinds.length === 0 ? 'no path' : 'several paths'}`);
  const options = m.caseSensitive !== undefined ? `, ${lit({ caseSensitive: m.caseSensitive })}` : '';
  const parts: { [k: string]: unknown } = { path: code(`PathMatch.${kinds[0]}(${str(m[kinds[0]]!)}${options})`) };
  if (m.headers !== undefined) parts.headers = m.headers.map((h, i) => headerCode(h, `${at}.headers[${i}]`));
  if (m.queryParameters !== undefined) parts.queryParameters = m.queryParameters.map((q, i) => queryCode(q, `${at}.queryParameters[${i}]`));
  if (m.methods !== undefined) parts.methods = m.methods;
  return code(lit(parts, '      '));
}

function headerCode(h: ConditionShape, at: string): Code {
  expectKeys(h, ['name', 'value', 'regex', 'invertMatch'], at);
  const name = str(h.name);
  const hasValue = typeof h.value === 'string' && h.value !== '';
  if (!hasValue) return code(h.invertMatch ? `HeaderMatch.isAbsent(${name})` : `HeaderMatch.isPresent(${name})`);
  const factory = h.invertMatch
    ? (h.regex ? 'valueDoesNotMatchRegex' : 'valueIsNot')
    : (h.regex ? 'valueMatchesRegex' : 'valueIs');
  return code(`HeaderMatch.${factory}(${name}, ${str(h.value)})`);
}

function queryCode(q: ConditionShape, at: string): Code {
  expectKeys(q, ['name', 'value', 'regex'], at);
  const name = str(q.name);
  if (typeof q.value !== 'string' || q.value === '') return code(`QueryParameterMatch.isPresent(${name})`);
  return code(`QueryParameterMatch.${q.regex ? 'valueMatchesRegex' : 'valueIs'}(${name}, ${str(q.value)})`);
}

function actionCode(route: RouteShape, at: string, scope: RouteScope): Code {
  const ra = route.routeAction;
  const actions = (['routeAction', 'delegateAction', 'directResponseAction', 'redirectAction'] as const).filter(k => route[k] !== undefined);
  if (actions.length > 1) throw new NotModelled(`${at}: both ${actions[0]} and ${actions[1]}`);
  if (route.directResponseAction !== undefined) {
    const d = route.directResponseAction;
    expectKeys(d, ['status', 'body'], `${at}.directResponseAction`);
    const response = d.body !== undefined ? { status: d.status, body: d.body } : { status: d.status };
    refuseProblems(add => checkDirectResponse(response as DirectResponse, add), at);
    return code(`RouteAction.directResponse(${lit(response, '    ')})`);
  }
  if (route.redirectAction !== undefined) {
    const r = route.redirectAction;
    expectKeys(r, Object.keys(REDIRECT_FIELDS), `${at}.redirectAction`);
    const redirect: { [k: string]: unknown } = {};
    for (const [glooField, field] of Object.entries(REDIRECT_FIELDS)) {
      const v = r[glooField];
      if (v === undefined) continue;
      if (glooField !== 'responseCode') {
        redirect[field] = v;
        continue;
      }
      const name = redirectCodeName(v);
      if (name === undefined) throw new NotModelled(`${at}.redirectAction.responseCode: ${JSON.stringify(v)} is not a response code gloo knows`);
      redirect[field] = name;
    }
    refuseProblems(add => checkRedirect(redirect as Redirect, add), at);
    if (redirect.responseCode !== undefined) redirect.responseCode = code(`RedirectResponseCode.${redirect.responseCode}`);
    return code(`RouteAction.redirect(${lit(redirect, '    ')})`);
  }
  if (route.delegateAction !== undefined) {
    expectKeys(route.delegateAction, ['ref'], `${at}.delegateAction`);
    return code(`RouteAction.delegate(${scope.routeTable(route.delegateAction.ref)})`);
  }
  if (ra === undefined) throw new NotModelled(`${at}: a route without routeAction or delegateAction`);
  expectKeys(ra, ['single', 'multi', 'upstreamGroup', 'clusterHeader', 'dynamicForwardProxy'], `${at}.routeAction`);
  if (ra.clusterHeader !== undefined) {
    if (typeof ra.clusterHeader !== 'string') throw new NotModelled(`${at}.routeAction.clusterHeader: not a header name`);
    return code(`RouteAction.clusterHeader(${str(ra.clusterHeader)})`);
  }
  if (ra.dynamicForwardProxy !== undefined) {
    const p = ra.dynamicForwardProxy;
    expectKeys(p, ['hostRewrite', 'autoHostRewriteHeader'], `${at}.routeAction.dynamicForwardProxy`);
    const options = {
      ...(p.hostRewrite !== undefined ? { hostRewrite: p.hostRewrite } : {}),
      ...(p.autoHostRewriteHeader !== undefined ? { hostFromHeader: p.autoHostRewriteHeader } : {}),
    };
    return code(`RouteAction.dynamicForwardProxy(${Object.keys(options).length > 0 ? lit(options) : ''})`);
  }
  if (ra.single !== undefined) return code(`RouteAction.forward(${destinationCode(ra.single, `${at}.routeAction.single`, scope)})`);
  if (ra.multi !== undefined) {
    expectKeys(ra.multi, ['destinations'], `${at}.routeAction.multi`);
    return code(`RouteAction.weightedForward(${lit(weightedCode(ra.multi.destinations, `${at}.routeAction.multi.destinations`, scope), '    ')})`);
  }
  return code(`RouteAction.upstreamGroup(${scope.upstreamGroup(ra.upstreamGroup)})`);
}

/** The `WeightedDestination` literals of `multi.destinations` or an UpstreamGroup's `destinations`. */
export function weightedCode(list: WeightedDestinationShape[] | undefined, at: string, scope: RouteScope): unknown[] {
  return (list ?? []).map((d, i) => {
    expectKeys(d, ['destination', 'weight', 'options'], `${at}[${i}]`);
    const out: { [k: string]: unknown } = { destination: code(destinationCode(d.destination, `${at}[${i}].destination`, scope)), weight: d.weight };
    if (d.options !== undefined) {
      if (typeof d.options !== 'object' || d.options === null) throw new NotModelled(`${at}[${i}].options: not an object`);
      out.options = destinationOptionsCode(d.options as Json, `${at}[${i}]`);
    }
    return out;
  });
}

/**
 * The typed options of one weighted destination: headers, CSRF and external authentication typed
 * by hand, the others as the CRD has them; refused (`NotModelled`) when the constructs would not
 * write them back the same.
 */
function destinationOptionsCode(options: Json, at: string): { [k: string]: unknown } {
  const generated: readonly string[] = GENERATED_DESTINATION_OPTIONS;
  expectKeys(options, ['headerManipulation', 'csrf', 'extauth', ...generated], `${at}.options`);
  const value: { [k: string]: unknown } = {};
  const out: { [k: string]: unknown } = {};
  for (const [field, v] of Object.entries(options)) {
    const typed = field === 'headerManipulation' ? headerManipulation(v) : field === 'csrf' ? csrf(v) : field === 'extauth' ? extauth(v)
      : { name: field, value: v, code: v };
    if (!typed) throw new NotModelled(`${at}.options.${field}: a form the constructs do not model`);
    value[field] = typed.value;
    out[field] = typed.code;
  }
  refuseProblems(add => checkWeightedDestinationBehavior(value as WeightedDestinationBehavior, 'options', add), at);
  return out;
}

/** A `Destination` factory call. */
export function destinationCode(d: DestinationShape | undefined, at: string, scope: RouteScope): string {
  expectKeys(d, ['upstream', 'kube', 'consul', 'destinationSpec', 'subset'], at);
  let subset: { [label: string]: string } | undefined;
  if (d.subset !== undefined) {
    expectKeys(d.subset, ['values'], `${at}.subset`);
    const values = d.subset.values;
    if (typeof values !== 'object' || values === null || Object.keys(values).length === 0 || !Object.values(values).every(v => typeof v === 'string')) {
      throw new NotModelled(`${at}.subset.values: not labels and their values`);
    }
    subset = values as { [label: string]: string };
  }
  if (d.kube !== undefined) {
    if (subset !== undefined) throw new NotModelled(`${at}.subset: a subset of a kube service destination`);
    if (d.destinationSpec !== undefined) throw new NotModelled(`${at}.destinationSpec: a function on a kube service destination`);
    return `Destination.kubeService(${lit({ serviceName: d.kube.ref?.name, serviceNamespace: d.kube.ref?.namespace, port: d.kube.port })})`;
  }
  if (d.consul !== undefined) {
    if (subset !== undefined || d.destinationSpec !== undefined) throw new NotModelled(`${at}: a subset or function on a consul service destination`);
    expectKeys(d.consul, ['serviceName', 'tags', 'dataCenters'], `${at}.consul`);
    return `Destination.consulService(${lit(d.consul)})`;
  }
  if (d.upstream === undefined) throw new NotModelled(`${at}: a destination other than an upstream, a kube service or a consul service`);
  const upstream = scope.upstream(d.upstream);
  if (d.destinationSpec === undefined) return `Destination.upstream(${upstream}${subset ? `, ${lit({ subset })}` : ''})`;
  if (d.destinationSpec.rest === undefined) {
    // an AWS Lambda, an Azure function or a gRPC method: typed as the CRD has it, when the construct takes it
    if (problemsOf(add => checkDestinationSpec(d.destinationSpec, `${at}.destinationSpec`, add)).length > 0) {
      throw new NotModelled(`${at}.destinationSpec: a function destination the construct does not take as written`);
    }
    return `Destination.upstream(${upstream}, ${lit({ ...(subset ? { subset } : {}), destinationSpec: d.destinationSpec })})`;
  }
  expectKeys(d.destinationSpec, ['rest'], `${at}.destinationSpec`);
  const rest = d.destinationSpec.rest;
  expectKeys(rest, ['functionName', 'parameters'], `${at}.destinationSpec.rest`);
  const params = rest.parameters ?? {};
  expectKeys(params, ['headers', 'path'], `${at}.destinationSpec.rest.parameters`);
  const given = { ...(Object.keys(params).length > 0 ? { parameters: params } : {}), ...(subset ? { subset } : {}) };
  const options = Object.keys(given).length > 0 ? `, ${lit(given, '      ')}` : '';
  return `Destination.restFunction(${upstream}, ${str(rest.functionName)}${options})`;
}

/** The `new CanaryRelease(...)` statement of a recognised release. */
export function releaseCode(r: RecognisedRelease, id: string, container: string, scope: RouteScope): string {
  const routes = r.paths.map(p => {
    const route: { [k: string]: unknown } = { path: p.path };
    if (r.functionName !== undefined) route.functionName = r.functionName;
    if (r.canaryFunctionName !== undefined) route.canaryFunctionName = r.canaryFunctionName;
    if (r.parameters !== undefined && Object.keys(r.parameters).length > 0) route.parameters = r.parameters;
    if (p.prefixRewrite !== undefined) route.prefixRewrite = p.prefixRewrite;
    return route;
  });
  const stages = ['CanaryStage.stable()', 'CanaryStage.header()'];
  if (r.stage === 'weight') stages.push(`CanaryStage.weight(${r.percent})`);
  stages.push('CanaryStage.promote()');
  const props: { [k: string]: unknown } = {
    routeContainer: code(container),
    routes,
    stable: code(scope.upstream(r.stable)),
    canary: code(scope.upstream(r.canary)),
    stages: code(`[${stages.join(', ')}]`),
    stage: r.stage === 'weight' ? `weight-${r.percent}` : 'header',
  };
  if (r.header) {
    props.header = { name: r.header.name, value: r.header.value, match: code(`HeaderMatchType.${r.header.regex ? 'REGEX' : 'EXACT'}`) };
  }
  if (r.upstreamGroup) {
    props.trafficSplit = code('TrafficSplit.UPSTREAM_GROUP');
    props.upstreamGroupMetadata = r.upstreamGroup.metadata;
  }
  return `    // canary release recognised: ${r.description}\n    new CanaryRelease(this, ${str(id)}, ${lit(props, '    ')});`;
}

function isMirror(s: ShadowingShape): boolean {
  return typeof s === 'object' && s !== null && Object.keys(s).every(k => ['upstream', 'percentage', 'hostRewriteLiteral', 'disableShadowHostSuffixAppend'].includes(k))
    && typeof s.upstream?.name === 'string' && typeof s.percentage === 'number'
    && (s.hostRewriteLiteral === undefined || typeof s.hostRewriteLiteral === 'string')
    && (s.disableShadowHostSuffixAppend === undefined || typeof s.disableShadowHostSuffixAppend === 'boolean');
}

/**
 * Throws `NotModelled` when `obj` is not an object or has a field the constructs do not take. Then
 * `obj` is known to be an object: its shape when it had one, a `Json` when its fields were unknown.
 */
export function expectKeys<T>(obj: T, keys: string[], at: string): asserts obj is T & Json {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new NotModelled(`${at}: ${JSON.stringify(obj)} is not an object`);
  const other = Object.keys(obj).filter(k => !keys.includes(k));
  if (other.length > 0) throw new NotModelled(`${at}.${other[0]}: a field the constructs do not model`);
}
