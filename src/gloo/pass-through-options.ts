import {
  GENERATED_DESTINATION_OPTIONS, GENERATED_DESTINATION_SPECS, GENERATED_ROUTE_OPTIONS, GENERATED_SERVICE_SPECS, GENERATED_SSL_CONFIG_OPTIONS,
  GENERATED_UPSTREAM_OPTIONS, GENERATED_UPSTREAM_TYPES, GENERATED_VIRTUAL_HOST_OPTIONS,
} from './pass-through-fields.generated';
import type { UpstreamSpec } from '../imports/gloo.solo.io';
import type { ExternalUpstreamType, FunctionDestinationSpec, UpstreamOptions, UpstreamServiceSpec } from '../model/gloo-option-types.generated';
import { whyInvalidHeaderName } from '../model/header-rules';
import { AddProblem } from '../private/errors';
import { isObject, JsonObject } from '../private/json';
import { whyInvalidRe2 } from '../private/re2';
import { CrdSchemaValidator } from '../validation/crd-schema';

/**
 * The Gloo fields typed as Gloo's CRD defines them (model/gloo-option-types.generated.ts): every
 * route, VirtualHost and weighted-destination option the library does not type by hand, an
 * Upstream's further spec fields, its type outside Kubernetes, a function destination, a gRPC
 * service spec and the rest of a VirtualService's TLS. They are rendered as given. The checks here
 * refuse, when the value is given, what JavaScript callers could pass that the generated type does
 * not allow (with the CRD-schema check at synth behind them), then what the CRD lets through but
 * Gloo or Envoy would not take, following the schema: a regular expression its engine refuses, a
 * header name that is not a token, a duration that is not protobuf's `<seconds>s`, a percentage
 * outside 0-100, two of a set of fields only one of which Gloo reads, a DLP masking its action type
 * does not use.
 */

/** The route options (`RouteBehavior`, from `GlooRouteOptions`) typed from the CRD, by Gloo field name. */
export const PASS_THROUGH_ROUTE_OPTIONS = GENERATED_ROUTE_OPTIONS;

/** The VirtualHost options (`VirtualHostBehavior`, from `GlooVirtualHostOptions`) typed from the CRD, by Gloo field name. */
export const PASS_THROUGH_VIRTUAL_HOST_OPTIONS = GENERATED_VIRTUAL_HOST_OPTIONS;

/** The fields of an Upstream's spec that `UpstreamOptions` types (connection, TLS, health, HTTP/2). */
export const UPSTREAM_OPTION_FIELDS = GENERATED_UPSTREAM_OPTIONS;

/** Gloo's JSON of a value typed from the CRD: a copy, without the fields set to `undefined`. */
export function renderPassThrough(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderPassThrough);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = renderPassThrough(v);
  return out;
}

/**
 * @internal
 * An Upstream's `options` as spec fields. The CRD's types and the bindings' differ only in name, so
 * the spec takes them as they are.
 */
export function renderUpstreamOptions(options: UpstreamOptions | undefined): Partial<UpstreamSpec> {
  if (options === undefined) return {};
  const fields: readonly string[] = UPSTREAM_OPTION_FIELDS;
  const given = Object.fromEntries(Object.entries(options).filter(([k]) => fields.includes(k)));
  return renderPassThrough(given) as Partial<UpstreamSpec>;
}

/** Checks the generated options of a route or a VirtualHost (`where`), each at `<prefix><field>`. */
export function checkPassThroughOptions(options: JsonObject, where: 'route' | 'virtualHost', prefix: string, add: AddProblem): void {
  const fields = where === 'route' ? PASS_THROUGH_ROUTE_OPTIONS : PASS_THROUGH_VIRTUAL_HOST_OPTIONS;
  const optionsPath = where === 'route' ? ['spec', 'virtualHost', 'routes', '[]', 'options'] : ['spec', 'virtualHost', 'options'];
  for (const field of fields) {
    const value = options[field];
    if (value === undefined) continue;
    checkGenerated(VIRTUAL_SERVICE, [...optionsPath, field], options, field, `${prefix}${field}`, prefix.replace(/\.$/, ''), add);
  }
}

