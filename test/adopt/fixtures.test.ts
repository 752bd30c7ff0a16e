import { adoptManifests, AdoptionResult } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

const UPSTREAMS = `
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: default-pets-v1-8080, namespace: gloo-system }
spec: { kube: { serviceName: pets-v1, serviceNamespace: default, servicePort: 8080 } }
---
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: default-pets-v2-8080, namespace: gloo-system }
spec: { kube: { serviceName: pets-v2, serviceNamespace: default, servicePort: 8080 } }
`;
const V1 = '{ upstream: { name: default-pets-v1-8080, namespace: gloo-system } }';
const V2 = '{ upstream: { name: default-pets-v2-8080, namespace: gloo-system } }';

function vs(routes: string, extra: string = ''): string {
  return `
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['shop.example.com']
${extra}    routes:
${routes}`;
}

function adopt(...docs: string[]): AdoptionResult {
  return adoptManifests(readManifestText([UPSTREAMS, ...docs].join('\n---\n'), 'input.yaml'));
}

function expectProven(r: AdoptionResult): void {
  expect(r.report.problems).toEqual([]);
  expect(r.report.synthError).toBeUndefined();
  expect(r.report.comparison?.routingDifferences).toEqual([]);
  expect(r.report.comparison?.objectDifferences).toEqual([]);
  expect(r.ok).toBe(true);
}

test('a RouteTable a route delegates to becomes RouteAction.delegate, the table declared first', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /api }]
      delegateAction: { ref: { name: api, namespace: gloo-system } }
    - routeAction: { single: ${V1} }`), `
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: api, namespace: gloo-system }
spec:
  routes:
    - matchers: [{ exact: /api/health }]
      routeAction: { single: ${V2} }
    - matchers: [{ prefix: /api/pets }]
      routeAction: { single: ${V1} }`);
  expectProven(r);
  expect(r.code).toContain('action: RouteAction.delegate(apiTable)');
  expect(r.code!.indexOf('new RouteTable')).toBeLessThan(r.code!.indexOf('new VirtualService'));
});

test('a chain of RouteTables is declared innermost first, a legacy 0.x delegateAction translated to ref', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /a }]
      delegateAction: { name: outer, namespace: gloo-system }`), `
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: outer, namespace: gloo-system }
spec:
  routes:
    - matchers: [{ prefix: /a/b }]
      delegateAction: { ref: { name: inner, namespace: gloo-system } }`, `
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: inner, namespace: gloo-system }
spec:
  routes:
    - matchers: [{ prefix: /a/b/c }]
      routeAction: { single: ${V2} }`);
  expectProven(r);
  expect(r.report.translations.some(t => t.includes('delegateAction.{name,namespace} -> spec.virtualHost.routes[0].delegateAction.ref'))).toBe(true);
  expect(r.code!.indexOf("'inner'")).toBeLessThan(r.code!.indexOf("'outer'"));
});

test('an UpstreamGroup of two that one route uses becomes a CanaryRelease through an UpstreamGroup', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets }]
      routeAction: { upstreamGroup: { name: pets, namespace: gloo-system } }`), `
apiVersion: gloo.solo.io/v1
kind: UpstreamGroup
metadata: { name: pets, namespace: gloo-system }
spec:
  destinations:
    - { destination: ${V2}, weight: 25 }
    - { destination: ${V1}, weight: 75 }`);
  expectProven(r);
  expect(r.code).toContain('trafficSplit: TrafficSplit.UPSTREAM_GROUP');
  expect(r.code).toContain("stage: 'weight-25'");
  expect(r.report.releases).toHaveLength(1);
});

test('an UpstreamGroup of three stays an UpstreamGroup', () => {
  const r = adopt(vs('    - routeAction: { upstreamGroup: { name: pets, namespace: gloo-system } }'), `
