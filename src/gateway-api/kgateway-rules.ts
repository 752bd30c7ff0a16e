import { corsProblems } from './cors-render';
import { list, obj, SECTION_NAME } from './http-route-model';

/** One field of a kgateway object that kgateway's CRD (its patterns, limits or CEL rules) refuses. */
export interface KgatewayRuleProblem {
  /** The field, e.g. `spec.retry.perTryTimeout`. */
  readonly field: string;
  /** The value given. */
  readonly given: unknown;
  /** What the CRD expects (lowercase, no period). */
  readonly expected: string;
}

/** kgateway's durations (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`, CEL on every duration field). */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
const STRING_MATCHERS = ['exact', 'prefix', 'suffix', 'contains', 'safeRegex'];

/**
 * The rules of the kgateway v2.2.0 CRDs (patterns, limits, `x-kubernetes-validations`) that the
 * schema check does not cover, for the fields the Gateway API target writes. The sources are the
 * CRD files vendored in imports/gateway.kgateway.dev.yaml; docs/gateway-api.md lists them.
 * Objects of other kinds give no problems.
 */
export function kgatewayRuleProblems(manifest: unknown): KgatewayRuleProblem[] {
  const m = obj(manifest);
  if (typeof m.apiVersion !== 'string' || !m.apiVersion.startsWith('gateway.kgateway.dev/')) return [];
  const problems: KgatewayRuleProblem[] = [];
  const add = (field: string, given: unknown, expected: string) => problems.push({ field, given, expected });
  if (m.kind === 'TrafficPolicy') trafficPolicyProblems(obj(m.spec), add);
  if (m.kind === 'BackendConfigPolicy') backendConfigPolicyProblems(obj(m.spec), add);
  if (m.kind === 'Backend') backendProblems(obj(m.spec), add);
  if (m.kind === 'DirectResponse') directResponseProblems(obj(m.spec), add);
  return problems;
}

type Add = (field: string, given: unknown, expected: string) => void;

function trafficPolicyProblems(spec: Record<string, unknown>, add: Add): void {
  const targets = list(spec.targetRefs);
  if (spec.targetRefs === undefined && spec.targetSelectors === undefined) {
    add('spec.targetRefs', undefined, 'a target: a policy without targetRefs or targetSelectors applies only where an ExtensionRef filter names it');
  }
  if (spec.targetRefs !== undefined && (targets.length < 1 || targets.length > 16)) add('spec.targetRefs', targets.length, 'from 1 to 16 targets');
  targets.forEach((t, i) => {
    const ref = obj(t);
    if (!['Gateway', 'HTTPRoute'].includes(String(ref.kind)) && !String(ref.kind).endsWith('ListenerSet')) {
      add(`spec.targetRefs[${i}].kind`, ref.kind, 'Gateway, HTTPRoute or a ListenerSet');
    }
    if (typeof ref.name !== 'string' || ref.name.length < 1 || ref.name.length > 253) add(`spec.targetRefs[${i}].name`, ref.name, 'a name of 1 to 253 characters');
    if (ref.sectionName !== undefined && (typeof ref.sectionName !== 'string' || !SECTION_NAME.test(ref.sectionName) || ref.sectionName.length > 253)) {
      add(`spec.targetRefs[${i}].sectionName`, ref.sectionName, `a section name matching ${SECTION_NAME.source}`);
    }
  });
  if (spec.autoHostRewrite !== undefined && !targets.every(t => obj(t).kind === 'HTTPRoute')) {
    add('spec.autoHostRewrite', spec.autoHostRewrite, 'HTTPRoute targets only (autoHostRewrite can only be used when targeting HTTPRoute resources)');
  }
  const retry = spec.retry === undefined ? undefined : obj(spec.retry);
  if (retry) {
    if (retry.retryOn === undefined && retry.statusCodes === undefined) add('spec.retry', retry, 'retryOn or statusCodes');
    if (retry.retryOn !== undefined && list(retry.retryOn).length < 1) add('spec.retry.retryOn', retry.retryOn, 'at least one condition');
    if (typeof retry.attempts === 'number' && (!Number.isInteger(retry.attempts) || retry.attempts < 0 || retry.attempts > 2_147_483_647)) {
      add('spec.retry.attempts', retry.attempts, 'an integer from 0 to 2147483647');
    }
    for (const field of ['perTryTimeout', 'backoffBaseInterval']) duration(retry[field], `spec.retry.${field}`, add, 1);
  }
  const timeouts = spec.timeouts === undefined ? undefined : obj(spec.timeouts);
  for (const field of ['request', 'streamIdle']) duration(timeouts?.[field], `spec.timeouts.${field}`, add, 0);
  const perTry = retry ? millis(retry.perTryTimeout) : undefined;
  const request = millis(timeouts?.request);
  if (perTry !== undefined && request !== undefined && perTry >= request) {
    add('spec.retry.perTryTimeout', retry!.perTryTimeout, `less than timeouts.request (${String(timeouts!.request)})`);
  }
  const csrf = spec.csrf === undefined ? undefined : obj(spec.csrf);
  if (csrf) {
    if (csrf.percentageEnabled !== undefined && csrf.percentageShadowed !== undefined) {
      add('spec.csrf', csrf, 'at most one of percentageEnabled and percentageShadowed');
    }
    for (const field of ['percentageEnabled', 'percentageShadowed']) {
      const p = csrf[field];
      if (p !== undefined && (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100)) add(`spec.csrf.${field}`, p, 'an integer from 0 to 100');
    }
    const origins = list(csrf.additionalOrigins);
    if (origins.length > 16) add('spec.csrf.additionalOrigins', origins.length, 'at most 16 origins');
    origins.forEach((o, i) => {
      const set = STRING_MATCHERS.filter(k => obj(o)[k] !== undefined);
      if (set.length !== 1) add(`spec.csrf.additionalOrigins[${i}]`, o, `exactly one of ${STRING_MATCHERS.join(', ')}`);
    });
  }
  if (spec.cors !== undefined && obj(spec.cors).disable === undefined) {
    for (const [at, given, expected] of corsProblems(obj(spec.cors), 'spec.cors')) add(at, given, expected);
  }
  const extAuth = spec.extAuth === undefined ? undefined : obj(spec.extAuth);
  if (extAuth && (extAuth.extensionRef === undefined) === (extAuth.disable === undefined)) {
    add('spec.extAuth', extAuth, 'exactly one of extensionRef and disable');
  }
}

