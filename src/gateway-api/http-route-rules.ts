import { checkFilters, checkRuleBackendRef, HOSTNAME } from './http-route-filter-rules';
import { HEADER_NAME, Json, list, obj, objectName, PATH_TYPES, SECTION_NAME, VALUE_MATCH_TYPES } from './http-route-model';
import { HttpRouteProblem, RouteReport } from './http-route-problems';
import { whyInvalidRe2 } from '../private/re2';


/** `rules[].matches[].method` enum. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
/** `rules[].matches[].path` CEL: the characters of an Exact or PathPrefix value. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
/** `rules[].matches[].path` CEL: sequences an Exact or PathPrefix value must not contain, and suffixes it must not end with. */
const PATH_FORBIDDEN = ['//', '/./', '/../', '%2f', '%2F', '#'];
const PATH_FORBIDDEN_SUFFIXES = ['/..', '/.'];

/**
 * The validations of the Gateway API v1.6.1 standard-channel HTTPRoute CRD (vendored in
 * `imports/gateway.networking.k8s.io.yaml`) that the schema check (`CrdSchemaValidator`) does not
 * cover: `maxItems`, string lengths and patterns, enums, and the `x-kubernetes-validations` CEL
 * rules; plus two rules of this library (a route with hostnames needs a parentRef; RegularExpression values must
 * be RE2, the dialect kgateway's Envoy uses). docs/gateway-api.md lists every rule.
 */
export class HttpRouteRules {
  /** The problems of every `gateway.networking.k8s.io` HTTPRoute among `manifests`, in order; other kinds are skipped. */
  public static check(manifests: unknown[]): HttpRouteProblem[] {
    const problems: HttpRouteProblem[] = [];
    for (const manifest of manifests) {
      const m = obj(manifest);
      if (m.kind !== 'HTTPRoute' || !String(m.apiVersion).startsWith('gateway.networking.k8s.io/')) continue;
      checkSpec(new RouteReport(objectName(m), problems), obj(m.spec));
    }
    return problems;
  }
}

function checkSpec(report: RouteReport, spec: Json): void {
  // Not a CRD rule: a route without parentRefs attaches to nothing itself; kgateway reads it as a
  // route delegation child, which another HTTPRoute names and which has no hostnames.
  if (list(spec.parentRefs).length === 0 && list(spec.hostnames).length > 0) {
    report.add('spec.parentRefs', spec.parentRefs, 'at least one parentRef (the Gateway to attach to): a route without parents is only a delegation child, which has no hostnames');
  }
  report.maxItems('spec.parentRefs', spec.parentRefs, 32, 'parentRefs');
  list(spec.parentRefs).forEach((p, i) => {
    if (report.required(`spec.parentRefs[${i}].name`, obj(p).name, 'the name of the parent')) report.text(`spec.parentRefs[${i}].name`, obj(p).name, { max: 253 });
  });

  report.maxItems('spec.hostnames', spec.hostnames, 16, 'hostnames');
  list(spec.hostnames).forEach((h, i) => report.text(`spec.hostnames[${i}]`, h, { min: 1, max: 253, pattern: HOSTNAME, what: 'a hostname' }));

  if (Array.isArray(spec.rules) && spec.rules.length === 0) report.add('spec.rules', spec.rules, 'at least one rule, or no rules field');
  report.maxItems('spec.rules', spec.rules, 16, 'rules per HTTPRoute');
  // spec.rules CEL: the sum of matches over the (at most 16) rules is <= 128.
  const totalMatches = list(spec.rules).slice(0, 16).reduce((sum: number, r) => sum + list(obj(r).matches).length, 0);
  if (totalMatches > 128) report.add('spec.rules', `${totalMatches} matches in all`, 'at most 128 matches across all rules of a route');
  list(spec.rules).forEach((r, i) => checkRule(report, `spec.rules[${i}]`, obj(r)));
  // rules[].name: a section name, unique within the route (experimental-channel CEL; kgateway matches policies' sectionName to it)
  const names = new Set<string>();
  list(spec.rules).forEach((r, i) => {
    const name = obj(r).name;
    if (name === undefined) return;
    report.text(`spec.rules[${i}].name`, name, { min: 1, max: 253, pattern: SECTION_NAME, what: 'a section name' });
    if (names.has(String(name))) report.add(`spec.rules[${i}].name`, name, 'a name no other rule of the route has');
    names.add(String(name));
  });
}

function checkRule(report: RouteReport, field: string, rule: Json): void {
  report.maxItems(`${field}.matches`, rule.matches, 64, 'matches per rule');
  report.maxItems(`${field}.backendRefs`, rule.backendRefs, 16, 'backendRefs per rule');
  list(rule.matches).forEach((m, i) => checkMatch(report, `${field}.matches[${i}]`, obj(m)));
  list(rule.backendRefs).forEach((b, i) => checkRuleBackendRef(report, `${field}.backendRefs[${i}]`, b));
  checkFilters(report, `${field}.filters`, rule.filters);

  // rules[] CEL "RequestRedirect filter must not be used together with backendRefs".
  if (list(rule.backendRefs).length > 0 && list(rule.filters).some(f => obj(f).requestRedirect !== undefined)) {
    report.add(`${field}.filters`, 'RequestRedirect', 'no RequestRedirect filter in a rule with backendRefs');
  }
  checkReplacePrefixMatch(report, field, rule);
}

