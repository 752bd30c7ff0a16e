import { checkCors, checkCsrf } from './cors-checks';
import { checkBasicRateLimits, checkExtAuth, checkRateLimits, checkRefList } from './enterprise-checks';
import { checkPassThroughOptions, PASS_THROUGH_ROUTE_OPTIONS } from './pass-through-options';
import type { RouteProps } from './route';
import { HOST_REWRITE_FIELDS } from './route-options-render';
import { whyInvalidDuration } from '../model/duration-rules';
import { whyInvalidHeaderName } from '../model/header-rules';
import { isHostHeader } from '../model/host-rules';
import { RouteActionType } from '../model/route-action';
import {
  FaultInjection, HashPolicy, HashPolicyType, HeaderManipulation, HeaderToAdd, HostRewrite, HostRewriteType, RetryPolicy, TracingDecoration,
} from '../model/route-options';
import { AddProblem } from '../private/errors';
import { JsonObject } from '../private/json';
import { checkKnownKeys } from '../private/unknown-keys';

/**
 * The checks of a route's typed options (`RouteBehavior`) that need nothing but the route: the
 * values Gloo and Envoy refuse, fields Gloo applies to forwarding routes only, and a field given
 * both typed and in `extra`. RE2 syntax and prefix-rewrite paths are checked with the route list
 * (gloo/rules/route-rules.ts).
 */
export function checkRouteOptions(props: RouteProps, add: AddProblem): void {
  const b = props.options;
  if (b === undefined) return;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) {
    add('options', b, 'route options such as { timeout: Duration.seconds(5) }');
    return;
  }
  checkKnownKeys(add, b, 'RouteBehavior', 'options.');
  checkKnownKeys(add, b.regexRewrite, 'RegexRewrite', 'options.regexRewrite.');

  if (b.prefixRewrite !== undefined && typeof b.prefixRewrite !== 'string') {
    add('options.prefixRewrite', b.prefixRewrite, 'a path such as "/api/pets", or "" for no rewrite');
  }
  if (b.regexRewrite !== undefined) {
    const r = b.regexRewrite;
    if (typeof r?.pattern !== 'string' || r.pattern === '') add('options.regexRewrite.pattern.regex', r?.pattern, 'a non-empty RE2 regular expression');
    if (typeof r?.substitution !== 'string') add('options.regexRewrite.substitution', r?.substitution, 'a string (it may be empty)');
    if (b.prefixRewrite !== undefined) {
      add('options.regexRewrite', r, 'no regexRewrite together with prefixRewrite', 'envoy takes one path rewrite per route and rejects the configuration');
    }
  }
  if (b.hostRewrite !== undefined) checkHostRewrite(b.hostRewrite, add);
  if (b.timeout !== undefined) checkDuration(b.timeout, 'options.timeout', add);
  if (b.retries !== undefined) checkRetries(b.retries, 'options.retries', add);
  if (b.headerManipulation !== undefined) checkHeaderManipulation(b.headerManipulation, 'options.headerManipulation', add);
  if (b.cors !== undefined) {
    checkCors(b.cors, 'options.cors', add);
    if (props.action?.type === RouteActionType.REDIRECT) {
      add('options.cors', b.cors, 'no cors on a redirect', 'gloo rejects the route (the cors filter only applies to routes that forward or answer directly)');
    }
  }
  if (b.faults !== undefined) checkFaults(b.faults, add);
  if (b.csrf !== undefined) checkCsrf(b.csrf, 'options.csrf', add);
  if (b.hashPolicies !== undefined) checkHashPolicies(b.hashPolicies, add);
  if (b.tracing !== undefined) checkTracing(b.tracing, add);
  if (b.extauth !== undefined) checkExtAuth(b.extauth, 'options.extauth', add, true);
  if (b.rateLimitConfigs !== undefined) checkRefList(b.rateLimitConfigs, 'options.rateLimitConfigs.refs', add, true);
  if (b.ratelimitBasic !== undefined) checkBasicRateLimits(b.ratelimitBasic, 'options.ratelimitBasic', add);
  if (b.rateLimits !== undefined) checkRateLimits(b.rateLimits, 'options.ratelimit.rateLimits', add);
  if (b.includeVirtualHostRateLimits !== undefined && typeof b.includeVirtualHostRateLimits !== 'boolean') {
    add('options.ratelimit.includeVhRateLimits', b.includeVirtualHostRateLimits, 'true or false');
  }
  checkPassThroughOptions(b as JsonObject, 'route', 'options.', add);
  if (b.hostRewritePathRegex !== undefined && b.hostRewrite !== undefined) {
    add('options.hostRewritePathRegex', b.hostRewritePathRegex, 'no hostRewritePathRegex together with hostRewrite', 'gloo takes one host rewrite per route (a protobuf one-of)');
  }
  if (b.appendXForwardedHost !== undefined && b.hostRewrite === undefined && b.hostRewritePathRegex === undefined) {
    add('options.appendXForwardedHost', b.appendXForwardedHost, 'appendXForwardedHost with a hostRewrite or hostRewritePathRegex',
      'gloo sets it only when the route rewrites the host, and ignores it otherwise');
  }
  checkForwardingOnly(props, add);
  checkTypedAndExtra(props, add);
}

