import { Duration } from 'cdk8s';
import { problemsOf } from './check-runs';
import { code, Code, lit, str } from './ts-literal';
import { PASS_THROUGH_ROUTE_OPTIONS, PASS_THROUGH_VIRTUAL_HOST_OPTIONS } from '../gloo/pass-through-options';
import type { RouteBehavior } from '../gloo/route';
import { checkRouteOptions } from '../gloo/route-option-checks';
import { OriginMatch } from '../model/csrf';
import { parseDuration } from '../model/duration-rules';
import { RateLimitAction, RateLimitUnit } from '../model/rate-limits';
import { RouteAction, RouteActionType } from '../model/route-action';
import { HashPolicy, HeaderToAdd, HostRewrite } from '../model/route-options';
import { ExtAuth } from '../model/virtual-host-options';
import { hasOnlyKeys, isObject } from '../private/json';
import { Json } from '../simulate/gloo-manifest';

/**
 * The typed `RouteBehavior` fields of a Gloo route's `options`, as code, and the options left for
 * `extra`. A field becomes typed only when the typed form renders it back exactly and passes the
 * library's checks; anything else stays in `extra`, named in a comment.
 */
export function behaviourCode(options: Json, actionType: RouteActionType): { typed: { [k: string]: unknown }; extra: Json } {
  const typed: { [k: string]: unknown } = {};
  const extra: Json = {};
  const hostFields = HOST_FIELDS.filter(f => options[f] !== undefined);
  for (const [field, value] of Object.entries(options)) {
    const found = hostFields.length > 1 && HOST_FIELDS.includes(field) ? undefined : typedField(field, value);
    if (found === undefined || ![found, ...(found.also ?? [])].every(f => passesChecks(f.name as keyof RouteBehavior, f.value, actionType))) {
      extra[field] = value;
      continue;
    }
    typed[found.name] = found.code;
    for (const more of found.also ?? []) typed[more.name] = more.code;
  }
  return { typed, extra };
}

const HOST_FIELDS = ['hostRewrite', 'autoHostRewrite', 'hostRewriteHeader'];
const RETRY_FIELDS = ['retryOn', 'numRetries', 'perTryTimeout'];
const HEADER_FIELDS = ['requestHeadersToAdd', 'requestHeadersToRemove', 'responseHeadersToAdd', 'responseHeadersToRemove'];

/** A typed field: its name, its value (to check) and its code. */
export interface TypedField {
  /** The `RouteBehavior` field. */
  readonly name: string;
  /** Its value, to check. */
  readonly value: unknown;
  /** Its code. */
  readonly code: unknown;
  /** Further typed fields the same Gloo field fills (Gloo's `ratelimit` is `rateLimits` and `includeVirtualHostRateLimits`). */
  readonly also?: Array<{ readonly name: string; readonly value: unknown; readonly code: unknown }>;
}

function typedField(field: string, v: unknown): TypedField | undefined {
  switch (field) {
    case 'prefixRewrite':
      return typeof v === 'string' ? { name: 'prefixRewrite', value: v, code: v } : undefined;
    case 'regexRewrite': {
      if (!isObject(v) || !hasOnlyKeys(v, ['pattern', 'substitution']) || !isObject(v.pattern) || !hasOnlyKeys(v.pattern, ['regex'])) return undefined;
      const value = { pattern: v.pattern.regex, substitution: v.substitution };
      return typeof value.pattern === 'string' && typeof value.substitution === 'string' ? { name: 'regexRewrite', value, code: value } : undefined;
    }
    case 'hostRewrite':
      return typeof v === 'string' ? { name: 'hostRewrite', value: HostRewrite.literal(v), code: code(`HostRewrite.literal(${str(v)})`) } : undefined;
    case 'hostRewriteHeader':
      return typeof v === 'string' ? { name: 'hostRewrite', value: HostRewrite.fromHeader(v), code: code(`HostRewrite.fromHeader(${str(v)})`) } : undefined;
    case 'autoHostRewrite':
      return v === true ? { name: 'hostRewrite', value: HostRewrite.auto(), code: code('HostRewrite.auto()') } : undefined;
    case 'timeout': {
      const d = duration(v);
      return d ? { name: 'timeout', ...d } : undefined;
    }
    case 'retries':
      return retries(v);
    case 'headerManipulation':
      return headerManipulation(v);
    case 'cors':
      return cors(v, true);
    case 'faults':
      return faults(v);
    case 'lbHash':
      return lbHash(v);
    case 'tracing':
      return tracing(v);
    case 'extauth':
      return extauth(v);
    case 'rateLimitConfigs':
      return rateLimitConfigs(v);
    case 'ratelimitBasic':
      return ratelimitBasic(v);
    case 'ratelimit':
      return ratelimit(v, true);
    case 'csrf':
      return csrf(v);
    default:
      return passThrough(field, v, 'route');
  }
}

