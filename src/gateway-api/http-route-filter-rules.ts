import { corsProblems } from './cors-render';
import { HEADER_NAME, isServiceRef, Json, list, obj } from './http-route-model';
import { RouteReport } from './http-route-problems';

// Patterns of the vendored HTTPRoute CRD (imports/gateway.networking.k8s.io.yaml, HTTPRoute v1).
/** `...headers[].name` and the header modifiers' `name`: an HTTP token (RFC 7230). */
/** `spec.hostnames[]`: an RFC 1123 hostname, optionally with a leading `*.` label. */
export const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** `urlRewrite.hostname`, `requestRedirect.hostname`: an RFC 1123 hostname without wildcard. */
const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** `backendRefs[].namespace` and friends: an RFC 1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `filters[].type` enum. */
const FILTER_TYPES = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef', 'CORS'];
/** The field each filter type carries (CRD `filters[]` x-kubernetes-validations: set for its type, nil otherwise). */
const FILTER_FIELDS: { [type: string]: string } = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
/** Filter types that may appear once per list (CRD `filters` x-kubernetes-validations "... filter cannot be repeated"). */
const SINGLE_FILTERS = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];

/**
 * A backend reference (`rules[].backendRefs[]`, or a RequestMirror's `backendRef`): name 1..253
 * characters, namespace an RFC 1123 label, port 1..65535, and the CEL rule "Must have port for
 * Service reference" (`(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true`).
 */
export function checkBackendRef(report: RouteReport, field: string, raw: unknown): void {
  const ref = obj(raw);
  if (report.required(`${field}.name`, ref.name, 'the name of the backend')) report.text(`${field}.name`, ref.name, { max: 253 });
  report.text(`${field}.namespace`, ref.namespace, { min: 1, max: 63, pattern: NAMESPACE, what: 'a namespace' });
  report.integer(`${field}.port`, ref.port, 1, 65535);
  if (isServiceRef(ref) && ref.port === undefined) report.add(`${field}.port`, undefined, 'a port for a Service reference');
}

/** `rules[].backendRefs[]`: the reference, `weight` 0..1,000,000 (CRD `backendRefs[].weight`), and its own filters. */
export function checkRuleBackendRef(report: RouteReport, field: string, raw: unknown): void {
  checkBackendRef(report, field, raw);
  report.integer(`${field}.weight`, obj(raw).weight, 0, 1_000_000);
  checkFilters(report, `${field}.filters`, obj(raw).filters);
}

/** A `filters` list of a rule or of a backendRef (the two have the same schema and CEL rules). */
export function checkFilters(report: RouteReport, field: string, filters: unknown): void {
  report.maxItems(field, filters, 16, 'filters');
  const types = list(filters).map(f => obj(f).type);
  for (const type of SINGLE_FILTERS) {
    const at = types.flatMap((t, i) => (t === type ? [i] : []));
    if (at.length > 1) report.add(`${field}[${at[1]}].type`, type, `at most one ${type} filter in a list`);
  }
  if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
    report.add(`${field}[${types.indexOf('URLRewrite')}].type`, 'URLRewrite', 'either a RequestRedirect or a URLRewrite filter, not both');
  }
  list(filters).forEach((f, i) => checkFilter(report, `${field}[${i}]`, obj(f)));
}

