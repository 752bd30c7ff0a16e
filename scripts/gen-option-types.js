#!/usr/bin/env node
// Writes src/model/gloo-option-types.generated.ts: TypeScript interfaces for the Gloo options the
// library passes through as Gloo defines them (JWT, RBAC, WAF, DLP, transformations, external
// processing, buffering, and a few Upstream fields), generated from the vendored CRD schemas in
// imports/gloo.schemas.json. The hand-typed options (timeouts, retries, CORS, ...) are not here.
//
//   node scripts/gen-option-types.js           writes the file
//   node scripts/gen-option-types.js --check   exits 1 when the file is not what it would write
//
// Each generated interface is one object shape of the CRD; a shape met twice (a JWT provider of a
// VirtualHost and of a route) is one interface, named where it is first met. Names are the option's
// prefix and the field's name (`JwtProvider` for `providers`), or the parent's name and the field's
// when that name is taken by another shape. test/model/gloo-option-types.test.ts fails when the file
// is stale.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'src/model/gloo-option-types.generated.ts');
const SCHEMAS = path.join(ROOT, 'imports/gloo.schemas.json');

/**
 * The options generated: where the field is in the CRD, the root interface's name, and the prefix
 * of the names of the shapes inside it.
 */
const FAMILIES = [
  // VirtualHost options (spec.virtualHost.options)
  { at: 'virtualHost', field: 'jwt', name: 'JwtVirtualHostSettings', prefix: 'Jwt' },
  { at: 'virtualHost', field: 'jwtStaged', name: 'JwtStagedProviders', prefix: 'Jwt' },
  { at: 'virtualHost', field: 'rbac', name: 'RbacSettings', prefix: 'Rbac' },
  { at: 'virtualHost', field: 'waf', name: 'WafSettings', prefix: 'Waf' },
  { at: 'virtualHost', field: 'dlp', name: 'DlpSettings', prefix: 'Dlp' },
  { at: 'virtualHost', field: 'transformations', name: 'Transformations', prefix: 'Transformation' },
  { at: 'virtualHost', field: 'stagedTransformations', name: 'TransformationStages', prefix: 'Transformation' },
  { at: 'virtualHost', field: 'extProc', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'virtualHost', field: 'extProcEarly', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'virtualHost', field: 'extProcLate', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'virtualHost', field: 'bufferPerRoute', name: 'BufferSettings', prefix: 'Buffer' },
  // route options (spec.virtualHost.routes[].options)
  { at: 'route', field: 'jwt', name: 'JwtRouteSettings', prefix: 'Jwt' },
  { at: 'route', field: 'jwtStaged', name: 'JwtStagedRouteSettings', prefix: 'Jwt' },
  { at: 'route', field: 'jwtProvidersStaged', name: 'JwtStagedProviders', prefix: 'Jwt' },
  { at: 'route', field: 'rbac', name: 'RbacSettings', prefix: 'Rbac' },
  { at: 'route', field: 'waf', name: 'WafSettings', prefix: 'Waf' },
  { at: 'route', field: 'dlp', name: 'DlpSettings', prefix: 'Dlp' },
  { at: 'route', field: 'transformations', name: 'Transformations', prefix: 'Transformation' },
  { at: 'route', field: 'stagedTransformations', name: 'TransformationStages', prefix: 'Transformation' },
  { at: 'route', field: 'extProc', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'route', field: 'extProcEarly', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'route', field: 'extProcLate', name: 'ExtProcSettings', prefix: 'ExtProc' },
  { at: 'route', field: 'bufferPerRoute', name: 'BufferSettings', prefix: 'Buffer' },
  // an Upstream's spec fields other than its type and the hand-typed ones (spec.<field>), as one interface
  {
    at: 'upstream', field: '', name: 'UpstreamOptions', prefix: 'Upstream',
    doc: 'The fields of an Upstream\'s `spec` besides its type: connection, TLS, health checks, outlier detection, HTTP/2; as the CRD defines them.',
  },
];

/** The Upstream spec fields `UpstreamOptions` has: connection, TLS, health and HTTP/2 settings. */
const UPSTREAM_OPTIONS = [
  'circuitBreakers', 'connectionConfig', 'disableIstioAutoMtls', 'dnsRefreshRate', 'failover', 'healthChecks', 'httpConnectHeaders',
  'httpConnectSslConfig', 'httpProxyHostname', 'ignoreHealthOnHostRemoval', 'initialConnectionWindowSize', 'initialStreamWindowSize',
  'maxConcurrentStreams', 'outlierDetection', 'overrideStreamErrorOnInvalidHttpMessage', 'preconnectPolicy', 'protocolSelection',
  'proxyProtocolVersion', 'respectDnsTtl', 'sslConfig', 'useHttp2',
];

/** Names clearer than the generated ones (a field's name with its option's prefix). */
const RENAMED = {
  JwtJwk: 'JwtKeySet',
  JwtLocal: 'JwtLocalKeySet',
  JwtRemote: 'JwtRemoteKeySet',
  JwtHeader: 'JwtTokenHeader',
  TransformationRequestTransformation: 'Transformation',
  TransformationTransformationTemplate: 'TransformationTemplate',
  TransformationEarly: 'TransformationStage',
  ExtProcOverride: 'ExtProcOverrides',
  BufferBuffer: 'BufferLimits',
  UpstreamCircuitBreaker: 'UpstreamCircuitBreakers',
  UpstreamUpstreamSslConfig: 'UpstreamSslConfig',
  UpstreamParameter: 'UpstreamTlsParameters',
  UpstreamSd: 'UpstreamSdsConfig',
  UpstreamSslFile: 'UpstreamSslFiles',
  UpstreamCommonHttpProtocolOption: 'UpstreamCommonHttpProtocolOptions',
  UpstreamHttp1ProtocolOption: 'UpstreamHttp1ProtocolOptions',
};