/**
 * The four rules[] CEL rules on `ReplacePrefixMatch`: when exactly one filter of the rule (or, for
 * the backendRef variants, exactly one backendRef with exactly one such filter) is a URLRewrite or
 * RequestRedirect with `path.type == 'ReplacePrefixMatch'` and `path.replacePrefixMatch` set, the
 * rule must have exactly one match, and that match must have a path of type `PathPrefix`
 * ("When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be
 * specified"). Evaluated on the rule as written: the CEL sees `matches` after defaulting, and an
 * absent `matches` defaults to one PathPrefix `/` match.
 */
function checkReplacePrefixMatch(report: RouteReport, field: string, rule: Json): void {
  const matches = rule.matches === undefined ? [{ path: { type: 'PathPrefix' } }] : list(rule.matches);
  const onePrefixMatch = matches.length === 1 && (obj(matches[0]).path === undefined || (obj(obj(matches[0]).path).type ?? 'PathPrefix') === 'PathPrefix');
  if (onePrefixMatch) return;
  for (const key of ['urlRewrite', 'requestRedirect']) {
    const inRule = countReplacePrefix(rule.filters, key) === 1;
    const inBackends = list(rule.backendRefs).filter(b => countReplacePrefix(obj(b).filters, key) === 1).length === 1;
    if (inRule || inBackends) {
      const given = matches.map(m => obj(obj(m).path).type ?? 'PathPrefix');
      report.add(`${field}.matches`, given, `exactly one PathPrefix match when a ${key} filter${inRule ? '' : ' of a backendRef'} uses ReplacePrefixMatch`);
    }
  }
}

function countReplacePrefix(filters: unknown, key: string): number {
  return list(filters).filter(f => {
    const path = obj(obj(obj(f)[key]).path);
    return path.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined;
  }).length;
}

function checkMatch(report: RouteReport, field: string, match: Json): void {
  if (match.path !== undefined) checkPath(report, `${field}.path`, obj(match.path));
  report.oneOf(`${field}.method`, match.method, METHODS);
  for (const [key, maxValue] of [['headers', 4096], ['queryParams', 1024]] as const) {
    report.maxItems(`${field}.${key}`, match[key], 16, `${key === 'headers' ? 'header' : 'query-param'} matches`);
    list(match[key]).forEach((h, i) => {
      const at = `${field}.${key}[${i}]`;
      const m = obj(h);
      if (report.required(`${at}.name`, m.name, 'a name')) report.text(`${at}.name`, m.name, { max: 256, pattern: HEADER_NAME, what: 'an HTTP token' });
      report.oneOf(`${at}.type`, m.type, VALUE_MATCH_TYPES);
      if (report.required(`${at}.value`, m.value, 'a non-empty value')) report.text(`${at}.value`, m.value, { max: maxValue });
      if (m.type === 'RegularExpression') checkRe2(report, `${at}.value`, m.value);
    });
  }
}

/** `rules[].matches[].path`: `type` enum, `value` at most 1024 characters, and the path CEL rules for Exact and PathPrefix. */
function checkPath(report: RouteReport, field: string, path: Json): void {
  const type = path.type ?? 'PathPrefix';
  report.oneOf(`${field}.type`, type, PATH_TYPES);
  const value = path.value ?? '/';
  if (typeof value !== 'string') return;
  if (value.length > 1024) return report.add(`${field}.value`, value, 'at most 1024 characters');
  if (type === 'RegularExpression') return checkRe2(report, `${field}.value`, value);
  if (type !== 'Exact' && type !== 'PathPrefix') return;
  if (!value.startsWith('/')) return report.add(`${field}.value`, value, `an absolute path starting with "/" for a ${type} match`);
  const sequence = PATH_FORBIDDEN.find(s => value.includes(s));
  if (sequence) return report.add(`${field}.value`, value, `a path without "${sequence}"`);
  const suffix = PATH_FORBIDDEN_SUFFIXES.find(s => value.endsWith(s));
  if (suffix) return report.add(`${field}.value`, value, `a path that does not end with "${suffix}"`);
  if (!PATH_CHARS.test(value)) report.add(`${field}.value`, value, `a path matching ${PATH_CHARS.source}`);
}

/** Not a CRD rule: RegularExpression matches are implementation-specific; kgateway passes them to Envoy, which compiles RE2. */
function checkRe2(report: RouteReport, field: string, value: unknown): void {
  const why = typeof value === 'string' ? whyInvalidRe2(value) : undefined;
  if (why) report.add(field, value, `an RE2 regular expression (${why})`);
}
