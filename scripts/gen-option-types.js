#!/usr/bin/env node
// Writes src/model/gloo-option-types.generated.ts and src/gloo/pass-through-fields.generated.ts:
// TypeScript interfaces for every field of Gloo's CRDs the library does not type by hand (route,
// VirtualHost and weighted-destination options; an Upstream's further spec fields, its types
// outside Kubernetes and its gRPC service spec; function destinations; the rest of a
// VirtualService's TLS), and the lists of those fields, from the vendored CRD schemas in
// imports/gloo.schemas.json. `HAND_TYPED` lists the fields typed by hand (timeouts, retries,
// CORS, ...), which the generated interfaces leave out.
//
//   node scripts/gen-option-types.js           writes the files
//   node scripts/gen-option-types.js --check   exits 1 when a file is not what it would write
//
// Each generated interface is one object shape of the CRD within a family of options (a JWT
// provider of a VirtualHost and of a route is one interface), named where it is first met: the
// family's prefix and the field's name (`JwtProvider` for `providers`), or the parent's name and
// the field's when that name is taken; `NAMED` and `RENAMED` give clearer names, `WELL_KNOWN` the
// shapes every family shares. test/model/gloo-option-types.test.ts fails when a file is stale.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'src/model/gloo-option-types.generated.ts');
const FIELDS_OUT = path.join(ROOT, 'src/gloo/pass-through-fields.generated.ts');
const SCHEMAS = path.join(ROOT, 'imports/gloo.schemas.json');

/**
 * The fields the library types by hand (in src/model and src/gloo), by where they are; every other
 * field of the CRD's route options, VirtualHost options and Upstream spec is generated.
 */
const HAND_TYPED = {
  route: [
    'autoHostRewrite', 'cors', 'csrf', 'extauth', 'faults', 'headerManipulation', 'hostRewrite', 'hostRewriteHeader', 'lbHash',
    'prefixRewrite', 'rateLimitConfigs', 'ratelimit', 'ratelimitBasic', 'regexRewrite', 'retries', 'shadowing', 'timeout', 'tracing',
  ],
  virtualHost: ['cors', 'csrf', 'extauth', 'headerManipulation', 'rateLimitConfigs', 'ratelimit', 'ratelimitBasic', 'retries'],
  // an Upstream's type (one of these), the typed load balancer and discovery labels, and its status
  upstream: ['ai', 'aws', 'awsEc2', 'azure', 'consul', 'gcp', 'kube', 'pipe', 'static', 'loadBalancerConfig', 'discoveryMetadata', 'namespacedStatuses'],
  // a REST function is typed by hand (Destination.restFunction, UpstreamProps.functions)
  destinationSpec: ['rest'],
  serviceSpec: ['rest'],
  // SslConfig types the Secret, server names, protocol versions and cipher suites, ALPN and one-way TLS
  sslConfig: ['secretRef', 'sniDomains', 'parameters', 'alpnProtocols', 'oneWayTls'],
  destinationOptions: ['headerManipulation', 'csrf', 'extauth'],
};

/** The places whose generated fields are a list rather than the CRD's but some: the Upstream types outside Kubernetes. */
const ONLY = {
  upstreamType: ['ai', 'aws', 'awsEc2', 'azure', 'consul', 'gcp', 'pipe'],
};