const LOAD_BALANCERS = ['leastRequest', 'roundRobin', 'ringHash', 'maglev', 'random'];
const TLS_SOURCES = ['secretRef', 'files', 'insecureSkipVerify', 'wellKnownCACertificates'];

function backendConfigPolicyProblems(spec: Record<string, unknown>, add: Add): void {
  const targets = list(spec.targetRefs);
  if (spec.targetRefs !== undefined && (targets.length < 1 || targets.length > 16)) add('spec.targetRefs', targets.length, 'from 1 to 16 targets');
  targets.forEach((t, i) => {
    const ref = obj(t);
    if (!((ref.group === '' && ref.kind === 'Service') || (ref.group === 'gateway.kgateway.dev' && ref.kind === 'Backend'))) {
      add(`spec.targetRefs[${i}]`, ref, 'a Kubernetes Service (group "") or a kgateway Backend');
    }
  });
  if (spec.loadBalancer !== undefined) {
    const set = LOAD_BALANCERS.filter(k => obj(spec.loadBalancer)[k] !== undefined);
    if (set.length !== 1) add('spec.loadBalancer', spec.loadBalancer, `exactly one of ${LOAD_BALANCERS.join(', ')}`);
  }
  if (spec.tls !== undefined) {
    const tls = obj(spec.tls);
    const set = TLS_SOURCES.filter(k => tls[k] !== undefined);
    if (set.length !== 1) add('spec.tls', tls, `exactly one of ${TLS_SOURCES.join(', ')}`);
    if (tls.files !== undefined && !['tlsCertificate', 'tlsKey', 'rootCA'].some(k => obj(tls.files)[k] !== undefined)) {
      add('spec.tls.files', tls.files, 'at least one of tlsCertificate, tlsKey, rootCA');
    }
    if (tls.secretRef !== undefined && !(typeof obj(tls.secretRef).name === 'string' && String(obj(tls.secretRef).name).length > 0)) add('spec.tls.secretRef.name', obj(tls.secretRef).name, 'the name of a Secret');
  }
}

function directResponseProblems(spec: Record<string, unknown>, add: Add): void {
  if (typeof spec.status !== 'number' || !Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599) add('spec.status', spec.status, 'an HTTP status from 200 to 599');
  if (spec.body !== undefined && (typeof spec.body !== 'string' || spec.body.length < 1 || spec.body.length > 4096)) {
    add('spec.body', typeof spec.body === 'string' ? `${spec.body.length} characters` : spec.body, 'a body of 1 to 4096 characters');
  }
}

const BACKEND_TYPES = ['aws', 'static', 'dynamicForwardProxy'];

function backendProblems(spec: Record<string, unknown>, add: Add): void {
  const set = BACKEND_TYPES.filter(k => spec[k] !== undefined);
  if (set.length !== 1) add('spec', set, `exactly one of ${BACKEND_TYPES.join(', ')}`);
  if (spec.static === undefined) return;
  const hosts = list(obj(spec.static).hosts);
  if (hosts.length < 1) add('spec.static.hosts', hosts.length, 'at least one host');
  hosts.forEach((h, i) => {
    const host = obj(h);
    if (typeof host.host !== 'string' || host.host.length < 1) add(`spec.static.hosts[${i}].host`, host.host, 'a host name or address');
    if (typeof host.port !== 'number' || !Number.isInteger(host.port) || host.port < 1 || host.port > 65535) add(`spec.static.hosts[${i}].port`, host.port, 'a port from 1 to 65535');
  });
}

function duration(value: unknown, field: string, add: Add, minMs: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !DURATION.test(value)) {
    add(field, value, `a duration matching ${DURATION.source}`);
    return;
  }
  if (millis(value)! < minMs) add(field, value, `at least ${minMs}ms`);
}

/** A kgateway duration in milliseconds, or `undefined` for anything else. */
function millis(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION.test(value)) return undefined;
  const unit: { [u: string]: number } = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, n, u] of value.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(n) * unit[u];
  return total;
}
