/**
 * What the Gateway API target says of a Gloo field it does not write: where kgateway v2.2.0 (or the
 * Gateway API) has a place for it, if anywhere, and what a team can do about it meanwhile. Every
 * refusal of an unmoved option, Upstream setting or action names its entry here, so that no
 * refusal says only "not yet". The facts are from kgateway v2.2.0's CRDs (vendored in imports/ and
 * the reference) and the Gateway API v1.6.1 standard channel.
 */

/** The kinds of Gloo field the catalog speaks of. */
export type UnmovedScope = 'route option' | 'virtual host option' | 'destination option' | 'upstream option' | 'upstream' | 'route';

/** Where kgateway (or Kubernetes) carries a field's job: an object kind and fields of its spec. */
export interface KgatewayPlace {
  /** The kind: `TrafficPolicy`, `BackendConfigPolicy`, `Backend`, `HTTPListenerPolicy`, `GRPCRoute`, `Service`. */
  readonly kind: string;
  /** Dotted paths under the kind's `spec` (for a Service, under its ports). */
  readonly fields: readonly string[];
  /** How it differs from Gloo's field, or what it needs besides. */
  readonly note?: string;
}

/** One field's entry: where it would go, and what to do until then. */
export interface UnmovedField {
  /** The place that carries the same job, or `undefined` when there is none. */
  readonly kgateway?: KgatewayPlace;
  /** What a team can do: the alternative named, or how to keep the object where it works. */
  readonly instead: string;
}

const place = (kind: string, fields: string[], note?: string): KgatewayPlace => ({ kind, fields, ...(note !== undefined ? { note } : {}) });

const KEEP = 'keep this VirtualService on Gloo until it moves';

const RATE_LIMIT: UnmovedField = {
  kgateway: place('TrafficPolicy', ['rateLimit.global', 'rateLimit.local'], 'global: descriptors of generic, header, remote address and path entries, a GatewayExtension of type RateLimit for the server; local: a token bucket per Envoy'),
  instead: `rewrite the rate limit server's configuration for the descriptors kgateway sends and attach such a TrafficPolicy yourself; or ${KEEP}`,
};
const JWT: UnmovedField = {
  kgateway: place('TrafficPolicy', ['jwtAuth.extensionRef'], 'a GatewayExtension of type jwt holds the providers: issuer, audiences, JWKS'),
  instead: `write the GatewayExtension with the providers and a TrafficPolicy naming it; claims to headers and token sources other than the Authorization header have no kgateway field; or ${KEEP}`,
};
const EXT_PROC: UnmovedField = {
  kgateway: place('TrafficPolicy', ['extProc.extensionRef'], 'a GatewayExtension of type extProc; one stage: kgateway has no early or late ext proc'),
  instead: `write the GatewayExtension for the processing server and a TrafficPolicy naming it; or ${KEEP}`,
};
const TRANSFORMATION: UnmovedField = {
  kgateway: place('TrafficPolicy', ['transformation.request', 'transformation.response'], 'headers and body set from templates'),
  instead: `port the templates by hand (Gloo's extractors, regex matchers and stages have no kgateway field) and attach a TrafficPolicy; or ${KEEP}`,
};
const BUFFER: UnmovedField = {
  kgateway: place('TrafficPolicy', ['buffer.maxRequestSize', 'buffer.disable'], 'it always buffers; Gloo buffered a route only when its Gateway\'s listener had the buffer filter'),
  instead: `if the Gloo Gateway's listener set options.buffer, attach a TrafficPolicy with buffer to the HTTPRoute or its rule; if not, drop the option (Gloo ignored it); or ${KEEP}`,
};
const DLP: UnmovedField = {
  instead: `kgateway v2.2 has no data loss prevention; mask responses in an ext proc server (TrafficPolicy extProc), or ${KEEP}`,
};
const WAF: UnmovedField = {
  instead: `kgateway v2.2 has no web application firewall; run one as an ext auth or ext proc server (TrafficPolicy extAuth, extProc), or ${KEEP}`,
};
const EXTENSIONS: UnmovedField = {
  instead: 'these untyped extension configs are read by nothing the target knows; write the option they stand for with its typed field (for example options.extauth), which moves as that option, or drop them',
};
const RBAC: UnmovedField = {
  kgateway: place('TrafficPolicy', ['rbac.action', 'rbac.policy'], 'an Allow or Deny action over CEL match expressions'),
  instead: `rewrite Gloo's principals (JWT claims) as CEL expressions over the verified token (TrafficPolicy jwtAuth) and attach a TrafficPolicy with rbac; or ${KEEP}`,
};
const NO_ROUTE_LEVEL = (what: string): UnmovedField => ({ instead: `${what}; ${KEEP}, or drop the option` });
const PER_LISTENER = (field: string, what: string): UnmovedField => ({
  kgateway: place('HTTPListenerPolicy', [field], 'for a whole Gateway listener rather than one route'),
  instead: `${what}; set it on the Gateway with an HTTPListenerPolicy if every route may have it, or ${KEEP}`,
});