apiVersion: gloo.solo.io/v1
kind: UpstreamGroup
metadata: { name: pets, namespace: gloo-system }
spec:
  destinations:
    - { destination: ${V2}, weight: 1 }
    - { destination: ${V1}, weight: 1 }
    - { destination: { kube: { ref: { name: pets-v3, namespace: default }, port: 8080 } }, weight: 1 }`);
  expectProven(r);
  expect(r.code).toContain('new UpstreamGroup(');
  expect(r.code).toContain("Destination.kubeService({ serviceName: 'pets-v3', serviceNamespace: 'default', port: 8080 })");
  expect(r.report.releases).toEqual([]);
});

test('regex and exact matchers, case-insensitive paths and methods keep their order', () => {
  const r = adopt(vs(`    - matchers: [{ exact: /pets/health, methods: [GET, HEAD] }]
      routeAction: { single: ${V2} }
    - matchers: [{ regex: '/pets/[0-9]+', caseSensitive: false }]
      routeAction: { single: ${V1} }
    - matchers: [{ prefix: /Cats, caseSensitive: false }]
      routeAction: { single: ${V1} }
    - matchers: [{ prefix: /pets }, { prefix: /animals }]
      routeAction: { single: ${V1} }`));
  expectProven(r);
  expect(r.code).toContain("PathMatch.exact('/pets/health')");
  // envoy ignores case_sensitive for a regex, so adopt drops it and says so; a prefix keeps it
  expect(r.code).toContain("PathMatch.regex('/pets/[0-9]+')");
  expect(r.report.translations).toEqual(expect.arrayContaining([expect.stringMatching(/matchers\[0\]\.caseSensitive: false dropped: envoy ignores it for a regex match/)]));
  expect(r.code).toContain("PathMatch.prefix('/Cats', { caseSensitive: false })");
  expect(r.code).toContain("methods: ['GET', 'HEAD']");
});

test('header and query matchers of every kind', () => {
  const r = adopt(vs(`    - matchers:
        - prefix: /
          headers: [{ name: x-a, value: '1' }, { name: x-b, value: 'v[0-9]', regex: true }, { name: x-c }, { name: x-d, invertMatch: true }, { name: x-e, value: '2', invertMatch: true }]
          queryParameters: [{ name: q, value: '1' }, { name: r, value: 'a.*', regex: true }, { name: s }]
      routeAction: { single: ${V2} }
    - routeAction: { single: ${V1} }`));
  expectProven(r);
  for (const c of ["HeaderMatch.valueIs('x-a', '1')", "HeaderMatch.valueMatchesRegex('x-b', 'v[0-9]')", "HeaderMatch.isPresent('x-c')",
    "HeaderMatch.isAbsent('x-d')", "HeaderMatch.valueIsNot('x-e', '2')", "QueryParameterMatch.valueIs('q', '1')",
    "QueryParameterMatch.valueMatchesRegex('r', 'a.*')", "QueryParameterMatch.isPresent('s')"]) {
    expect(r.code).toContain(c);
  }
});

test('a header route that is not right before its stable route is recognised only when nothing in between can match', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets, headers: [{ name: x-canary, value: 'yes' }] }]
      routeAction: { single: ${V2} }
    - matchers: [{ prefix: /pet }]
      routeAction: { single: ${V1} }
    - matchers: [{ prefix: /pets }]
      routeAction: { single: ${V1} }`));
  expectProven(r);
  expect(r.report.releases).toEqual([]);
});