/** The generated interface of each place: the fields of the CRD there that are not typed by hand. */
const ROOTS = {
  route: {
    name: 'GlooRouteOptions',
    doc: 'The route options of Gloo\'s CRD that `RouteBehavior` does not type by hand (JWT, RBAC, WAF, DLP, transformations, external processing, buffering, upgrades, ...), as the CRD defines them.',
  },
  virtualHost: {
    name: 'GlooVirtualHostOptions',
    doc: 'The VirtualHost options of Gloo\'s CRD that `VirtualHostBehavior` does not type by hand (JWT, RBAC, WAF, DLP, transformations, external processing, ...), as the CRD defines them.',
  },
  upstreamType: {
    name: 'ExternalUpstreamType',
    doc: 'What an Upstream outside Kubernetes is (exactly one field): AWS Lambda, EC2, Azure Functions, Consul, GCP, an AI provider or a Unix pipe, as the CRD defines it.',
  },
  destinationSpec: {
    name: 'FunctionDestinationSpec',
    doc: 'Which function of an Upstream a destination calls, other than a REST function (exactly one field): an AWS Lambda, an Azure function or a gRPC method, as the CRD defines it.',
  },
  serviceSpec: {
    name: 'UpstreamServiceSpec',
    doc: 'What service a Kubernetes Upstream\'s pods offer, other than REST functions: gRPC, or gRPC to JSON transcoding, as the CRD defines it.',
  },
  destinationOptions: {
    name: 'GlooDestinationOptions',
    doc: 'The options of one weighted destination that `WeightedDestinationBehavior` does not type by hand (transformations, buffering, extensions), as the CRD defines them.',
  },
  sslConfig: {
    name: 'GlooSslConfigOptions',
    doc: 'The fields of a VirtualService\'s `sslConfig` that `SslConfig` does not type by hand (certificate files or SDS, subject alternative names, OCSP stapling, ...), as the CRD defines them.',
  },
  upstream: {
    name: 'UpstreamOptions',
    doc: 'The fields of an Upstream\'s `spec` besides its type: connection, TLS, health checks, outlier detection, HTTP/2; as the CRD defines them.',
  },
};

/** The names of the shapes of some fields (`<where>.<field>`), and the prefix of the shapes inside them. */
const NAMED = {
  'virtualHost.jwt': { name: 'JwtVirtualHostSettings', prefix: 'Jwt' },
  'virtualHost.jwtStaged': { name: 'JwtStagedProviders', prefix: 'Jwt' },
  'route.jwt': { name: 'JwtRouteSettings', prefix: 'Jwt' },
  'route.jwtStaged': { name: 'JwtStagedRouteSettings', prefix: 'Jwt' },
  'route.jwtProvidersStaged': { name: 'JwtStagedProviders', prefix: 'Jwt' },
  'rbac': { name: 'RbacSettings', prefix: 'Rbac' },
  'waf': { name: 'WafSettings', prefix: 'Waf' },
  'dlp': { name: 'DlpSettings', prefix: 'Dlp' },
  'transformations': { name: 'Transformations', prefix: 'Transformation' },
  'stagedTransformations': { name: 'TransformationStages', prefix: 'Transformation' },
  'extProc': { name: 'ExtProcSettings', prefix: 'ExtProc' },
  'extProcEarly': { name: 'ExtProcSettings', prefix: 'ExtProc' },
  'extProcLate': { name: 'ExtProcSettings', prefix: 'ExtProc' },
  'bufferPerRoute': { name: 'BufferSettings', prefix: 'Buffer' },
  'route.ai': { name: 'AiRouteSettings', prefix: 'Ai' },
  'extensions': { name: 'GlooExtensions', prefix: 'Extension' },
  'route.hostRewritePathRegex': { name: 'HostRewritePathRegex', prefix: 'HostRewrite' },
  'virtualHost.ratelimitEarly': { name: 'RateLimitStage', prefix: 'RateLimit' },
  'virtualHost.ratelimitRegular': { name: 'RateLimitStage', prefix: 'RateLimit' },
  'route.ratelimitEarly': { name: 'RateLimitRouteStage', prefix: 'RateLimit' },
  'route.ratelimitRegular': { name: 'RateLimitRouteStage', prefix: 'RateLimit' },
  'rateLimitEarlyConfigs': { name: 'RateLimitConfigRefs', prefix: 'RateLimit' },
  'rateLimitRegularConfigs': { name: 'RateLimitConfigRefs', prefix: 'RateLimit' },
  'route.upgrades': { name: 'UpgradeConfig', prefix: 'Upgrade' },
  'virtualHost.corsPolicyMergeSettings': { name: 'CorsPolicyMergeSettings', prefix: 'Cors' },
  'virtualHost.stats': { name: 'VirtualHostStats', prefix: 'Stats' },
};