/** The route options (and their virtual host counterparts) the target does not write yet. */
const OPTIONS: { readonly [field: string]: UnmovedField } = {
  ai: { instead: `the AI backends of kgateway v2.2 are not in its TrafficPolicy; ${KEEP}` },
  appendXForwardedHost: NO_ROUTE_LEVEL('Gateway API and kgateway v2.2 have no x-forwarded-host option'),
  bufferPerRoute: BUFFER,
  corsPolicyMergeSettings: { instead: `kgateway replaces a virtual host's CORS policy with a route's whole (Gloo's default); a merge has no kgateway field, so give each route its whole CORS policy, or ${KEEP}` },
  dlp: DLP,
  envoyMetadata: NO_ROUTE_LEVEL('kgateway v2.2 sets no route metadata for other filters'),
  extProc: EXT_PROC,
  extProcEarly: EXT_PROC,
  extProcLate: EXT_PROC,
  extensions: EXTENSIONS,
  faults: NO_ROUTE_LEVEL('kgateway v2.2 has no fault injection; inject faults with a service mesh or a test proxy'),
  hashPolicies: {
    kgateway: place('BackendConfigPolicy', ['loadBalancer.ringHash.hashPolicies', 'loadBalancer.maglev.hashPolicies'], 'for every route to the Service rather than one route'),
    instead: `give the Upstream a ring hash or Maglev load balancer and write a BackendConfigPolicy with the hash policies on its Service; or ${KEEP}`,
  },
  hostRewritePathRegex: NO_ROUTE_LEVEL('the Gateway API URLRewrite takes a literal host name only'),
  idleTimeout: PER_LISTENER('streamIdleTimeout', 'a route\'s own idle timeout has no Gateway API or kgateway route field'),
  includeAttemptCountInResponse: NO_ROUTE_LEVEL('kgateway v2.2 has no attempt count header option'),
  includeRequestAttemptCount: NO_ROUTE_LEVEL('kgateway v2.2 has no attempt count header option'),
  includeVirtualHostRateLimits: RATE_LIMIT,
  jwt: JWT,
  jwtProvidersStaged: JWT,
  jwtStaged: JWT,
  maxStreamDuration: {
    kgateway: place('BackendConfigPolicy', ['commonHttpProtocolOptions.maxStreamDuration'], 'for every route to the Service'),
    instead: `set it on the Service with a BackendConfigPolicy if every route to it may have it, or ${KEEP}`,
  },
  rateLimitConfigs: RATE_LIMIT,
  rateLimitEarlyConfigs: RATE_LIMIT,
  rateLimitRegularConfigs: RATE_LIMIT,
  rateLimits: RATE_LIMIT,
  ratelimitBasic: RATE_LIMIT,
  ratelimitEarly: RATE_LIMIT,
  ratelimitRegular: RATE_LIMIT,
  rbac: RBAC,
  stagedTransformations: TRANSFORMATION,
  stats: NO_ROUTE_LEVEL('virtual clusters have no Gateway API or kgateway field'),
  tracing: PER_LISTENER('tracing', 'a route\'s tracing descriptor and propagation have no route field'),
  transformations: TRANSFORMATION,
  upgrades: PER_LISTENER('upgradeConfig.enabledUpgrades', 'per-route upgrades have no route field'),
  waf: WAF,
};

/** Per-destination options: kgateway attaches policies to HTTPRoutes and their rules, never to one backendRef. */
const DESTINATION_OPTIONS: UnmovedField = {
  instead: 'kgateway attaches policies to an HTTPRoute or its rules, not to one of a rule\'s backends; set the option on the whole route if every share may have it, or keep this VirtualService on Gloo until it moves',
};