/**
 * An option typed as Gloo's CRD has it (JWT, RBAC, transformations, ...): the value itself. The
 * caller keeps it an escape hatch when the construct's checks refuse it (a field the CRD lacks, a
 * number where the CRD has a string).
 */
export function passThrough(field: string, v: unknown, at: 'route' | 'virtualHost'): TypedField | undefined {
  const fields: readonly string[] = at === 'route' ? PASS_THROUGH_ROUTE_OPTIONS : PASS_THROUGH_VIRTUAL_HOST_OPTIONS;
  if (!fields.includes(field)) return undefined;
  // the construct's checks (the caller runs them) refuse a value of another type than the generated one
  return { name: field, value: v, code: v };
}

/** The typed form of Gloo's `retries`, when it writes the same back. */
export function retries(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, RETRY_FIELDS)) return undefined;
  const value: { [k: string]: unknown } = {};
  const out: { [k: string]: unknown } = {};
  if (v.retryOn !== undefined) value.retryOn = out.retryOn = v.retryOn;
  if (v.numRetries !== undefined) value.numRetries = out.numRetries = v.numRetries;
  if (v.perTryTimeout !== undefined) {
    const d = duration(v.perTryTimeout);
    if (!d) return undefined;
    value.perTryTimeout = d.value;
    out.perTryTimeout = d.code;
  }
  return { name: 'retries', value, code: out };
}

/** The typed form of Gloo's `headerManipulation`, when it writes the same back. */
export function headerManipulation(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, HEADER_FIELDS)) return undefined;
  const value: { [k: string]: unknown } = {};
  for (const list of ['requestHeadersToAdd', 'responseHeadersToAdd']) {
    if (v[list] === undefined) continue;
    const added = Array.isArray(v[list]) ? (v[list] as unknown[]).map(headerToAdd) : [undefined];
    if (added.some(h => h === undefined)) return undefined;
    value[list] = added;
  }
  for (const list of ['requestHeadersToRemove', 'responseHeadersToRemove']) {
    if (v[list] === undefined) continue;
    if (!Array.isArray(v[list]) || !(v[list] as unknown[]).every(n => typeof n === 'string')) return undefined;
    value[list] = v[list];
  }
  return { name: 'headerManipulation', value, code: value };
}

function headerToAdd(h: unknown): HeaderToAdd | undefined {
  if (!isObject(h) || !hasOnlyKeys(h, ['header', 'append']) || !isObject(h.header) || !hasOnlyKeys(h.header, ['key', 'value'])) return undefined;
  const { key, value } = h.header;
  if (typeof key !== 'string' || typeof value !== 'string' || (h.append !== undefined && typeof h.append !== 'boolean')) return undefined;
  return h.append === undefined ? { name: key, value } : { name: key, value, append: h.append as boolean };
}

/** A Gloo duration as a cdk8s `Duration` and its code, when the library writes it back the same. */
function duration(v: unknown): { value: Duration; code: Code } | undefined {
  const ms = parseDuration(v);
  if (ms === undefined) return undefined;
  return ms % 1000 === 0
    ? { value: Duration.seconds(ms / 1000), code: code(`Duration.seconds(${ms / 1000})`) }
    : { value: Duration.millis(ms), code: code(`Duration.millis(${ms})`) };
}

function faults(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['abort', 'delay'])) return undefined;
  const value: { [k: string]: unknown } = {};
  const out: { [k: string]: unknown } = {};
  if (v.abort !== undefined) {
    const a = v.abort;
    if (!isObject(a) || !hasOnlyKeys(a, ['percentage', 'httpStatus']) || typeof a.percentage !== 'number' || typeof a.httpStatus !== 'number') return undefined;
    value.abort = out.abort = { percent: a.percentage, httpStatus: a.httpStatus };
  }
  if (v.delay !== undefined) {
    const d = v.delay;
    if (!isObject(d) || !hasOnlyKeys(d, ['percentage', 'fixedDelay']) || typeof d.percentage !== 'number') return undefined;
    const fixed = duration(d.fixedDelay);
    if (!fixed) return undefined;
    value.delay = { percent: d.percentage, fixedDelay: fixed.value };
    out.delay = { percent: d.percentage, fixedDelay: fixed.code };
  }
  return { name: 'faults', value, code: out };
}