test('typed route options are written typed; mirrors become mirror; options the constructs do not model go through options.extra with a comment', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets }]
      routeAction: { single: ${V1} }
      options:
        prefixRewrite: /api/pets
        timeout: 5s
        retries: { retryOn: 5xx, numRetries: 3, perTryTimeout: 0.25s }
        autoHostRewrite: true
        headerManipulation:
          requestHeadersToAdd: [{ header: { key: x-source, value: gloo }, append: false }]
          responseHeadersToRemove: [server]
        faults: { abort: { percentage: 1, httpStatus: 503 } }
        lbHash: { hashPolicies: [{ header: x-user, terminal: true }, { cookie: { name: session, ttl: 60s } }, { sourceIp: true }] }
        tracing: { routeDescriptor: pets, tracePercentages: { randomSamplePercentage: 5 } }
        ratelimitBasic: { anonymousLimits: { requestsPerUnit: 10, unit: MINUTE } }
        ratelimit: { includeVhRateLimits: true, rateLimits: [{ actions: [{ requestHeaders: { headerName: x-user, descriptorKey: user } }, { genericKey: { descriptorValue: pets } }] }] }
        upgrades: [{ websocket: { enabled: true } }]
        dlp: { enabledFor: 1 }
        shadowing: { upstream: { name: default-pets-v2-8080, namespace: gloo-system }, percentage: 5, hostRewriteLiteral: shadow.example.com }`));
  expectProven(r);
  for (const c of ["prefixRewrite: '/api/pets'", 'timeout: Duration.seconds(5)', "retries: { retryOn: '5xx', numRetries: 3, perTryTimeout: Duration.millis(250) }",
    'hostRewrite: HostRewrite.auto()', "requestHeadersToAdd: [{ name: 'x-source', value: 'gloo', append: false }]", "responseHeadersToRemove: ['server']",
    'faults: { abort: { percent: 1, httpStatus: 503 } }', "HashPolicy.header('x-user', { terminal: true }),", "HashPolicy.cookie('session', { ttl: Duration.seconds(60) }),", 'HashPolicy.sourceIp(),',
    "tracing: { routeDescriptor: 'pets', randomSamplePercent: 5 }", 'ratelimitBasic: { anonymousLimits: { requestsPerUnit: 10, unit: RateLimitUnit.MINUTE } }',
    "actions: [RateLimitAction.requestHeader('x-user', 'user'), RateLimitAction.genericKey('pets')]", 'includeVirtualHostRateLimits: true']) {
    expect(r.code).toContain(c);
  }
  expect(r.code).toMatch(/^import \{ App, Chart, ChartProps, Duration \} from 'cdk8s';$/m);
  expect(r.code).toMatch(/^import \{ .*HostRewrite.* \} from 'cdk8s-gloo-canary';$/m);
  expect(r.code).toContain('// options.extra: dlp (values the typed options do not take as written)');
  expect(r.code).toContain("mirror: { upstream: defaultPetsV2_8080, percent: 5, host: 'shadow.example.com' }");
  expect(r.report.escapeHatch).toEqual([expect.stringContaining('spec.virtualHost.routes[0].options.dlp passed through options.extra')]);
});

test('direct responses and redirects are written with RouteAction.directResponse and RouteAction.redirect, and proven', () => {
  const r = adopt(vs(`    - matchers: [{ exact: /healthz }]
      directResponseAction: { status: 200, body: ok }
    - matchers: [{ prefix: /old/ }]
      redirectAction: { prefixRewrite: /new/, responseCode: 3 }
    - matchers: [{ prefix: /http }]
      redirectAction: { httpsRedirect: true, hostRedirect: www.example.com, stripQuery: true }
    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }`));
  expectProven(r);
  expect(r.code).toContain("RouteAction.directResponse({ status: 200, body: 'ok' })");
  expect(r.code).toContain("RouteAction.redirect({ prefixRewrite: '/new/', responseCode: RedirectResponseCode.TEMPORARY_REDIRECT })");
  expect(r.code).toContain("RouteAction.redirect({ host: 'www.example.com', https: true, stripQuery: true })");
  expect(r.code).not.toContain('ApiObject');
});

test('a redirect Gloo or Envoy would refuse keeps the VirtualService as it is, saying why', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /old/ }]
      redirectAction: { pathRedirect: /a, prefixRewrite: /b }`));
  expect(r.code).toContain('new ApiObject(');
  expect(r.code).toContain('// kept as a plain ApiObject: spec.virtualHost.routes[0].redirectAction.prefixRewrite: got "/b", expected no prefixRewrite together with path');
});