/** The name of a field's shape (and the prefix of the shapes inside it) where `NAMED` gives none, by place. */
const FALLBACK = {
  route: f => ({ name: `${pascal(f)}Settings`, prefix: pascal(f) }),
  virtualHost: f => ({ name: `${pascal(f)}Settings`, prefix: pascal(f) }),
  // an Upstream's: Upstream and the field's name (`UpstreamSslConfig`)
  upstream: (f, s) => ({ name: `Upstream${pascal(s.type === 'array' ? singular(f) : f)}`, prefix: 'Upstream' }),
  serviceSpec: f => ({ name: `Upstream${pascal(f)}`, prefix: 'Upstream' }),
  sslConfig: f => ({ name: `Tls${pascal(f)}`, prefix: 'Tls' }),
  destinationOptions: f => ({ name: `${pascal(f)}Settings`, prefix: pascal(f) }),
  upstreamType: f => ({ name: `${pascal(f)}UpstreamSpec`, prefix: `${pascal(f)}Upstream` }),
  destinationSpec: f => ({ name: `${pascal(f)}DestinationSpec`, prefix: `${pascal(f)}Destination` }),
};

/** What some generated fields are, for their documentation. */
const FIELD_DOCS = {
  'jwt': 'JWT verification (Gloo Enterprise): providers, their keys and token sources; on a route, `{ disable: true }` turns the VirtualHost\'s off',
  'jwtStaged': 'JWT verification before and after external authentication (Gloo Enterprise)',
  'jwtProvidersStaged': 'JWT providers of the route itself, before and after external authentication (Gloo Enterprise)',
  'rbac': 'role-based access control (Gloo Enterprise)',
  'waf': 'the web application firewall (Gloo Enterprise)',
  'dlp': 'data loss prevention: what is masked in responses (Gloo Enterprise)',
  'transformations': 'request and response transformations, Gloo\'s older form (prefer `stagedTransformations`)',
  'stagedTransformations': 'request and response transformations by stage: templates of headers and body, extractors, and matchers of the requests and responses they apply to',
  'extProc': 'external processing (Gloo Enterprise)',
  'extProcEarly': 'external processing in the early stage (Gloo Enterprise)',
  'extProcLate': 'external processing in the late stage (Gloo Enterprise)',
  'bufferPerRoute': 'how much of a request is buffered, e.g. `{ buffer: { maxRequestBytes: 10485760 } }`',
  'upgrades': 'protocol upgrades the route allows (WebSocket, HTTP CONNECT); only on a route that forwards',
  'idleTimeout': 'how long a stream may be idle, a duration such as `"300s"`; only on a route that forwards',
  'maxStreamDuration': 'the longest a stream may last; only on a route that forwards',
  'hostRewritePathRegex': 'rewrites the `Host` header from the path by regular expression; not with `hostRewrite`, only on a route that forwards',
  'appendXForwardedHost': 'appends the original host to `x-forwarded-host` when the host is rewritten; only with `hostRewrite`',
  'extensions': 'configuration of Gloo extensions by name (the form of Gloo 0.x and early 1.x)',
  'envoyMetadata': 'metadata Envoy attaches to the route, by filter namespace',
};

/** Names clearer than the generated ones (a field's name with its option's prefix). */
const RENAMED = {
  JwtJwks: 'JwtKeySet',
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
  UpstreamParameter: 'TlsParameters',
  UpstreamSd: 'TlsSdsConfig',
  UpstreamSslFile: 'TlsFiles',
  UpstreamCallCredential: 'TlsCallCredential',
  UpstreamFileCredentialSource: 'TlsFileCredentialSource',
  UpstreamCommonHttpProtocolOption: 'UpstreamCommonHttpProtocolOptions',
  UpstreamHttp1ProtocolOption: 'UpstreamHttp1ProtocolOptions',
  RateLimitRateLimit: 'RateLimitRule',
  RateLimitAction: 'RateLimitRuleAction',
  UpstreamReceive: 'UpstreamHealthCheckPayload',
  UpstreamPolicy: 'UpstreamFailoverPolicy',
  ConsulUpstreamServiceSpec: 'ExternalUpstreamServiceSpec',
  RateLimitLocalRatelimit: 'RateLimitLocalSettings',
};