function checkFilter(report: RouteReport, field: string, filter: Json): void {
  const type = filter.type;
  if (typeof type !== 'string' || !FILTER_TYPES.includes(type)) {
    report.add(`${field}.type`, type, `one of ${FILTER_TYPES.join(', ')}`);
    return;
  }
  for (const [fieldType, key] of Object.entries(FILTER_FIELDS)) {
    if (fieldType === type && filter[key] === undefined) report.add(`${field}.${key}`, undefined, `a ${key} for a ${fieldType} filter`);
    if (fieldType !== type && filter[key] !== undefined) report.add(`${field}.${key}`, filter[key], `no ${key} in a ${type} filter`);
  }
  const body = obj(filter[FILTER_FIELDS[type]]);
  switch (type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier':
      return checkHeaderModifier(report, `${field}.${FILTER_FIELDS[type]}`, body);
    case 'RequestMirror':
      return checkMirror(report, `${field}.requestMirror`, body);
    case 'URLRewrite':
    case 'RequestRedirect':
      report.text(`${field}.${FILTER_FIELDS[type]}.hostname`, body.hostname, { min: 1, max: 253, pattern: PRECISE_HOSTNAME, what: 'a hostname' });
      if (body.path !== undefined) checkPathModifier(report, `${field}.${FILTER_FIELDS[type]}.path`, obj(body.path));
      return;
    case 'CORS':
      for (const [at, given, expected] of corsProblems(body, `${field}.cors`)) report.add(at, given, expected);
      return;
    default:
      return;
  }
}

/** `requestHeaderModifier` / `responseHeaderModifier`: `set` and `add` at most 16 entries of token name and 1..4096-character value; `remove` at most 16. */
function checkHeaderModifier(report: RouteReport, field: string, modifier: Json): void {
  for (const op of ['set', 'add']) {
    report.maxItems(`${field}.${op}`, modifier[op], 16, 'headers');
    list(modifier[op]).forEach((h, i) => {
      const at = `${field}.${op}[${i}]`;
      if (report.required(`${at}.name`, obj(h).name, 'a header name')) report.text(`${at}.name`, obj(h).name, { max: 256, pattern: HEADER_NAME, what: 'an HTTP token' });
      if (report.required(`${at}.value`, obj(h).value, 'a non-empty header value')) report.text(`${at}.value`, obj(h).value, { max: 4096 });
    });
  }
  report.maxItems(`${field}.remove`, modifier.remove, 16, 'header names');
}

/**
 * `requestMirror`: "Only one of percent or fraction may be specified", `percent` 0..100,
 * `fraction.numerator` >= 0 and <= `denominator` (CEL "numerator must be less than or equal to
 * denominator"), `denominator` >= 1 (default 100), and a valid `backendRef`.
 */
function checkMirror(report: RouteReport, field: string, mirror: Json): void {
  checkBackendRef(report, `${field}.backendRef`, mirror.backendRef);
  if (mirror.percent !== undefined && mirror.fraction !== undefined) report.add(`${field}.fraction`, mirror.fraction, 'either percent or fraction, not both');
  report.integer(`${field}.percent`, mirror.percent, 0, 100);
  if (mirror.fraction === undefined) return;
  const fraction = obj(mirror.fraction);
  report.integer(`${field}.fraction.numerator`, fraction.numerator, 0, 2_147_483_647);
  report.integer(`${field}.fraction.denominator`, fraction.denominator, 1, 2_147_483_647);
  if (Number(fraction.numerator) > Number(fraction.denominator ?? 100)) {
    report.add(`${field}.fraction.numerator`, fraction.numerator, `a numerator no larger than the denominator (${fraction.denominator ?? 100})`);
  }
}

/**
 * `urlRewrite.path` / `requestRedirect.path`: `type` ReplaceFullPath or ReplacePrefixMatch, the field
 * of that name set exactly when the type says so (four CEL rules), at most 1024 characters.
 */
function checkPathModifier(report: RouteReport, field: string, path: Json): void {
  report.oneOf(`${field}.type`, path.type, ['ReplaceFullPath', 'ReplacePrefixMatch']);
  for (const type of ['ReplaceFullPath', 'ReplacePrefixMatch']) {
    const key = type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
    if (path.type === type && path[key] === undefined) report.add(`${field}.${key}`, undefined, `a ${key} when type is ${type}`);
    if (path.type !== type && path[key] !== undefined) report.add(`${field}.type`, path.type, `${type} when ${key} is set`);
    report.text(`${field}.${key}`, path[key], { max: 1024 });
  }
}