/** The fields Gloo applies only when the route forwards (`routeAction`); elsewhere it rejects the route. */
const FORWARDING_ONLY = [
  'prefixRewrite', 'regexRewrite', 'hostRewrite', 'timeout', 'retries', 'hashPolicies', 'hostRewritePathRegex', 'idleTimeout', 'maxStreamDuration', 'upgrades',
] as const;
/**
 * Of those, the ones a delegating route may carry: Gloo merges a delegating route's options into
 * its RouteTable's routes, and these change nothing the simulators model. The others change where
 * a request goes or what path it has, which the simulators do not merge yet: set them on the
 * RouteTable's routes.
 */
const ALLOWED_ON_DELEGATION: readonly string[] = ['hostRewritePathRegex', 'idleTimeout', 'maxStreamDuration', 'upgrades'];
/** The typed fields, each one Gloo field (the host rewrite one of four): `extra` may not give them too. */
const TYPED = [
  ...FORWARDING_ONLY, 'headerManipulation', 'cors', 'csrf', 'faults', 'tracing', 'extauth', 'rateLimitConfigs', 'ratelimitBasic', 'rateLimits', 'includeVirtualHostRateLimits',
  ...PASS_THROUGH_ROUTE_OPTIONS,
] as const;

function checkForwardingOnly(props: RouteProps, add: AddProblem): void {
  const type = props.action?.type;
  const what = type === RouteActionType.DELEGATE ? 'a delegating route'
    : type === RouteActionType.DIRECT_RESPONSE ? 'a direct response'
      : type === RouteActionType.REDIRECT ? 'a redirect' : undefined;
  if (what === undefined) return;
  for (const field of FORWARDING_ONLY) {
    const value = props.options?.[field];
    if (value === undefined) continue;
    if (type === RouteActionType.DELEGATE) {
      if (ALLOWED_ON_DELEGATION.includes(field)) continue;
      add(`options.${field}`, describe(value), `no ${field} on ${what}`,
        'gloo merges it into the RouteTable\'s routes, which the simulators do not model yet; set it on the RouteTable\'s routes');
    } else {
      add(`options.${field}`, describe(value), `no ${field} on ${what}`, `gloo applies ${field} only to routes that forward, and drops it silently here`);
    }
  }
}

/** The Gloo fields each typed field writes; `extra` may hold none of them. */
function glooFieldsOf(field: string, b: NonNullable<RouteProps['options']>): string[] {
  if (field === 'hostRewrite') {
    // Gloo's host rewrite is one choice of four: any of them in extra conflicts with the typed one
    return [...Object.values(HOST_REWRITE_FIELDS), 'hostRewritePathRegex'];
  }
  if (b[field as keyof typeof b] === undefined) return [];
  const renamed: { [field: string]: string } = { hashPolicies: 'lbHash', rateLimits: 'ratelimit', includeVirtualHostRateLimits: 'ratelimit' };
  return [renamed[field] ?? field];
}

function checkTypedAndExtra(props: RouteProps, add: AddProblem): void {
  const b = props.options!;
  const extra = b.extra;
  if (typeof extra !== 'object' || extra === null) return;
  for (const field of TYPED) {
    if (b[field] === undefined) continue;
    for (const glooField of glooFieldsOf(field, b)) {
      if (extra[glooField] === undefined) continue;
      add(`options.extra.${glooField}`, extra[glooField], `no ${glooField} in options.extra together with options.${field}`,
        `give it once, in options.${field}`);
    }
  }
}

function checkHostRewrite(h: HostRewrite, add: AddProblem): void {
  if (!HostRewrite.isHostRewrite(h)) {
    add('options.hostRewrite', h, 'a HostRewrite: HostRewrite.literal(\'api.example.com\'), HostRewrite.auto() or HostRewrite.fromHeader(\'x-host\')');
    return;
  }
  const field = `options.${HOST_REWRITE_FIELDS[h.type]}`;
  if (h.type === HostRewriteType.LITERAL && !isHostHeader(h.value)) {
    add(field, h.value, 'a host name, optionally with a port, such as "api.example.com" or "10.0.0.7:8080"',
      'envoy sets the Host header to it as given');
  }
  if (h.type === HostRewriteType.FROM_HEADER) {
    const why = whyInvalidHeaderName(h.value!);
    if (why) add(field, h.value, why, 'gloo rejects the route (invalid header name)');
  }
}