/** Shapes with a name of their own wherever they are met. */
const WELL_KNOWN = [
  { name: 'GlooResourceRef', keys: ['name', 'namespace'], type: 'string', doc: 'A reference to a Gloo or Kubernetes object by name and namespace, as Gloo writes it.' },
  { name: 'GlooKeyValue', keys: ['key', 'value'], type: 'string', doc: 'A key and a value, as Gloo writes a header or a metadata entry.' },
  { name: 'GlooInt64Range', keys: ['end', 'start'], type: 'integer', doc: 'A range of whole numbers, `start` included and `end` not (Envoy\'s Int64Range).' },
];

/** Where each place's fields are: the resource's schema and the path to the object holding them. */
const PLACES = {
  virtualHost: ['gateway.solo.io/v1/VirtualService', 'spec', 'virtualHost', 'options'],
  route: ['gateway.solo.io/v1/VirtualService', 'spec', 'virtualHost', 'routes', '[]', 'options'],
  upstream: ['gloo.solo.io/v1/Upstream', 'spec'],
  upstreamType: ['gloo.solo.io/v1/Upstream', 'spec'],
  destinationSpec: ['gateway.solo.io/v1/VirtualService', 'spec', 'virtualHost', 'routes', '[]', 'routeAction', 'single', 'destinationSpec'],
  serviceSpec: ['gloo.solo.io/v1/Upstream', 'spec', 'kube', 'serviceSpec'],
  sslConfig: ['gateway.solo.io/v1/VirtualService', 'spec', 'sslConfig'],
  destinationOptions: ['gateway.solo.io/v1/VirtualService', 'spec', 'virtualHost', 'routes', '[]', 'routeAction', 'multi', 'destinations', '[]', 'options'],
};

/** The fields of the place `at` (its properties by field). */
function optionsOf(schemas, at) {
  let schema = schemas[PLACES[at][0]];
  for (const step of PLACES[at].slice(1)) schema = step === '[]' ? schema.items : schema.properties[step];
  return schema.properties;
}

/** The generated fields of `at`: the CRD's, but the hand-typed ones (or only the ones listed), sorted. */
function generatedFields(schemas, at) {
  const fields = optionsOf(schemas, at);
  const listed = HAND_TYPED[at] ?? ONLY[at];
  const missing = listed.filter(f => !fields[f]);
  if (missing.length > 0) throw new Error(`the ${at} fields ${missing.join(', ')} are not in the CRD any more`);
  return (ONLY[at] ?? Object.keys(fields).filter(f => !HAND_TYPED[at].includes(f))).sort();
}

const pascal = s => s.charAt(0).toUpperCase() + s.slice(1);
/** The family of a name prefix: an Upstream's fields, its TLS and its types are one (they share shapes); each option is its own. */
const familyOf = prefix => (/Upstream$|^Tls$/.test(prefix) ? 'Upstream' : prefix);
const NOT_PLURAL = ['postgres', 'redis', 'status', 'tls', 'jwks'];
const singular = s => (NOT_PLURAL.includes(s) ? s : /ies$/.test(s) ? s.replace(/ies$/, 'y')
  : /(?:ch|sh|x|ss|us)es$/.test(s) ? s.slice(0, -2) : /[^s]s$/.test(s) ? s.slice(0, -1) : s);
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
    const keys = Object.keys(s.properties).sort();
    const known = WELL_KNOWN.find(w => w.keys.join() === keys.join() && keys.every(k => s.properties[k].type === w.type));
    // a shape is one interface within a family of options, so that a JWT key set and a rate limit's
    // metadata path do not share a name, and a name depends only on its family's schema
    const key = known ? `*:${canonical(s)}` : `${familyOf(candidates.prefix)}:${canonical(s)}`;
    if (byShape.has(key)) return byShape.get(key);
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

  const fields = {};
  for (const at of ['virtualHost', 'route', 'destinationOptions', 'upstream', 'sslConfig', 'serviceSpec', 'destinationSpec', 'upstreamType']) {
    const root = ROOTS[at];
    taken.add(root.name);
    const entry = { name: root.name, doc: root.doc, props: [] };
    interfaces.push(entry);
    const schema = optionsOf(schemas, at);
    fields[at] = generatedFields(schemas, at);
    for (const f of fields[at]) {
      const named = NAMED[`${at}.${f}`] ?? NAMED[f];
      // an Upstream's: Upstream and the field's name (`UpstreamSslConfig`); an option's: the field's and `Settings`
      const fallback = FALLBACK[at](f, schema[f]);
      const candidates = [RENAMED[named?.name ?? fallback.name] ?? named?.name ?? fallback.name];
      candidates.prefix = named ? named.prefix : fallback.prefix;
      const where = `${PLACES[at].slice(1).join('.').replace('.[]', '[]')}.${f}`;
      const type = typeOf(schema[f], candidates, where);
      if (named && /^[A-Z]/.test(type) && type.replace(/\[\]$/, '') !== named.name) {
        throw new Error(`${where} is named ${type}, not ${named.name}: its shape was met before under another name`);
      }
      entry.props.push({ key: f, type, doc: FIELD_DOCS[f] ?? fieldDoc(schema[f]) });
    }
  }
  return { interfaces, fields };
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