/** Checks an Upstream's `options` (`UpstreamOptions`), each field reported as the spec field it is. */
export function checkUpstreamOptions(options: unknown, add: AddProblem): void {
  if (!isObject(options)) {
    add('options', options, 'an object of Upstream spec fields, such as { sslConfig: { secretRef: { name, namespace } } }');
    return;
  }
  const fields: readonly string[] = UPSTREAM_OPTION_FIELDS;
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (!fields.includes(k)) {
      add(k, v, `a field of UpstreamOptions: ${fields.join(', ')}`, 'the Upstream\'s type and the typed props (loadBalancer, discoveryLabels, subsets) are set by the construct');
      continue;
    }
    checkGenerated(UPSTREAM, ['spec', k], options, k, k, '', add);
  }
}

/** Checks the fields of a VirtualService's `sslConfig` typed from the CRD (`GlooSslConfigOptions`). */
export function checkSslConfigOptions(ssl: JsonObject, add: AddProblem): void {
  for (const field of GENERATED_SSL_CONFIG_OPTIONS) {
    const value = ssl[field];
    if (value === undefined) continue;
    checkGenerated(VIRTUAL_SERVICE, ['spec', 'sslConfig', field], ssl, field, `sslConfig.${field}`, 'sslConfig', add);
  }
}

/** Checks the options of a weighted destination typed from the CRD (`GlooDestinationOptions`), under `at`. */
export function checkDestinationOptions(options: JsonObject, at: string, add: AddProblem): void {
  const path = ['spec', 'virtualHost', 'routes', '[]', 'routeAction', 'multi', 'destinations', '[]', 'options'];
  for (const field of GENERATED_DESTINATION_OPTIONS) {
    const value = options[field];
    if (value === undefined) continue;
    checkGenerated(VIRTUAL_SERVICE, [...path, field], options, field, `${at}.${field}`, at, add);
  }
}

/** Checks a Kubernetes Upstream's `serviceSpec` (`UpstreamServiceSpec`): one of its fields, of its type. */
export function checkServiceSpec(spec: unknown, add: AddProblem): void {
  checkOneOfGenerated(spec, GENERATED_SERVICE_SPECS, UPSTREAM, ['spec', 'kube', 'serviceSpec'], 'kube.serviceSpec', add);
}

/** Checks a destination's `destinationSpec` (`FunctionDestinationSpec`): one of its fields, of its type. */
export function checkDestinationSpec(spec: unknown, at: string, add: AddProblem): void {
  const path = ['spec', 'virtualHost', 'routes', '[]', 'routeAction', 'single', 'destinationSpec'];
  checkOneOfGenerated(spec, GENERATED_DESTINATION_SPECS, VIRTUAL_SERVICE, path, at, add);
}

/** Checks an external Upstream's type (`ExternalUpstreamType`): one of its fields, of its type. */
export function checkUpstreamType(type: unknown, add: AddProblem): void {
  checkOneOfGenerated(type, GENERATED_UPSTREAM_TYPES, UPSTREAM, ['spec'], 'type', add);
}

/** Gloo's JSON of a generated one-of (a service spec, a destination spec, an Upstream type). */
export function renderOneOf(
  spec: UpstreamServiceSpec | FunctionDestinationSpec | ExternalUpstreamType | undefined,
): { [field: string]: unknown } | undefined {
  return spec === undefined ? undefined : renderPassThrough(spec) as { [field: string]: unknown };
}

function checkOneOfGenerated(value: unknown, fields: readonly string[], resource: string, path: string[], at: string, add: AddProblem): void {
  if (!isObject(value)) {
    add(at, value, `an object with one of ${fields.join(', ')}`);
    return;
  }
  const given = Object.keys(value).filter(k => value[k] !== undefined);
  const unknown = given.filter(k => !fields.includes(k));
  for (const k of unknown) add(`${at}.${k}`, value[k], `one of ${fields.join(', ')}`);
  if (unknown.length > 0) return;
  if (given.length !== 1) {
    add(at, value, `exactly one of ${fields.join(', ')}`, given.length > 1 ? `gloo reads one of them (${given.join(' and ')} are given)` : undefined);
    return;
  }
  const [k] = given;
  checkGenerated(resource, [...path, k], value, k, `${at}.${k}`, at, add);
}

const VIRTUAL_SERVICE = 'gateway.solo.io/v1/VirtualService';
const UPSTREAM = 'gloo.solo.io/v1/Upstream';

/** The part of a CRD schema the walk reads. */
interface SchemaNode {
  readonly type?: string;
  readonly properties?: { [name: string]: SchemaNode };
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
}