function checkFaults(f: FaultInjection, add: AddProblem): void {
  const at = 'options.faults';
  if (typeof f !== 'object' || f === null) {
    add(at, f, 'faults such as { abort: { percent: 5, httpStatus: 503 } }');
    return;
  }
  checkKnownKeys(add, f, 'FaultInjection', `${at}.`);
  if (f.abort === undefined && f.delay === undefined) add(at, f, 'an abort, a delay or both');
  if (f.abort !== undefined) {
    checkKnownKeys(add, f.abort, 'FaultAbort', `${at}.abort.`);
    checkPercent(f.abort?.percent, `${at}.abort.percentage`, add);
    const status = f.abort?.httpStatus;
    if (!(Number.isInteger(status) && status >= 200 && status <= 599)) {
      add(`${at}.abort.httpStatus`, status, 'an HTTP status from 200 to 599', 'gloo rejects the route ("must be in range of [200,600)")');
    }
  }
  if (f.delay !== undefined) {
    checkKnownKeys(add, f.delay, 'FaultDelay', `${at}.delay.`);
    checkPercent(f.delay?.percent, `${at}.delay.percentage`, add);
    const d = f.delay?.fixedDelay;
    const why = whyInvalidDuration(d);
    if (why) {add(`${at}.delay.fixedDelay`, describe(d), why);} else if (d!.toMilliseconds({ integral: false }) < 1000) {
      add(`${at}.delay.fixedDelay`, describe(d), 'a delay of at least one second', 'gloo rejects a delay whose whole seconds are 0 ("must be greater than 0")');
    }
  }
}

function checkHashPolicies(list: HashPolicy[], add: AddProblem): void {
  const at = 'options.lbHash.hashPolicies';
  checkList(list, at, add, (h, field) => {
    if (!HashPolicy.isHashPolicy(h)) {
      add(field, h, 'a HashPolicy: HashPolicy.header(name), HashPolicy.cookie(name) or HashPolicy.sourceIp()');
      return;
    }
    if (h._problem) add(`${field}.${h._problem.field}`, h._problem.given, h._problem.expected, h._problem.hint);
    if (h.type !== HashPolicyType.SOURCE_IP) {
      const why = whyInvalidHeaderName(h.name!);
      if (why) add(`${field}.${h.type === HashPolicyType.HEADER ? 'header' : 'cookie.name'}`, h.name, why);
    }
    if (h.ttl !== undefined) checkDuration(h.ttl, `${field}.cookie.ttl`, add);
    if (h.path !== undefined && !(typeof h.path === 'string' && h.path.startsWith('/'))) add(`${field}.cookie.path`, h.path, 'a path starting with "/"');
    if (h.terminal !== undefined && typeof h.terminal !== 'boolean') add(`${field}.terminal`, h.terminal, 'true or false');
  });
  if (Array.isArray(list) && list.length === 0) add(at, list, 'at least one hash policy, or no hashPolicies');
}

function checkTracing(t: TracingDecoration, add: AddProblem): void {
  const at = 'options.tracing';
  if (typeof t !== 'object' || t === null) {
    add(at, t, 'a tracing decoration such as { routeDescriptor: \'checkout\' }');
    return;
  }
  checkKnownKeys(add, t, 'TracingDecoration', `${at}.`);
  if (t.routeDescriptor !== undefined && typeof t.routeDescriptor !== 'string') add(`${at}.routeDescriptor`, t.routeDescriptor, 'a string');
  if (t.propagate !== undefined && typeof t.propagate !== 'boolean') add(`${at}.propagate`, t.propagate, 'true or false');
  const percentages = { clientSamplePercent: 'clientSamplePercentage', randomSamplePercent: 'randomSamplePercentage', overallSamplePercent: 'overallSamplePercentage' } as const;
  for (const [field, glooField] of Object.entries(percentages) as Array<[keyof typeof percentages, string]>) {
    if (t[field] !== undefined) checkPercent(t[field], `${at}.tracePercentages.${glooField}`, add);
  }
}

function checkPercent(p: unknown, field: string, add: AddProblem): void {
  if (!(typeof p === 'number' && p >= 0 && p <= 100)) add(field, p, 'a percentage from 0 to 100');
}

function checkDuration(d: unknown, field: string, add: AddProblem): void {
  const why = whyInvalidDuration(d);
  if (why) add(field, describe(d), why);
}