test('VirtualHost options and TLS are written typed; an option without a typed form is a JSON patch of its own', () => {
  const r = adopt(`
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  sslConfig:
    secretRef: { name: shop-tls, namespace: gloo-system }
    sniDomains: [shop.example.com]
    parameters: { minimumProtocolVersion: TLSv1_2 }
  virtualHost:
    domains: ['shop.example.com']
    optionsConfigRefs: { delegateOptions: [{ name: shared, namespace: gloo-system }] }
    options:
      cors: { allowOrigin: ['https://shop.example.com'], maxAge: '600' }
      extauth: { configRef: { name: oauth, namespace: gloo-system } }
      headerManipulation: { requestHeadersToRemove: [x-debug] }
      csrf: { filterEnabled: { defaultValue: { numerator: 100, denominator: HUNDRED } }, additionalOrigins: [{ suffix: example.com }] }
      includeRequestAttemptCount: true
      dlp: { enabledFor: 1 }
    routes:
    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }`);
  expectProven(r);
  expect(r.code).toContain("secretRef: { name: 'shop-tls', namespace: 'gloo-system' },");
  expect(r.code).toContain('minimumProtocolVersion: TlsProtocolVersion.TLSV1_2,');
  expect(r.code).toContain("cors: { allowOrigin: ['https://shop.example.com'], maxAgeSeconds: 600 }");
  expect(r.code).toContain("extauth: ExtAuth.config({ name: 'oauth', namespace: 'gloo-system' })");
  expect(r.code).toContain("optionsConfigRefs: [{ name: 'shared', namespace: 'gloo-system' }]");
  expect(r.code).toContain("csrf: { enforcedPercent: 100, additionalOrigins: [OriginMatch.suffix('example.com')] }");
  expect(r.code).toContain('includeRequestAttemptCount: true,');
  // an enum by number: the CRD takes it, the generated type (the value's name) does not
  expect(r.code).toContain("shop.addJsonPatch(JsonPatch.add('/spec/virtualHost/options/dlp', { enabledFor: 1 }));");
  expect(r.report.escapeHatch).toEqual([expect.stringContaining('spec.virtualHost.options.dlp set with a json patch')]);
});

test('a VirtualService without domains is built with the construct\'s default, said in a comment', () => {
  const r = adopt(`
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    routes:
    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }`);
  expectProven(r);
  expect(r.code).toContain("// no domains in the input: Gloo serves the VirtualService on every domain, as the construct's default ['*'] does");
  expect(r.code).not.toContain('ApiObject');
});

test('subsets: an Upstream\'s subsetSpec and a destination\'s subset are written typed, and proven', () => {
  const r = adoptManifests(readManifestText(`
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: default-pets-8080, namespace: gloo-system }
spec: { kube: { serviceName: pets, serviceNamespace: default, servicePort: 8080, subsetSpec: { selectors: [{ keys: [version] }] } } }
---
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['shop.example.com']
    routes:
    - matchers: [{ prefix: / }]
      routeAction:
        multi:
          destinations:
          - { destination: { upstream: { name: default-pets-8080, namespace: gloo-system }, subset: { values: { version: v1 } } }, weight: 3 }
          - { destination: { upstream: { name: default-pets-8080, namespace: gloo-system }, subset: { values: { version: v2 } } }, weight: 1 }`, 'input.yaml'));
  expectProven(r);
  expect(r.code).toContain("subsets: [['version']],");
  expect(r.code).toContain("Destination.upstream(defaultPets8080, { subset: { version: 'v1' } })");
  expect(r.report.escapeHatch).toEqual([]);
});

test('an Upstream\'s load balancer (ring sizes as strings, as the Gloo docs write them) and discovery labels are written typed', () => {
  const r = adoptManifests(readManifestText(`
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: default-pets-8080, namespace: gloo-system }
spec:
  discoveryMetadata: { labels: { app: pets } }
  loadBalancerConfig: { ringHash: { ringHashConfig: { maximumRingSize: "200", minimumRingSize: "10" } } }
  kube: { serviceName: pets, serviceNamespace: default, servicePort: 8080 }
---
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: echo, namespace: gloo-system }
spec:
  loadBalancerConfig: { maglev: {} }
  static: { hosts: [{ addr: echo.example.com, port: 80 }] }`, 'input.yaml'));
  expectProven(r);
  expect(r.code).toContain('loadBalancer: LoadBalancer.ringHash({ minimumRingSize: 10, maximumRingSize: 200 }),');
  expect(r.code).toContain("discoveryLabels: { app: 'pets' },");
  expect(r.code).toContain('loadBalancer: LoadBalancer.maglev(),');
  expect(r.report.escapeHatch).toEqual([]);
});