function lbHash(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['hashPolicies']) || !Array.isArray(v.hashPolicies)) return undefined;
  const values: HashPolicy[] = [];
  const codes: Code[] = [];
  for (const p of v.hashPolicies as unknown[]) {
    if (!isObject(p) || !hasOnlyKeys(p, ['header', 'cookie', 'sourceIp', 'terminal'])) return undefined;
    if (p.terminal !== undefined && typeof p.terminal !== 'boolean') return undefined;
    const keys = ['header', 'cookie', 'sourceIp'].filter(k => p[k] !== undefined);
    if (keys.length !== 1) return undefined;
    const terminal = p.terminal !== undefined ? { terminal: p.terminal as boolean } : {};
    const terminalCode = p.terminal !== undefined ? `terminal: ${p.terminal}` : '';
    if (typeof p.header === 'string') {
      values.push(HashPolicy.header(p.header, terminal));
      codes.push(code(`HashPolicy.header(${str(p.header)}${terminalCode ? `, { ${terminalCode} }` : ''})`));
    } else if (p.sourceIp === true) {
      values.push(HashPolicy.sourceIp(terminal));
      codes.push(code(`HashPolicy.sourceIp(${terminalCode ? `{ ${terminalCode} }` : ''})`));
    } else if (isObject(p.cookie) && hasOnlyKeys(p.cookie, ['name', 'ttl', 'path']) && typeof p.cookie.name === 'string') {
      const c = p.cookie;
      const ttl = c.ttl !== undefined ? duration(c.ttl) : undefined;
      if (c.ttl !== undefined && !ttl) return undefined;
      if (c.path !== undefined && typeof c.path !== 'string') return undefined;
      const options = { ...(ttl ? { ttl: ttl.value } : {}), ...(c.path !== undefined ? { path: c.path as string } : {}), ...terminal };
      const parts = [ttl ? `ttl: ${ttl.code.text}` : '', c.path !== undefined ? `path: ${str(c.path as string)}` : '', terminalCode].filter(x => x);
      values.push(HashPolicy.cookie(c.name as string, options));
      codes.push(code(`HashPolicy.cookie(${str(c.name as string)}${parts.length > 0 ? `, { ${parts.join(', ')} }` : ''})`));
    } else {
      return undefined;
    }
  }
  return { name: 'hashPolicies', value: values, code: codes };
}

function tracing(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['routeDescriptor', 'propagate', 'tracePercentages'])) return undefined;
  const value: { [k: string]: unknown } = {};
  if (v.routeDescriptor !== undefined) value.routeDescriptor = v.routeDescriptor;
  if (v.propagate !== undefined) value.propagate = v.propagate;
  if (v.tracePercentages !== undefined) {
    const t = v.tracePercentages;
    if (!isObject(t) || !hasOnlyKeys(t, ['clientSamplePercentage', 'randomSamplePercentage', 'overallSamplePercentage']) || Object.keys(t).length === 0) return undefined;
    if (t.clientSamplePercentage !== undefined) value.clientSamplePercent = t.clientSamplePercentage;
    if (t.randomSamplePercentage !== undefined) value.randomSamplePercent = t.randomSamplePercentage;
    if (t.overallSamplePercentage !== undefined) value.overallSamplePercent = t.overallSamplePercentage;
  }
  return { name: 'tracing', value, code: value };
}

/** The typed form of Gloo's `extauth` (a reference with its namespace, or `disable: true`). */
export function extauth(v: unknown): TypedField | undefined {
  if (!isObject(v)) return undefined;
  if (v.disable === true && hasOnlyKeys(v, ['disable'])) return { name: 'extauth', value: ExtAuth.disabled(), code: code('ExtAuth.disabled()') };
  if (isObject(v.customAuth) && hasOnlyKeys(v, ['customAuth']) && hasOnlyKeys(v.customAuth, ['name', 'contextExtensions'])) {
    const options = v.customAuth as { name?: string; contextExtensions?: { [k: string]: string } };
    const args = Object.keys(options).length > 0 ? lit(options) : '';
    return { name: 'extauth', value: ExtAuth.custom(options), code: code(`ExtAuth.custom(${args})`) };
  }
  const ref = isObject(v.configRef) && hasOnlyKeys(v, ['configRef']) ? qualifiedRef(v.configRef) : undefined;
  return ref ? { name: 'extauth', value: ExtAuth.config(ref), code: code(`ExtAuth.config({ name: ${str(ref.name)}, namespace: ${str(ref.namespace)} })`) } : undefined;
}