/**
 * Checks `holder[key]`, the field at `fieldPath` of `resource`: its generated type, then the rules
 * of Gloo and Envoy below it, reported under `at` (`parent` is the holder's place).
 */
function checkGenerated(resource: string, fieldPath: string[], holder: JsonObject, key: string, at: string, parent: string, add: AddProblem): void {
  const value = holder[key];
  if (!hasGeneratedType(resource, fieldPath, value, at, add)) return;
  checkField(holder, key, value, at, parent, add);
  walk(value, at, add, CrdSchemaValidator.gloo()._schemaAt(resource, fieldPath) as SchemaNode | undefined);
}

/**
 * Whether `value` has the type generated for the CRD's field at `fieldPath`; if not, the first
 * place it does not is reported under `at`. JavaScript callers get no compile error for it, and
 * the API server would refuse or prune it.
 */
function hasGeneratedType(resource: string, fieldPath: string[], value: unknown, at: string, add: AddProblem): boolean {
  const p = CrdSchemaValidator.gloo()._generatedTypeProblem(resource, fieldPath, value);
  if (p === undefined) return true;
  const plain = typeof p.given !== 'object' || p.given === null || Array.isArray(p.given) || isPlain(p.given);
  add(`${at}${p.at}`, plain ? p.given : describe(p.given as object), `${p.expected}, as Gloo's CRD has it`,
    plain ? undefined : 'these options are typed from the CRD: a duration is a string such as "30s", not a cdk8s Duration');
  return false;
}

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

/** Fields only one of which Gloo reads (a protobuf `oneof`), by the name of the field holding them. */
const ONE_OF: Array<{ under: RegExp; fields: string[]; required?: boolean; why?: string }> = [
  { under: /\.jwks$/, fields: ['local', 'remote'], required: true, why: 'envoy requires the keys that verify a token' },
  { under: /(?:^|\.)(?:request|response)Transformation$/, fields: ['transformationTemplate', 'headerBodyTransform', 'xsltTransformation'] },
  { under: /\.transformationTemplate$/, fields: ['body', 'passthrough', 'mergeExtractorsToBody', 'mergeJsonKeys'] },
  { under: /\.extractors\.[^.]+$/, fields: ['header', 'body'], required: true, why: 'an extractor reads a header or the body' },
  { under: /^(?:sslConfig|httpConnectSslConfig)$/, fields: ['secretRef', 'sslFiles', 'sds'] },
];

const DURATIONS = new Set([
  'baseEjectionTime', 'baseInterval', 'cacheDuration', 'connectTimeout', 'deferredCloseTimeout', 'dnsRefreshRate', 'fillInterval',
  'grpcTimeoutHeaderMax', 'grpcTimeoutHeaderOffset', 'healthyEdgeInterval',
  'idleTimeout', 'initialJitter', 'interval', 'intervalJitter', 'keepaliveInterval', 'keepaliveTime', 'maxInterval', 'maxMessageTimeout',
  'maxStreamDuration', 'messageTimeout', 'noTrafficInterval', 'perTryTimeout', 'slowStartWindow', 'timeout', 'transportSocketConnectTimeout', 'unhealthyEdgeInterval',
  'unhealthyInterval', 'updateMergeWindow',
]);

/**
 * Applies the rules below a value, following its schema: it stops where the CRD keeps any data
 * (`envoyMetadata`, `extensions`, a custom health check's `config`), whose keys mean nothing to Gloo.
 */
