import { renderCors, renderCsrf } from './cors-render';
import { renderBasicRateLimits, renderExtAuth, renderRateLimitConfigs, renderRateLimits } from './enterprise-render';
import { PASS_THROUGH_ROUTE_OPTIONS, renderPassThrough } from './pass-through-options';
import type { RouteBehavior } from './route';
import { renderDuration } from '../model/duration-rules';
import { FaultInjection, HashPolicy, HashPolicyType, HeaderManipulation, HeaderToAdd, HostRewrite, HostRewriteType, RetryPolicy, TracingDecoration } from '../model/route-options';
import { compact } from '../private/json';

/**
 * The Gloo route options the typed fields of `RouteBehavior` render, by Gloo field name. Each typed
 * field renders exactly one Gloo field (the host rewrite one of three), so a field given both typed
 * and in `extra` is a conflict the checks name.
 */
export function renderTypedOptions(b: RouteBehavior | undefined): { [field: string]: unknown } {
  if (!b) return {};
  const out: { [field: string]: unknown } = {};
  if (b.prefixRewrite !== undefined) out.prefixRewrite = b.prefixRewrite;
  if (b.regexRewrite !== undefined) out.regexRewrite = { pattern: { regex: b.regexRewrite.pattern }, substitution: b.regexRewrite.substitution };
  if (b.hostRewrite !== undefined) Object.assign(out, renderHostRewrite(b.hostRewrite));
  if (b.timeout !== undefined) out.timeout = renderDuration(b.timeout);
  if (b.retries !== undefined) out.retries = renderRetries(b.retries);
  if (b.headerManipulation !== undefined) out.headerManipulation = renderHeaderManipulation(b.headerManipulation);
  if (b.cors !== undefined) out.cors = renderCors(b.cors);
  if (b.csrf !== undefined) out.csrf = renderCsrf(b.csrf);
  if (b.faults !== undefined) out.faults = renderFaults(b.faults);
  if (b.hashPolicies !== undefined) out.lbHash = { hashPolicies: b.hashPolicies.map(renderHashPolicy) };
  if (b.tracing !== undefined) out.tracing = renderTracing(b.tracing);
  if (b.extauth !== undefined) out.extauth = renderExtAuth(b.extauth, undefined);
  if (b.rateLimitConfigs !== undefined) out.rateLimitConfigs = renderRateLimitConfigs(b.rateLimitConfigs, undefined);
  if (b.ratelimitBasic !== undefined) out.ratelimitBasic = renderBasicRateLimits(b.ratelimitBasic);
  const ratelimit = renderRateLimits(b.rateLimits, b.includeVirtualHostRateLimits);
  if (ratelimit !== undefined) out.ratelimit = ratelimit;
  for (const field of PASS_THROUGH_ROUTE_OPTIONS) if (b[field] !== undefined) out[field] = renderPassThrough(b[field]);
  return out;
}

/** The Gloo field each host rewrite type renders. */
export const HOST_REWRITE_FIELDS: { [type in HostRewriteType]: string } = {
  [HostRewriteType.LITERAL]: 'hostRewrite',
  [HostRewriteType.AUTO]: 'autoHostRewrite',
  [HostRewriteType.FROM_HEADER]: 'hostRewriteHeader',
};

function renderHostRewrite(h: HostRewrite): { [field: string]: unknown } {
  return { [HOST_REWRITE_FIELDS[h.type]]: h.type === HostRewriteType.AUTO ? true : h.value };
}

/** Gloo's `retries`. */
export function renderRetries(r: RetryPolicy): { [field: string]: unknown } {
  return compact({
    retryOn: r.retryOn,
    numRetries: r.numRetries,
    perTryTimeout: r.perTryTimeout !== undefined ? renderDuration(r.perTryTimeout) : undefined,
  });
}

/** Gloo's `headerManipulation`. */
export function renderHeaderManipulation(h: HeaderManipulation): { [field: string]: unknown } {
  return compact({
    requestHeadersToAdd: h.requestHeadersToAdd?.map(renderHeaderToAdd),
    requestHeadersToRemove: h.requestHeadersToRemove ? [...h.requestHeadersToRemove] : undefined,
    responseHeadersToAdd: h.responseHeadersToAdd?.map(renderHeaderToAdd),
    responseHeadersToRemove: h.responseHeadersToRemove ? [...h.responseHeadersToRemove] : undefined,
  });
}

function renderHeaderToAdd(h: HeaderToAdd): { [field: string]: unknown } {
  return compact({ header: { key: h.name, value: h.value }, append: h.append });
}

function renderFaults(f: FaultInjection): { [field: string]: unknown } {
  return compact({
    abort: f.abort ? { percentage: f.abort.percent, httpStatus: f.abort.httpStatus } : undefined,
    delay: f.delay ? { percentage: f.delay.percent, fixedDelay: renderDuration(f.delay.fixedDelay) } : undefined,
  });
}

function renderHashPolicy(h: HashPolicy): { [field: string]: unknown } {
  const key = h.type === HashPolicyType.HEADER ? { header: h.name }
    : h.type === HashPolicyType.COOKIE ? { cookie: compact({ name: h.name, ttl: h.ttl ? renderDuration(h.ttl) : undefined, path: h.path }) }
      : { sourceIp: true };
  return compact({ ...key, terminal: h.terminal });
}

function renderTracing(t: TracingDecoration): { [field: string]: unknown } {
  const percentages = compact({
    clientSamplePercentage: t.clientSamplePercent,
    randomSamplePercentage: t.randomSamplePercent,
    overallSamplePercentage: t.overallSamplePercent,
  });
  return compact({
    routeDescriptor: t.routeDescriptor,
    propagate: t.propagate,
    tracePercentages: Object.keys(percentages).length > 0 ? percentages : undefined,
  });
}