/** The typed form of Gloo's `rateLimitConfigs` (references with their namespace). */
export function rateLimitConfigs(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['refs']) || !Array.isArray(v.refs)) return undefined;
  const refs = (v.refs as unknown[]).map(qualifiedRef);
  return refs.every(r => r !== undefined) ? { name: 'rateLimitConfigs', value: refs, code: refs } : undefined;
}

/** The typed form of Gloo's `ratelimitBasic` (units by name). */
export function ratelimitBasic(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['anonymousLimits', 'authorizedLimits']) || Object.keys(v).length === 0) return undefined;
  const value: { [k: string]: unknown } = {};
  const out: { [k: string]: unknown } = {};
  for (const field of ['anonymousLimits', 'authorizedLimits']) {
    const l = v[field];
    if (l === undefined) continue;
    if (!isObject(l) || !hasOnlyKeys(l, ['requestsPerUnit', 'unit']) || typeof l.requestsPerUnit !== 'number' || typeof l.unit !== 'string') return undefined;
    const unit = Object.entries(RateLimitUnit).find(([, name]) => name === l.unit);
    if (!unit) return undefined;
    value[field] = { requestsPerUnit: l.requestsPerUnit, unit: unit[1] };
    out[field] = { requestsPerUnit: l.requestsPerUnit, unit: code(`RateLimitUnit.${unit[0]}`) };
  }
  return { name: 'ratelimitBasic', value, code: out };
}

/** The typed form of Gloo's `ratelimit` (descriptors of the typed actions; on a route, includeVhRateLimits too). */
export function ratelimit(v: unknown, onRoute: boolean): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, onRoute ? ['rateLimits', 'includeVhRateLimits'] : ['rateLimits']) || Object.keys(v).length === 0) return undefined;
  const include = v.includeVhRateLimits;
  if (include !== undefined && typeof include !== 'boolean') return undefined;
  const also = include !== undefined ? [{ name: 'includeVirtualHostRateLimits', value: include, code: include }] : [];
  if (v.rateLimits === undefined) return { name: also[0].name, value: include, code: include };
  if (!Array.isArray(v.rateLimits)) return undefined;
  const values: unknown[] = [];
  const codes: unknown[] = [];
  for (const d of v.rateLimits as unknown[]) {
    if (!isObject(d) || !hasOnlyKeys(d, ['actions', 'setActions'])) return undefined;
    const value: { [k: string]: unknown } = {};
    const out: { [k: string]: unknown } = {};
    for (const list of ['actions', 'setActions']) {
      if (d[list] === undefined) continue;
      if (!Array.isArray(d[list])) return undefined;
      const actions = (d[list] as unknown[]).map(rateLimitAction);
      if (!actions.every(a => a !== undefined)) return undefined;
      value[list] = actions.map(a => a!.value);
      out[list] = actions.map(a => a!.code);
    }
    values.push(value);
    codes.push(out);
  }
  return { name: 'rateLimits', value: values, code: codes, also };
}

function rateLimitAction(a: unknown): { value: RateLimitAction; code: Code } | undefined {
  if (!isObject(a) || Object.keys(a).length !== 1) return undefined;
  const [type, spec] = Object.entries(a)[0];
  if (!isObject(spec)) return undefined;
  const simple: { [t: string]: () => RateLimitAction } = {
    remoteAddress: RateLimitAction.remoteAddress,
    sourceCluster: RateLimitAction.sourceCluster,
    destinationCluster: RateLimitAction.destinationCluster,
  };
  if (simple[type] && Object.keys(spec).length === 0) return { value: simple[type](), code: code(`RateLimitAction.${type}()`) };
  const header = typeof spec.headerName === 'string' && typeof spec.descriptorKey === 'string';
  if (type === 'requestHeaders' && hasOnlyKeys(spec, ['headerName', 'descriptorKey']) && header) {
    const [name, key] = [spec.headerName as string, spec.descriptorKey as string];
    return { value: RateLimitAction.requestHeader(name, key), code: code(`RateLimitAction.requestHeader(${str(name)}, ${str(key)})`) };
  }
  if (type === 'genericKey' && hasOnlyKeys(spec, ['descriptorValue']) && typeof spec.descriptorValue === 'string') {
    return { value: RateLimitAction.genericKey(spec.descriptorValue), code: code(`RateLimitAction.genericKey(${str(spec.descriptorValue)})`) };
  }
  return undefined;
}