/** The conditions Envoy's router retries on (`x-envoy-retry-on` and `x-envoy-retry-grpc-on`). */
export const RETRY_CONDITIONS = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx',
  'refused-stream', 'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
];

/** Checks a retry policy (a route's or a VirtualHost's), reported under `at`. */
export function checkRetries(r: RetryPolicy, at: string, add: AddProblem): void {
  if (typeof r !== 'object' || r === null) {
    add(at, r, 'a retry policy such as { retryOn: \'5xx\', numRetries: 3 }');
    return;
  }
  checkKnownKeys(add, r, 'RetryPolicy', `${at}.`);
  if (r.retryOn !== undefined) checkRetryOn(r.retryOn, `${at}.retryOn`, add);
  if (r.numRetries !== undefined && !(Number.isInteger(r.numRetries) && r.numRetries >= 0 && r.numRetries <= 4294967295)) {
    add(`${at}.numRetries`, r.numRetries, 'a whole number from 0 to 4294967295 (gloo sends 1 for 0)');
  }
  if (r.perTryTimeout !== undefined) checkDuration(r.perTryTimeout, `${at}.perTryTimeout`, add);
}

/** Checks header manipulation (a route's or a VirtualHost's), reported under `at`. */
export function checkHeaderManipulation(h: HeaderManipulation, at: string, add: AddProblem): void {
  if (typeof h !== 'object' || h === null) {
    add(at, h, 'header manipulation such as { requestHeadersToRemove: [\'x-debug\'] }');
    return;
  }
  checkKnownKeys(add, h, 'HeaderManipulation', `${at}.`);
  for (const list of ['requestHeadersToAdd', 'responseHeadersToAdd'] as const) {
    checkList(h[list], `${at}.${list}`, add, (x, f) => checkHeaderToAdd(x as HeaderToAdd, f, add));
  }
  for (const list of ['requestHeadersToRemove', 'responseHeadersToRemove'] as const) {
    checkList(h[list], `${at}.${list}`, add, (x, f) => checkSettableName(x, f, add, 'removed'));
  }
}

function checkRetryOn(retryOn: unknown, field: string, add: AddProblem): void {
  const parts = typeof retryOn === 'string' ? retryOn.split(',').map(s => s.trim()) : [];
  const unknown = parts.filter(p => !RETRY_CONDITIONS.includes(p));
  if (typeof retryOn !== 'string' || parts.length === 0 || unknown.length > 0) {
    add(field, retryOn, `comma-separated retry conditions envoy knows: ${RETRY_CONDITIONS.join(', ')}`,
      unknown.length > 0 ? `"${unknown[0]}" is not one; envoy does not retry on a condition it does not know` : undefined);
  }
}

function checkHeaderToAdd(h: HeaderToAdd, field: string, add: AddProblem): void {
  if (typeof h !== 'object' || h === null) {
    add(field, h, 'a header to add, such as { name: \'x-source\', value: \'gloo\' }');
    return;
  }
  checkKnownKeys(add, h, 'HeaderToAdd', `${field}.`);
  checkSettableName(h.name, `${field}.header.key`, add, 'set');
  if (typeof h.value !== 'string' || /[\r\n\0]/.test(h.value)) {
    add(`${field}.header.value`, h.value, 'a header value: a string without line breaks or NUL characters');
  }
  if (h.append !== undefined && typeof h.append !== 'boolean') add(`${field}.append`, h.append, 'true (add to existing values) or false (replace them)');
}

/** Envoy and Gloo refuse to set or remove `host` and the `:` pseudo-headers through header manipulation. */
function checkSettableName(name: unknown, field: string, add: AddProblem, verb: string): void {
  const why = whyInvalidHeaderName(name as string);
  if (why) {
    add(field, name, why);
  } else if ((name as string).startsWith(':') || (name as string).toLowerCase() === 'host') {
    add(field, name, `a header other than host and the ":" pseudo-headers, which cannot be ${verb} this way`,
      verb === 'set' ? 'gloo rejects the route (": -prefixed or host headers may not be modified"); use hostRewrite for the host' : 'envoy rejects the configuration');
  }
}

function checkList(list: unknown, field: string, add: AddProblem, each: (x: unknown, field: string) => void): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    add(field, list, 'a list');
    return;
  }
  list.forEach((x, i) => each(x, `${field}[${i}]`));
}

/** A value for a message: a Duration as Gloo would write it when it can be. */
function describe(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toHumanString?: unknown }).toHumanString === 'function') {
    return (value as { toHumanString(): string }).toHumanString();
  }
  return value;
}