test('an empty domains list, a VirtualHost retry timeout and an empty direct-response body are written so that they compile and prove', () => {
  const r = adopt(`
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: []
    options: { retries: { retryOn: 5xx, perTryTimeout: 2s } }
    routes:
    - matchers: [{ exact: /gone }]
      directResponseAction: { status: 204, body: '' }
    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }`);
  expectProven(r);
  expect(r.code).toMatch(/^import \{ App, Chart, ChartProps, Duration \} from 'cdk8s';$/m);
  expect(r.code).toContain("RouteAction.directResponse({ status: 204, body: '' })");
  expect(r.code).not.toContain('domains: []');
});

test('an option the typed form would not write back the same, or that its checks refuse, stays in options.extra', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets }]
      routeAction: { single: ${V1} }
      options:
        timeout: 1.0000001s
        autoHostRewrite: false
        retries: { retryOn: 5xx, retryBackOff: { baseInterval: 1s } }`));
  expectProven(r);
  expect(r.code).toContain('// options.extra: timeout, autoHostRewrite, retries (values the typed options do not take as written)');
  expect(r.code).not.toContain('Duration');
});

test('0.x routePlugins: known options are translated; one gloo 1.x does not have is refused, naming the field', () => {
  const r = adopt(vs(`    - matcher: { prefix: /pets }
      routeAction: { single: ${V1} }
      routePlugins: { timeout: 5s, legacyThing: { on: true } }`));
  expect(r.ok).toBe(false);
  expect(r.code).toBeUndefined();
  expect(r.report.problems).toEqual([
    'input.yaml document 2 (VirtualService gloo-system/shop) spec.virtualHost.routes[0].options.legacyThing: got {"on":true}, '
    + 'expected what the VirtualService CRD keeps (unknown field, pruned by the API server)',
  ]);
  expect(r.report.translations).toEqual(expect.arrayContaining([
    expect.stringContaining('routePlugins.timeout -> spec.virtualHost.routes[0].options.timeout'),
    expect.stringContaining('routePlugins.legacyThing -> spec.virtualHost.routes[0].options.legacyThing, though gloo 1.x has no such route option'),
  ]));
});

test('weights whose ratio no stage renders exactly (1/2 is 33.33...%) stay a weighted route', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets }]
      routeAction: { multi: { destinations: [{ destination: ${V2}, weight: 1 }, { destination: ${V1}, weight: 2 }] } }`));
  expectProven(r);
  expect(r.report.releases).toEqual([]);
  expect(r.code).toContain('RouteAction.weightedForward(');
});