function walk(value: unknown, at: string, add: AddProblem, schema: SchemaNode | undefined): void {
  if (schema === undefined || (schema.properties === undefined && schema.items === undefined && typeof schema.additionalProperties !== 'object')) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${at}[${i}]`, add, schema.items));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    add(at, describe(value), 'plain data as Gloo writes it (strings, numbers, booleans, lists and objects)',
      'these options are typed from the CRD: a duration is a string such as "30s", not a cdk8s Duration');
    return;
  }
  const o = value as JsonObject;
  for (const rule of ONE_OF.filter(r => r.under.test(at))) {
    const given = rule.fields.filter(f => o[f] !== undefined);
    if (given.length > 1) add(`${at}.${given[1]}`, o[given[1]], `only one of ${rule.fields.join(', ')}`, `gloo reads one of them (${given[0]} is given too)`);
    if (given.length === 0 && rule.required) add(at, o, `one of ${rule.fields.join(', ')}`, rule.why);
  }
  checkDlpAction(o, at, add);
  for (const [k, v] of Object.entries(o)) {
    const sub = schema.properties ? schema.properties[k] : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    if (sub === undefined) continue;
    const here = `${at}.${k}`;
    // a map's keys are names, not fields: only its values are checked
    if (schema.properties) checkField(o, k, v, here, at, add);
    walk(v, here, add, sub);
  }
}

/** A DLP action's masking is chosen by actionType: customAction with CUSTOM (the default), keyValueAction with KEYVALUE. */
function checkDlpAction(o: JsonObject, at: string, add: AddProblem): void {
  if (!/\.dlp\.actions\[\d+\]$/.test(at)) return;
  const type = o.actionType ?? 'CUSTOM';
  if (o.keyValueAction !== undefined && type !== 'KEYVALUE') {
    add(`${at}.actionType`, o.actionType, 'KEYVALUE with keyValueAction', 'gloo uses keyValueAction only for a KEYVALUE action and ignores it otherwise');
  }
  if (o.customAction !== undefined && type !== 'CUSTOM') {
    add(`${at}.actionType`, o.actionType, 'CUSTOM (or none) with customAction', 'gloo uses customAction only for a CUSTOM action and ignores it otherwise');
  }
}

function checkField(o: JsonObject, k: string, v: unknown, here: string, parent: string, add: AddProblem): void {
  if (typeof v === 'string') {
    if (DURATIONS.has(k) && !/^\d+(?:\.\d{1,9})?s$/.test(v)) {
      add(here, v, 'a duration as protobuf writes it: whole or fractional seconds with an "s", such as "30s" or "0.5s"');
    }
    // a regex string, or a header/query matcher's value when `regex: true`
    const pattern = k === 'regex' ? v : k === 'value' && o.regex === true ? v : undefined;
    if (pattern !== undefined) {
      const why = whyInvalidRegex(pattern, parent);
      if (why) add(here, v, why);
    }
    if (isHeaderNameField(k, parent)) {
      const why = whyInvalidHeaderName(v);
      if (why) add(here, v, why);
    }
  }
  if (k === 'regex' && Array.isArray(v)) {
    v.forEach((p, i) => {
      const why = typeof p === 'string' ? whyInvalidRegex(p, parent) : undefined;
      if (why) add(`${here}[${i}]`, p, why);
    });
  }
  if (k === 'headersToRemove' && Array.isArray(v)) {
    v.forEach((h, i) => {
      const why = typeof h === 'string' ? whyInvalidHeaderName(h) : undefined;
      if (why) add(`${here}[${i}]`, h, why);
    });
  }
  if (k === 'headers' && isObject(v) && /transformationTemplate$/.test(parent)) {
    for (const name of Object.keys(v)) {
      const why = whyInvalidHeaderName(name);
      if (why) add(`${here}.${name}`, name, why);
    }
  }
  if (k === 'value' && typeof v === 'number' && /\.percent$/.test(parent) && !(v >= 0 && v <= 100)) {
    add(here, v, 'a percentage from 0 to 100');
  }
}

/**
 * Why `pattern` is not a regular expression its engine takes: Envoy's matchers (paths, headers,
 * query parameters) use RE2; envoy-gloo's transformation filter compiles extractors and DLP
 * masking rules with `std::regex` (ECMAScript), checked here with JavaScript's engine, which
 * accepts a little more (lookbehind).
 */
function whyInvalidRegex(pattern: string, parent: string): string | undefined {
  if (/\.extractors\.[^.]+$|\.customAction$|\.regexActions\[\d+\]$/.test(parent)) {
    try {
      new RegExp(pattern);
      return undefined;
    } catch (e) {
      return `a regular expression (ECMAScript, as envoy-gloo's transformation filter compiles it): ${(e as Error).message}`;
    }
  }
  const why = whyInvalidRe2(pattern);
  return why ? `a regular expression RE2 accepts: ${why}` : undefined;
}

/** Fields whose string is a header name: a token source's and a claim's header, an extractor's, a header to append's key. */
function isHeaderNameField(k: string, parent: string): boolean {
  if (k === 'header') return /(?:\.tokenSource\.headers\[\d+\]|\.claimsToHeaders\[\d+\]|\.extractors\.[^.]+)$/.test(parent);
  if (k === 'headerName') return true;
  return k === 'key' && /\.headersToAppend\[\d+\]$/.test(parent);
}

function describe(value: object): string {
  return `a ${value.constructor?.name ?? 'non-plain object'}`;
}
