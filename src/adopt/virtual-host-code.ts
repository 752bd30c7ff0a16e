import { problemsOf } from './check-runs';
import { cors, csrf, extauth, headerManipulation, passThrough, qualifiedRef, ratelimit, ratelimitBasic, rateLimitConfigs, retries, TypedField } from './options-code';
import { code } from './ts-literal';
import { checkRefList } from '../gloo/enterprise-checks';
import { GENERATED_SSL_CONFIG_OPTIONS } from '../gloo/pass-through-fields.generated';
import { checkSslConfig, checkVirtualHostOptions } from '../gloo/virtual-host-checks';
import { SslConfig, TlsProtocolVersion } from '../model/tls';
import { ConfigRef, VirtualHostBehavior } from '../model/virtual-host-options';
import { hasOnlyKeys, isObject } from '../private/json';
import { Json } from '../simulate/gloo-manifest';

/**
 * The typed `VirtualServiceProps.options` of a VirtualHost's `options`, and the fields left for a
 * JSON patch. A field is typed only when the typed form writes it back the same and passes the
 * construct's checks; references are typed only with their namespace (the construct fills in the
 * VirtualService's where none is given).
 */
export function virtualHostOptionsCode(options: Json): { typed: { [k: string]: unknown }; rest: Json } {
  const typed: { [k: string]: unknown } = {};
  const rest: Json = {};
  for (const [field, value] of Object.entries(options)) {
    const found = typedField(field, value);
    if (found && problemsOf(add => checkVirtualHostOptions({ [found.name]: found.value } as VirtualHostBehavior, add)).length === 0) {
      typed[found.name] = found.code;
    } else {
      rest[field] = value;
    }
  }
  return { typed, rest };
}

function typedField(field: string, v: unknown): TypedField | undefined {
  switch (field) {
    case 'headerManipulation': return headerManipulation(v);
    case 'retries': return retries(v);
    case 'cors': return cors(v, false);
    case 'extauth': return extauth(v);
    case 'rateLimitConfigs': return rateLimitConfigs(v);
    case 'ratelimitBasic': return ratelimitBasic(v);
    case 'ratelimit': return ratelimit(v, false);
    case 'csrf': return csrf(v);
    default: return passThrough(field, v, 'virtualHost');
  }
}

const VERSIONS = Object.entries(TlsProtocolVersion);

/** The typed `sslConfig`, or `undefined` when it would not write the input back the same. */
export function sslConfigCode(v: unknown): unknown {
  const generated: readonly string[] = GENERATED_SSL_CONFIG_OPTIONS;
  if (!isObject(v) || !hasOnlyKeys(v, ['secretRef', 'sniDomains', 'parameters', 'alpnProtocols', 'oneWayTls', ...generated])) return undefined;
  const out: { [k: string]: unknown } = {};
  const value: { [k: string]: unknown } = {};
  if (v.secretRef !== undefined) {
    const secretRef = isObject(v.secretRef) ? qualifiedRef(v.secretRef) : undefined;
    if (!secretRef) return undefined;
    out.secretRef = value.secretRef = secretRef;
  }
  for (const list of ['sniDomains', 'alpnProtocols']) {
    if (v[list] === undefined) continue;
    if (!Array.isArray(v[list]) || !(v[list] as unknown[]).every(x => typeof x === 'string')) return undefined;
    out[list] = value[list] = v[list];
  }
  if (v.parameters !== undefined) {
    const p = v.parameters;
    if (!isObject(p) || !hasOnlyKeys(p, ['minimumProtocolVersion', 'maximumProtocolVersion', 'cipherSuites', 'ecdhCurves']) || Object.keys(p).length === 0) return undefined;
    for (const field of ['minimumProtocolVersion', 'maximumProtocolVersion']) {
      if (p[field] === undefined) continue;
      const version = VERSIONS.find(([, name]) => name === p[field]);
      if (!version) return undefined;
      value[field] = version[1];
      out[field] = code(`TlsProtocolVersion.${version[0]}`);
    }
    for (const field of ['cipherSuites', 'ecdhCurves']) if (p[field] !== undefined) out[field] = value[field] = p[field];
  }
  if (v.oneWayTls !== undefined) {
    if (typeof v.oneWayTls !== 'boolean') return undefined;
    out.oneWayTls = value.oneWayTls = v.oneWayTls;
  }
  for (const field of generated) if (v[field] !== undefined) out[field] = value[field] = v[field];
  return problemsOf(add => checkSslConfig(value as unknown as SslConfig, add)).length === 0 ? out : undefined;
}

/** The typed `optionsConfigRefs`: `delegateOptions` of qualified references and nothing else. */
export function optionsConfigRefsCode(v: unknown): Array<{ name: string; namespace: string }> | undefined {
  if (!isObject(v) || !hasOnlyKeys(v, ['delegateOptions']) || !Array.isArray(v.delegateOptions) || v.delegateOptions.length === 0) return undefined;
  const refs = (v.delegateOptions as unknown[]).map(qualifiedRef);
  return refs.every(r => r !== undefined) && problemsOf(add => checkRefList(refs as ConfigRef[], 'optionsConfigRefs', add, false)).length === 0 ? refs as Array<{ name: string; namespace: string }> : undefined;
}