test('references to objects not in the input become fromXxxName and are listed', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /a }]
      delegateAction: { ref: { name: elsewhere, namespace: team-a } }
    - matchers: [{ prefix: /b }]
      routeAction: { upstreamGroup: { name: shared, namespace: gloo-system } }
    - routeAction: { single: { upstream: { name: discovered, namespace: gloo-system } } }`));
  expectProven(r);
  expect(r.report.externals).toEqual([
    'RouteTable team-a/elsewhere: not in the input, referenced with RouteTable.fromRouteTableName',
    'UpstreamGroup gloo-system/shared: not in the input, referenced with UpstreamGroup.fromUpstreamGroupName',
    'Upstream gloo-system/discovered: not in the input, referenced with Upstream.fromUpstreamName',
  ]);
});

test('VirtualService fields the construct does not take are set with JSON patches; a static Upstream is a StaticUpstream, AWS and Consul ones ExternalUpstreams', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /api }]
      routeAction: { single: { upstream: { name: static-api, namespace: gloo-system } } }
    - matchers: [{ prefix: /lambda }]
      routeAction: { single: { upstream: { name: lambda, namespace: gloo-system }, destinationSpec: { aws: { logicalName: checkout } } } }
    - matchers: [{ prefix: /db }]
      routeAction: { single: { upstream: { name: db, namespace: gloo-system } } }`,
  '    options: { dlp: { enabledFor: 1 } }\n'), `
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: static-api, namespace: gloo-system }
spec: { static: { hosts: [{ addr: api.example.com, port: 443 }], useTls: true } }`, `
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: lambda, namespace: gloo-system }
spec:
  aws: { region: us-east-1, secretRef: { name: aws-creds, namespace: gloo-system }, lambdaFunctions: [{ logicalName: checkout, lambdaFunctionName: checkout-v2 }] }
  connectionConfig: { connectTimeout: 2s }`, `
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: { name: db, namespace: gloo-system }
spec: { consul: { serviceName: db, consistencyMode: 1 } }`);
  expectProven(r);
  expect(r.code).toContain("shop.addJsonPatch(JsonPatch.add('/spec/virtualHost/options'");
  expect(r.code).toContain("new StaticUpstream(this, 'static-api', {");
  expect(r.code).toContain("hosts: [{ address: 'api.example.com', port: 443 }],");
  expect(r.code).toContain("new ExternalUpstream(this, 'lambda', {");
  expect(r.code).toContain("options: { connectionConfig: { connectTimeout: '2s' } },");
  expect(r.code).toContain("Destination.upstream(lambda, { destinationSpec: { aws: { logicalName: 'checkout' } } })");
  // an enum by number: the CRD takes it, the generated type (the value's name) does not
  expect(r.code).toContain('// kept as a plain ApiObject: spec: an upstream type the construct does not take as written');
  expect(r.report.escapeHatch).toHaveLength(2);
});

test('a custom authorization service (extauth.customAuth) is written as ExtAuth.custom, on the VirtualHost and on a route', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }
      options: { extauth: { customAuth: { name: opa, contextExtensions: { team: shop } } } }`, '    options: { extauth: { customAuth: {} } }\n'));
  expectProven(r);
  expect(r.code).toContain('options: { extauth: ExtAuth.custom() },');
  expect(r.code).toContain("extauth: ExtAuth.custom({ name: 'opa', contextExtensions: { team: 'shop' } })");
  expect(r.report.escapeHatch).toEqual([]);
});

test('TLS from certificate files, with cipher suites and SDS-free fields of the CRD, is written typed', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: / }]
      routeAction: { single: ${V1} }`).replace('spec:\n', `spec:
  sslConfig:
    sslFiles: { tlsCert: /etc/tls/tls.crt, tlsKey: /etc/tls/tls.key }
    parameters: { minimumProtocolVersion: TLSv1_2, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384] }
    verifySubjectAltName: [client.example.com]
`));
  expectProven(r);
  expect(r.report.escapeHatch).toEqual([]);
  expect(r.code).toContain("sslFiles: { tlsCert: '/etc/tls/tls.crt', tlsKey: '/etc/tls/tls.key' },");
  expect(r.code).toContain("cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],");
  expect(r.code).toContain('minimumProtocolVersion: TlsProtocolVersion.TLSV1_2,');
});

test('inheritable matchers of a delegating route are written, and the proof routes the children under the parent', () => {
  const r = adopt(vs(`    - matchers: [{ prefix: /pets, headers: [{ name: x-team, value: pets }] }]
      inheritableMatchers: true
      inheritablePathMatchers: true
      delegateAction: { ref: { name: pets, namespace: gloo-system } }`), `
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: { name: pets, namespace: gloo-system }
spec:
  routes:
  - matchers: [{ prefix: / }]
    routeAction: { single: ${V1} }`);
  expectProven(r);
  expect(r.code).toContain('inheritableMatchers: true,');
  expect(r.code).toContain('inheritablePathMatchers: true,');
});