/** The typed form of Gloo's `csrf`: whole percentages of a hundred, origins by exact, prefix, suffix or RE2. */
export function csrf(v: unknown): TypedField | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['filterEnabled', 'shadowEnabled', 'additionalOrigins'])) return undefined;
  const value: { [k: string]: unknown } = {};
  const out: { [k: string]: unknown } = {};
  for (const [glooField, field] of [['filterEnabled', 'enforcedPercent'], ['shadowEnabled', 'shadowPercent']]) {
    const f = v[glooField];
    if (f === undefined) continue;
    if (!isObject(f) || !hasOnlyKeys(f, ['defaultValue']) || !isObject(f.defaultValue) || !hasOnlyKeys(f.defaultValue, ['numerator', 'denominator'])) return undefined;
    const { numerator, denominator } = f.defaultValue;
    // the typed form writes whole percentages over HUNDRED
    if (typeof numerator !== 'number' || denominator !== 'HUNDRED') return undefined;
    value[field] = out[field] = numerator;
  }
  if (v.additionalOrigins !== undefined) {
    if (!Array.isArray(v.additionalOrigins)) return undefined;
    const values: OriginMatch[] = [];
    const codes: Code[] = [];
    for (const o of v.additionalOrigins as unknown[]) {
      if (!isObject(o) || Object.keys(o).length !== 1) return undefined;
      const [type, given] = Object.entries(o)[0];
      const regex = type === 'safeRegex' && isObject(given) && hasOnlyKeys(given, ['regex']) && typeof given.regex === 'string' ? given.regex : undefined;
      const factory = regex !== undefined ? 'regex' : ['exact', 'prefix', 'suffix'].includes(type) && typeof given === 'string' ? type : undefined;
      if (!factory) return undefined;
      const text = regex ?? (given as string);
      values.push(OriginMatch[factory as 'exact'](text));
      codes.push(code(`OriginMatch.${factory}(${str(text)})`));
    }
    value.additionalOrigins = values;
    out.additionalOrigins = codes;
  }
  return { name: 'csrf', value, code: out };
}

/** `{ name, namespace }` when the reference has both and nothing else. */
export function qualifiedRef(r: unknown): { name: string; namespace: string } | undefined {
  if (!isObject(r) || !hasOnlyKeys(r, ['name', 'namespace']) || typeof r.name !== 'string' || typeof r.namespace !== 'string') return undefined;
  return { name: r.name, namespace: r.namespace };
}

/** The typed form of Gloo's `cors` (`disableForRoute` only on a route), when it writes the same back. */
export function cors(v: unknown, onRoute: boolean): TypedField | undefined {
  const lists = ['allowOrigin', 'allowOriginRegex', 'allowMethods', 'allowHeaders', 'exposeHeaders'];
  const flags = onRoute ? ['allowCredentials', 'disableForRoute'] : ['allowCredentials'];
  if (!isObject(v) || !hasOnlyKeys(v, [...lists, ...flags, 'maxAge'])) return undefined;
  const value: { [k: string]: unknown } = {};
  for (const list of lists) {
    if (v[list] === undefined) continue;
    if (!Array.isArray(v[list]) || !(v[list] as unknown[]).every(x => typeof x === 'string')) return undefined;
    value[list] = v[list];
  }
  for (const flag of flags) {
    if (v[flag] === undefined) continue;
    if (typeof v[flag] !== 'boolean') return undefined;
    value[flag] = v[flag];
  }
  if (v.maxAge !== undefined) {
    if (typeof v.maxAge !== 'string' || !/^(0|[1-9]\d{0,9})$/.test(v.maxAge)) return undefined;
    value.maxAgeSeconds = Number(v.maxAge);
  }
  return { name: 'cors', value, code: value };
}

/** Whether the typed field alone passes the checks the construct will run. */
function passesChecks(name: keyof RouteBehavior, value: unknown, actionType: RouteActionType): boolean {
  const action = { type: actionType } as RouteAction;
  return problemsOf(add => checkRouteOptions({ action, options: { [name]: value } }, add)).length === 0;
}