/** Upstream options and settings the BackendConfigPolicy does not carry yet. */
const UPSTREAM_OPTIONS: { readonly [field: string]: UnmovedField } = {
  circuitBreakers: { kgateway: place('BackendConfigPolicy', ['circuitBreakers']), instead: 'write a BackendConfigPolicy with circuitBreakers on the Service; or keep the routes to this Upstream on Gloo until it moves' },
  connectionConfig: {
    kgateway: place('BackendConfigPolicy', ['connectTimeout', 'tcpKeepalive', 'perConnectionBufferLimitBytes', 'commonHttpProtocolOptions']),
    instead: 'write a BackendConfigPolicy with those fields on the Service; or keep the routes to this Upstream on Gloo until it moves',
  },
  healthChecks: { kgateway: place('BackendConfigPolicy', ['healthCheck'], 'one HTTP or gRPC check'), instead: 'write a BackendConfigPolicy with healthCheck on the Service; or keep the routes to this Upstream on Gloo until it moves' },
  outlierDetection: {
    kgateway: place('BackendConfigPolicy', ['outlierDetection'], 'consecutive 5xx, interval, base ejection time, max ejection percent'),
    instead: 'write a BackendConfigPolicy with outlierDetection on the Service; or keep the routes to this Upstream on Gloo until it moves',
  },
  initialConnectionWindowSize: { kgateway: place('BackendConfigPolicy', ['http2ProtocolOptions.initialConnectionWindowSize']), instead: 'write a BackendConfigPolicy with http2ProtocolOptions on the Service' },
  initialStreamWindowSize: { kgateway: place('BackendConfigPolicy', ['http2ProtocolOptions.initialStreamWindowSize']), instead: 'write a BackendConfigPolicy with http2ProtocolOptions on the Service' },
  maxConcurrentStreams: { kgateway: place('BackendConfigPolicy', ['http2ProtocolOptions.maxConcurrentStreams']), instead: 'write a BackendConfigPolicy with http2ProtocolOptions on the Service' },
  overrideStreamErrorOnInvalidHttpMessage: {
    kgateway: place('BackendConfigPolicy', ['http1ProtocolOptions.overrideStreamErrorOnInvalidHttpMessage', 'http2ProtocolOptions.overrideStreamErrorOnInvalidHttpMessage']),
    instead: 'write a BackendConfigPolicy with it on the Service',
  },
  useHttp2: { kgateway: place('Service', ['appProtocol'], 'kubernetes.io/h2c'), instead: 'set appProtocol: kubernetes.io/h2c on the Service\'s port' },
  protocolSelection: { kgateway: place('Service', ['appProtocol']), instead: 'set the Service port\'s appProtocol to the protocol the endpoints speak' },
  failover: { instead: 'kgateway v2.2 has no priority failover between endpoint groups; keep the routes to this Upstream on Gloo until it moves' },
  httpConnectHeaders: { instead: 'kgateway v2.2 has no HTTP CONNECT tunnelling to a backend; keep the routes to this Upstream on Gloo until it moves' },
  httpConnectSslConfig: { instead: 'kgateway v2.2 has no HTTP CONNECT tunnelling to a backend; keep the routes to this Upstream on Gloo until it moves' },
  httpProxyHostname: { instead: 'kgateway v2.2 has no HTTP CONNECT tunnelling to a backend; keep the routes to this Upstream on Gloo until it moves' },
  dnsRefreshRate: { instead: 'kgateway v2.2 sets no DNS refresh for a backend; drop it, or keep the routes to this Upstream on Gloo until it moves' },
  respectDnsTtl: { instead: 'kgateway v2.2 sets no DNS refresh for a backend; drop it, or keep the routes to this Upstream on Gloo until it moves' },
  disableIstioAutoMtls: { instead: 'kgateway v2.2 has no such switch; drop it, or keep the routes to this Upstream on Gloo until it moves' },
  ignoreHealthOnHostRemoval: { instead: 'kgateway v2.2 has no such switch; drop it, or keep the routes to this Upstream on Gloo until it moves' },
  preconnectPolicy: { instead: 'kgateway v2.2 has no preconnect policy; drop it, or keep the routes to this Upstream on Gloo until it moves' },
  proxyProtocolVersion: { instead: 'kgateway v2.2 sends no PROXY protocol header to a backend; keep the routes to this Upstream on Gloo until it moves' },
};

/** Upstream kinds and fields of an Upstream other than its options. */
const UPSTREAMS: { readonly [field: string]: UnmovedField } = {
  subsets: {
    instead: 'the Gateway API has no endpoint subsets: make a Kubernetes Service per subset (its selector the subset\'s labels) and route to those, or keep the routes to this Upstream on Gloo until it moves',
  },
  serviceSpec: {
    kgateway: place('GRPCRoute', ['rules'], 'gRPC-JSON transcoding has no kgateway field'),
    instead: 'route gRPC clients with a GRPCRoute of your own, or keep the routes to this Upstream on Gloo until it moves',
  },
  ai: { instead: 'the AI backends of kgateway v2.2 are not among its vendored objects; keep the routes to this Upstream on Gloo until it moves' },
  aws: { kgateway: place('Backend', ['aws.lambda'], 'type AWS'), instead: 'write a kgateway Backend of type AWS for the function and route to it; or keep the routes to this Upstream on Gloo until it moves' },
  awsEc2: { instead: 'kgateway v2.2 has no EC2 instance discovery; make a Backend of type Static with the instances\' addresses, or keep the routes on Gloo' },
  azure: { instead: 'kgateway v2.2 has no Azure Functions backend; keep the routes to this Upstream on Gloo until it moves' },
  consul: { instead: 'kgateway v2.2 has no Consul discovery; make a Backend of type Static with the service\'s addresses, or keep the routes on Gloo' },
  gcp: { instead: 'kgateway v2.2 has no Google Cloud Functions backend; keep the routes to this Upstream on Gloo until it moves' },
  sniAddr: { instead: 'a kgateway Backend takes one SNI (BackendConfigPolicy tls.sni) for all its hosts: give each SNI a static Upstream of its own, or keep the routes to these hosts on Gloo' },
  pipe: { instead: 'kgateway v2.2 has no unix socket backend; keep the routes to this Upstream on Gloo until it moves' },
};