/** src/gloo/pass-through-fields.generated.ts: the generated fields by place, for the renderers and checks. */
function renderFields({ fields }) {
  const list = names => names.map(n => `'${n}'`).join(', ');
  return [
    '// Generated by `node scripts/gen-option-types.js` from imports/gloo.schemas.json; do not edit.',
    '',
    '/** The route options typed from the CRD (`GlooRouteOptions`), by Gloo field name. */',
    `export const GENERATED_ROUTE_OPTIONS = [${list(fields.route)}] as const;`,
    '',
    '/** The VirtualHost options typed from the CRD (`GlooVirtualHostOptions`), by Gloo field name. */',
    `export const GENERATED_VIRTUAL_HOST_OPTIONS = [${list(fields.virtualHost)}] as const;`,
    '',
    '/** The Upstream spec fields typed from the CRD (`UpstreamOptions`). */',
    `export const GENERATED_UPSTREAM_OPTIONS = [${list(fields.upstream)}] as const;`,
    '',
    '/** The Upstream types outside Kubernetes typed from the CRD (`ExternalUpstreamType`). */',
    `export const GENERATED_UPSTREAM_TYPES = [${list(fields.upstreamType)}] as const;`,
    '',
    '/** The function destinations typed from the CRD (`FunctionDestinationSpec`). */',
    `export const GENERATED_DESTINATION_SPECS = [${list(fields.destinationSpec)}] as const;`,
    '',
    '/** The options of a weighted destination typed from the CRD (`GlooDestinationOptions`). */',
    `export const GENERATED_DESTINATION_OPTIONS = [${list(fields.destinationOptions)}] as const;`,
    '',
    '/** The fields of a VirtualService\'s sslConfig typed from the CRD (`GlooSslConfigOptions`). */',
    `export const GENERATED_SSL_CONFIG_OPTIONS = [${list(fields.sslConfig)}] as const;`,
    '',
    '/** The service specs of a Kubernetes Upstream typed from the CRD (`UpstreamServiceSpec`). */',
    `export const GENERATED_SERVICE_SPECS = [${list(fields.serviceSpec)}] as const;`,
    '',
  ].join('\n');
}

/** The files the script writes, by path, and their text. */
function sources() {
  const generated = generate(JSON.parse(fs.readFileSync(SCHEMAS, 'utf8')));
  return { [OUT]: render(generated), [FIELDS_OUT]: renderFields(generated) };
}

module.exports = { sources };

if (require.main === module) {
  const stale = [];
  for (const [file, text] of Object.entries(sources())) {
    if (process.argv.includes('--check')) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(path.relative(ROOT, file));
    } else {
      fs.writeFileSync(file, text);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(`${stale.join(', ')} stale: run node scripts/gen-option-types.js\n`);
    process.exit(1);
  }
}