/** Shapes with a name of their own wherever they are met. */
const WELL_KNOWN = [
  { name: 'GlooResourceRef', keys: ['name', 'namespace'], doc: 'A reference to a Gloo or Kubernetes object by name and namespace, as Gloo writes it.' },
  { name: 'GlooKeyValue', keys: ['key', 'value'], doc: 'A key and a value, as Gloo writes a header or a metadata entry.' },
];

function schemaOf(schemas, at, field) {
  if (at === 'upstream') {
    const spec = schemas['gloo.solo.io/v1/Upstream'].properties.spec.properties;
    const missing = UPSTREAM_OPTIONS.filter(f => !spec[f]);
    if (missing.length > 0) throw new Error(`no Upstream spec fields ${missing.join(', ')} in the CRD`);
    return { type: 'object', properties: Object.fromEntries(UPSTREAM_OPTIONS.map(f => [f, spec[f]])) };
  }
  const spec = schemas['gateway.solo.io/v1/VirtualService'].properties.spec;
  const vh = spec.properties.virtualHost.properties;
  const options = at === 'virtualHost' ? vh.options : vh.routes.items.properties.options;
  const s = options.properties[field];
  if (!s) throw new Error(`no ${at} option ${field} in the VirtualService CRD`);
  return s;
}

const pascal = s => s.charAt(0).toUpperCase() + s.slice(1);
const singular = s => (/ies$/.test(s) ? s.replace(/ies$/, 'y') : /(?:ss|us)es$/.test(s) ? s.slice(0, -2) : /[^s]s$/.test(s) ? s.slice(0, -1) : s);
const canonical = s => JSON.stringify(s, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));

function generate(schemas) {
  const byShape = new Map(); // canonical shape -> interface name
  const taken = new Set();
  const interfaces = []; // { name, doc, props: [{ key, type, doc }] }

  function typeOf(s, candidates, where) {
    if (s.type === 'array') return `${wrap(typeOf(s.items ?? {}, candidates, `${where}[]`))}[]`;
    if (s.type === 'object' && s.properties) return interfaceOf(s, candidates, where);
    if (s.type === 'object' && typeof s.additionalProperties === 'object') {
      return `{ [key: string]: ${typeOf(s.additionalProperties, candidates, `${where}{}`)} }`;
    }
    if (s.type === 'object') return '{ [key: string]: any }';
    if (s.type === 'string') return 'string';
    if (s.type === 'integer' || s.type === 'number') return 'number';
    if (s.type === 'boolean') return 'boolean';
    return 'any';
  }

  function interfaceOf(s, candidates, where) {
    const key = canonical(s);
    if (byShape.has(key)) return byShape.get(key);
    const keys = Object.keys(s.properties).sort();
    const known = WELL_KNOWN.find(w => w.keys.join() === keys.join() && keys.every(k => s.properties[k].type === 'string'));
    const name = known?.name ?? candidates.find(c => !taken.has(c)) ?? `${candidates[candidates.length - 1]}Shape`;
    taken.add(name);
    byShape.set(key, name);
    const entry = { name, doc: known?.doc ?? s['x-doc'] ?? `Gloo's \`${where}\`, as the CRD defines it.`, props: [] };
    interfaces.push(entry);
    const prefix = candidates.prefix;
    for (const k of keys) {
      const field = pascal(singular(k));
      const next = [`${prefix}${field}`, `${name}${field}`].map(n => RENAMED[n] ?? n);
      next.prefix = prefix;
      entry.props.push({ key: k, type: typeOf(s.properties[k], next, `${where}.${k}`), doc: fieldDoc(s.properties[k]) });
    }
    return name;
  }

  const roots = [];
  for (const f of FAMILIES) {
    const candidates = [f.name];
    candidates.prefix = f.prefix;
    const where = f.at === 'upstream' ? 'spec' : `${f.at === 'virtualHost' ? 'virtualHost.options' : 'routes[].options'}.${f.field}`;
    const name = typeOf({ ...schemaOf(schemas, f.at, f.field), ...(f.doc ? { 'x-doc': f.doc } : {}) }, candidates, where);
    if (name !== f.name) throw new Error(`${where} is named ${name}, not ${f.name}: its shape was met before under another name`);
    roots.push({ ...f, name });
  }
  return { interfaces, roots };
}

const wrap = t => (/[ |]/.test(t) ? `(${t})` : t);

function fieldDoc(s) {
  if (s['x-kubernetes-int-or-string'] && s.type === 'string') return 'the name of one of Gloo\'s enum values';
  if (s.type === 'integer' && s.minimum === 0) return 'a whole number, at least 0';
  return undefined;
}

function render({ interfaces }) {
  const lines = [
    '// Generated by `node scripts/gen-option-types.js` from imports/gloo.schemas.json; do not edit.',
    '// test/model/gloo-option-types.test.ts fails when it is stale.',
    '',
  ];
  for (const i of interfaces) {
    lines.push('/**', ` * ${i.doc}`, ' */', `export interface ${i.name} {`);
    for (const p of i.props) {
      lines.push('  /**', `   * Gloo's \`${p.key}\`${p.doc ? `: ${p.doc}` : ''}.`, '   * @default - not set', '   */', `  readonly ${p.key}?: ${p.type};`);
    }
    lines.push('}', '');
  }
  return lines.join('\n');
}

function source() {
  return render(generate(JSON.parse(fs.readFileSync(SCHEMAS, 'utf8'))));
}

module.exports = { source, OUT, UPSTREAM_OPTIONS };

if (require.main === module) {
  const text = source();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${path.relative(ROOT, OUT)} is stale: run node scripts/gen-option-types.js\n`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUT, text);
  }
}