/** Route fields other than options. */
const ROUTES: { readonly [field: string]: UnmovedField } = {
  'optionsConfigRefs': {
    instead: 'write the referenced options inline (cdk8s-gloo-canary adopt reads the RouteOption or VirtualHostOption with the VirtualService), then they move as options',
  },
  'mirror.host': { instead: 'a Gateway API RequestMirror sends the request as it is; mirror without host or keepHost, or keep this VirtualService on Gloo until it moves' },
  'mirror.upstream': { instead: 'a mirror to a static Upstream (a kgateway Backend) is not rendered: mirror to an Upstream in front of a Kubernetes Service, or keep this VirtualService on Gloo until it moves' },
  'mirror.keepHost': { instead: 'a Gateway API RequestMirror sends the request as it is; mirror without host or keepHost, or keep this VirtualService on Gloo until it moves' },
  'dynamicForwardProxy': { kgateway: place('Backend', ['dynamicForwardProxy'], 'type DynamicForwardProxy'), instead: 'write a kgateway Backend of type DynamicForwardProxy and route to it; or keep this VirtualService on Gloo until it moves' },
  'destinationSpec': { kgateway: place('Backend', ['aws.lambda'], 'for Lambda functions; nothing for gRPC or other function calls'), instead: 'route to a Backend of your own, or keep this VirtualService on Gloo until it moves' },
  'consul': { instead: 'kgateway v2.2 has no Consul discovery; route to a Backend of type Static with the service\'s addresses, or keep the route on Gloo' },
};

/**
 * The catalog by what the fields belong to, as docs/gateway-api.md lists it: route and virtual
 * host options share their entries, and every per-destination option has the one answer (`*`).
 */
export const UNMOVED_FIELDS: { readonly [group: string]: { readonly [field: string]: UnmovedField } } = {
  'route and virtual host options': OPTIONS,
  'per-destination options': { '*': DESTINATION_OPTIONS },
  'Upstream options': UPSTREAM_OPTIONS,
  'Upstreams': UPSTREAMS,
  'routes': ROUTES,
};

const own = (table: { readonly [field: string]: UnmovedField }, field: string): UnmovedField | undefined =>
  Object.prototype.hasOwnProperty.call(table, field) ? table[field] : undefined;

const BY_SCOPE: { readonly [scope in UnmovedScope]: (field: string) => UnmovedField | undefined } = {
  'route option': f => own(OPTIONS, f),
  'virtual host option': f => own(OPTIONS, f),
  'destination option': () => DESTINATION_OPTIONS,
  'upstream option': f => own(UPSTREAM_OPTIONS, f),
  'upstream': f => own(UPSTREAMS, f),
  'route': f => own(ROUTES, f),
};

/** The catalog entry for a field, `undefined` when the catalog has none (a test keeps every typed field covered). */
export function unmovedField(scope: UnmovedScope, field: string): UnmovedField | undefined {
  return BY_SCOPE[scope](field);
}

/**
 * The hint of a refusal of `field`: where kgateway would carry it and what to do instead, from the
 * catalog; a field the catalog lacks (an untyped `extra` key) gets the general advice.
 */
export function unmovedHint(scope: UnmovedScope, field: string): string {
  const entry = unmovedField(scope, field);
  if (entry === undefined) return `the gateway api target does not know this ${scope}; keep it on Gloo until it moves, or drop it`;
  return entry.kgateway !== undefined
    ? `kgateway has ${describePlace(entry.kgateway)}, which the target does not write yet: ${entry.instead}`
    : `no gateway api or kgateway field carries it: ${entry.instead}`;
}

/** A place as a reviewer reads it: `TrafficPolicy buffer.maxRequestSize, buffer.disable (note)`. */
export function describePlace(p: KgatewayPlace): string {
  return `${p.kind} ${p.fields.join(', ')}${p.note !== undefined ? ` (${p.note})` : ''}`;
}
