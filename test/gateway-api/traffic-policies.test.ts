import { Chart, Duration, Testing } from 'cdk8s';
import { errorOf, fixture, render } from './render-fixture';
import {
  CrdSchemaValidator, Destination, ExtAuth, GatewayApiTarget, GatewayApiTargetProps, HostRewrite, LoadBalancer, OriginMatch, PathMatch, RouteAction,
  RouteProps, RouteTable, Upstream, VirtualHostBehavior, VirtualService,
} from '../../src';
import { corsProblems } from '../../src/gateway-api/cors-render';
import { kgatewayRuleProblems } from '../../src/gateway-api/kgateway-rules';
import { ruleName } from '../../src/gateway-api/rule-names';

/** An app under the target with one VirtualService `shop/shop` holding `routes`, synthesized. */
function synth(routes: Array<Omit<RouteProps, 'action'>>, options?: VirtualHostBehavior, props: Partial<GatewayApiTargetProps> = {}): any[] {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw', ...props });
  const chart = new Chart(a, 'test');
  const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' }, options });
  for (const r of routes) vs.addRoute({ ...r, action: RouteAction.forward(Destination.upstream(up)) });
  a.synth();
  return a.charts[0].toJson();
}

const byKind = (manifests: any[], kind: string) => manifests.filter(m => m.kind === kind);
const prefix = (p: string) => [{ path: PathMatch.prefix(p) }];

describe('route options kgateway carries become a TrafficPolicy on the route\'s rules', () => {
  test('autoHostRewrite, retries and csrf: the rule is named, the policy targets it, the other rules stay unnamed', () => {
    const out = synth([
      {
        matchers: prefix('/findPets'),
        options: {
          hostRewrite: HostRewrite.auto(),
          retries: { retryOn: '5xx, connect-failure', numRetries: 3, perTryTimeout: Duration.millis(1500) },
          csrf: { enforcedPercent: 100, additionalOrigins: [OriginMatch.suffix('example.com'), OriginMatch.regex('https://.*\\.shop')] },
        },
      },
      { matchers: prefix('/') },
    ]);
    const [route] = byKind(out, 'HTTPRoute');
    expect(route.spec.rules.map((r: any) => r.name)).toEqual(['findpets', undefined]);
    expect(byKind(out, 'TrafficPolicy')).toEqual([{
      apiVersion: 'gateway.kgateway.dev/v1alpha1',
      kind: 'TrafficPolicy',
      metadata: { name: 'shop-findpets', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop', sectionName: 'findpets' }],
        autoHostRewrite: true,
        retry: { attempts: 3, retryOn: ['5xx', 'connect-failure'], perTryTimeout: '1s500ms' },
        csrf: { percentageEnabled: 100, additionalOrigins: [{ suffix: 'example.com' }, { safeRegex: 'https://.*\\.shop' }] },
      },
    }]);
  });

  test('a route that becomes several rules (a prefix rewrite, one rule per matcher) names them <name>, <name>.2 and the policy targets each', () => {
    const out = synth([{
      name: 'Legacy API',
      matchers: [{ path: PathMatch.prefix('/v1') }, { path: PathMatch.prefix('/old') }],
      options: { prefixRewrite: '/api/', hostRewrite: HostRewrite.auto() },
    }], undefined, { acceptNarrowedPrefixes: true });
    expect(byKind(out, 'HTTPRoute')[0].spec.rules.map((r: any) => r.name)).toEqual(['legacy-api', 'legacy-api.2']);
    expect(byKind(out, 'TrafficPolicy')[0].spec.targetRefs.map((t: any) => t.sectionName)).toEqual(['legacy-api', 'legacy-api.2']);
  });

  test('regexRewrite becomes urlRewrite.pathRegex; with a prefix rewrite it is refused', () => {
    const out = synth([{ matchers: prefix('/pets'), options: { regexRewrite: { pattern: '^/pets/(\\d+)$', substitution: '/api/pets/\\1' } } }]);
    expect(byKind(out, 'TrafficPolicy')[0].spec.urlRewrite).toEqual({ pathRegex: { pattern: '^/pets/(\\d+)$', substitution: '/api/pets/\\1' } });
    const f = fixture();
    const call = RouteAction.forward(Destination.restFunction(f.v1, 'findPetById', { parameters: { headers: { ':path': '/findPetWithId/{id}' } } }));
    expect(errorOf(() => render([{ matchers: prefix('/findPetWithId/'), action: call, options: { regexRewrite: { pattern: 'a', substitution: 'b' } } }], {}, f)))
      .toContain('routes[0].options.regexRewrite: got {"pattern":"a","substitution":"b"}, expected no regex rewrite on a route that rewrites its prefix or calls a function with a path');
  });

  test('what kgateway\'s retry and csrf cannot say the same is refused, naming the field', () => {
    const cases: Array<[RouteProps['options'], string]> = [
      [{ retries: { numRetries: 2 } }, 'options.retries.retryOn: got nothing, expected at least one condition to retry on'],
      [{ retries: { retryOn: '5xx,retriable-headers' } }, 'options.retries.retryOn: got "retriable-headers", expected a condition kgateway retries on'],
      [{ csrf: { enforcedPercent: 50, shadowPercent: 100 } }, 'options.csrf: got {"enforcedPercent":50,"shadowPercent":100}, expected enforcedPercent or shadowPercent, not both'],
    ];
    for (const [options, message] of cases) expect(errorOf(() => synth([{ matchers: prefix('/'), options }]))).toContain(`routes[0].${message}`);
  });

  test('ext auth needs the GatewayExtension named for its Gloo configuration; a route that turns it off gets disable', () => {
    const routes = [
      { matchers: prefix('/admin'), options: { extauth: ExtAuth.config({ name: 'oauth', namespace: 'gloo-system' }) } },
      { matchers: prefix('/'), options: { extauth: ExtAuth.disabled() } },
    ];
    const message = errorOf(() => synth(routes));
    expect(message).toContain('routes[0].options.extauth: got "AuthConfig gloo-system/oauth", expected a kgateway GatewayExtension that does what the gloo auth configuration did');
    expect(message).toContain("extAuthExtensions: { 'gloo-system/oauth': '<namespace>/<name>' }");
    const out = synth(routes, undefined, { extAuthExtensions: { 'gloo-system/oauth': 'kgateway-system/ext-auth' } });
    expect(byKind(out, 'TrafficPolicy').map(p => [p.metadata.name, p.spec.extAuth])).toEqual([
      ['shop-admin', { extensionRef: { name: 'ext-auth', namespace: 'kgateway-system' } }],
      ['shop-root', { disable: {} }],
    ]);
  });

  test('extAuthExtensions that is not a map of Gloo configurations to GatewayExtensions is refused', () => {
    expect(() => GatewayApiTarget.apply(Testing.app(), { gatewayName: 'gw', extAuthExtensions: { oauth: 'ext-auth' } }))
      .toThrow('[(app)] extAuthExtensions: got {"oauth":"ext-auth"}, expected a map from "<namespace>/<name>" of a gloo AuthConfig (or "custom"');
  });

  test('an AuthConfig named without a namespace is the VirtualService\'s; named custom servers are told apart; an extension named without a namespace is the policy\'s', () => {
    const routes = [
      // a named server keeps Gloo's name for it (settings' namedExtauth keys are free text)
      { matchers: prefix('/b'), options: { extauth: ExtAuth.custom({ name: 'opaHttpAuthz' }) } },
      { matchers: prefix('/'), options: { extauth: ExtAuth.custom() } },
    ];
    const vh = { extauth: ExtAuth.config({ name: 'oauth' }) };
    expect(errorOf(() => synth([], vh))).toContain('[test/vs] options.extauth: got "AuthConfig shop/oauth"');
    const message = errorOf(() => synth(routes));
    expect(message).toContain('got "custom auth custom/opaHttpAuthz"');
    expect(message).toContain('got "custom auth custom"');
    // the key the hint tells the user to write is one the target accepts
    expect(message).toContain('GatewayApiTargetProps.extAuthExtensions: { \'custom/opaHttpAuthz\': \'<namespace>/<name>\' }');
    const out = synth(routes, vh, { extAuthExtensions: { 'shop/oauth': 'oauth-ext', 'custom/opaHttpAuthz': 'policy/opa-ext', 'custom': 'kgateway-system/default-auth' } });
    expect(byKind(out, 'TrafficPolicy').map(p => p.spec.extAuth.extensionRef)).toEqual([
      { name: 'oauth-ext' }, { name: 'opa-ext', namespace: 'policy' }, { name: 'default-auth', namespace: 'kgateway-system' },
    ]);
  });

  test('without options that need one, no TrafficPolicy and no rule name: the output is what it was', () => {
    const out = synth([{ matchers: prefix('/'), options: { timeout: Duration.seconds(5) } }]);
    expect(byKind(out, 'TrafficPolicy')).toEqual([]);
    expect(byKind(out, 'HTTPRoute')[0].spec.rules[0].name).toBeUndefined();
  });
});

describe('virtual host options kgateway carries become a TrafficPolicy on the whole HTTPRoute', () => {
  test('retries, csrf and header manipulation', () => {
    const out = synth([{ matchers: prefix('/') }], {
      retries: { retryOn: 'gateway-error' },
      csrf: { shadowPercent: 100 },
      headerManipulation: { requestHeadersToRemove: ['cookie'], responseHeadersToAdd: [{ name: 'x-shop', value: 'yes', append: false }] },
    });
    expect(byKind(out, 'TrafficPolicy')).toEqual([expect.objectContaining({
      metadata: { name: 'shop', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop' }],
        retry: { retryOn: ['gateway-error'] },
        csrf: { percentageShadowed: 100 },
        headerModifiers: { request: { remove: ['cookie'] }, response: { set: [{ name: 'x-shop', value: 'yes' }] } },
      },
    })]);
  });

  test('a header both the virtual host and a route change is refused; different headers move', () => {
    const vh = { headerManipulation: { requestHeadersToRemove: ['Cookie'], responseHeadersToAdd: [{ name: 'x-shop', value: 'a' }] } };
    expect(errorOf(() => synth([{ matchers: prefix('/'), options: { headerManipulation: { requestHeadersToAdd: [{ name: 'cookie', value: 'x' }] } } }], vh)))
      .toContain('[test/vs] routes[0].options.headerManipulation.requestHeaders: got "cookie", expected a request header the virtual host\'s header manipulation leaves alone');
    expect(errorOf(() => synth([{ matchers: prefix('/'), options: { headerManipulation: { responseHeadersToRemove: ['X-Shop'] } } }], vh)))
      .toContain('routes[0].options.headerManipulation.responseHeaders: got "x-shop", expected a response header');
    const out = synth([{ matchers: prefix('/'), options: { headerManipulation: { requestHeadersToRemove: ['x-debug'], responseHeadersToRemove: ['cookie'] } } }], vh);
    expect(byKind(out, 'HTTPRoute')[0].spec.rules[0].filters.map((f: any) => f.type)).toEqual(['RequestHeaderModifier', 'ResponseHeaderModifier']);
  });

  test('the same check for a weighted destination\'s headers, and for the routes of a RouteTable the virtual host delegates to', () => {
    const vh = { headerManipulation: { requestHeadersToRemove: ['cookie'] } };
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
    const table = new RouteTable(chart, 'rt', {
      metadata: { name: 'api', namespace: 'shop' },
      routes: [{ matchers: prefix('/api/x'), action: RouteAction.forward(Destination.upstream(up)), options: { headerManipulation: { requestHeadersToAdd: [{ name: 'Cookie', value: 'a' }] } } }],
    });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' }, options: vh });
    vs.addRoute({ matchers: prefix('/api'), action: RouteAction.delegate(table) });
    vs.addRoute({
      matchers: prefix('/'),
      action: RouteAction.weightedForward([{ destination: Destination.upstream(up), weight: 1, options: { headerManipulation: { requestHeadersToRemove: ['cookie'] } } }]),
    });
    const message = errorOf(() => a.synth());
    expect(message).toContain('[test/vs] routes[1].routeAction.multi.destinations[0].options.headerManipulation.requestHeaders: got "cookie"');
    expect(message).toContain('[test/rt] routes[0].options.headerManipulation.requestHeaders: got "cookie"');
  });

  test('a virtual host option kgateway does not carry yet is refused by name', () => {
    expect(errorOf(() => synth([{ matchers: prefix('/') }], { jwt: { providers: {} } })))
      .toContain('[test/vs] options.jwt: got {"providers":{}}, expected no virtual host options other than retries, csrf, extauth, headerManipulation');
  });
});

describe('CORS: a route\'s policy is the rule\'s standard CORS filter, a virtual host\'s the HTTPRoute\'s TrafficPolicy', () => {
  const policy = { allowOrigin: ['https://shop.example.com', 'http://localhost:3000'], allowMethods: ['GET', 'POST'], allowHeaders: ['x-token'], exposeHeaders: ['x-trace'], maxAgeSeconds: 600, allowCredentials: true };
  const filter = { allowOrigins: ['https://shop.example.com', 'http://localhost:3000'], allowMethods: ['GET', 'POST'], allowHeaders: ['x-token'], exposeHeaders: ['x-trace'], maxAge: 600, allowCredentials: true };

  test('each field as Gateway API\'s; a route that turns the virtual host\'s off gets a TrafficPolicy cors.disable', () => {
    const out = synth([{ matchers: prefix('/api'), options: { cors: policy } }, { matchers: prefix('/'), options: { cors: { disableForRoute: true } } }], { cors: { allowOrigin: ['*'] } });
    const rules = byKind(out, 'HTTPRoute')[0].spec.rules;
    expect(rules[0].filters).toEqual([{ type: 'CORS', cors: filter }]);
    expect(rules[1].filters).toBeUndefined();
    expect(byKind(out, 'TrafficPolicy').map(p => [p.metadata.name, p.spec.cors])).toEqual([['shop', { allowOrigins: ['*'] }], ['shop-root', { disable: {} }]]);
  });

  test('what Gateway API\'s CORS filter reads otherwise is refused by name', () => {
    const cases: Array<[object, string]> = [
      [{ allowOriginRegex: ['https://.*\\.example\\.com'] }, 'options.cors.allowOriginRegex: got ["https://.*\\\\.example\\\\.com"], expected origins listed exactly'],
      [{ allowOrigin: ['https://*.example.com'] }, 'options.cors.allowOrigin: got "https://*.example.com", expected an origin without * (or * alone)'],
      [{ allowOrigin: ['https://shop_example.com'] }, 'options.cors.allowOrigin: got "https://shop_example.com", expected an origin as gateway api takes it'],
      [{ allowOrigin: ['*'], allowMethods: ['PURGE'] }, 'options.cors.allowMethods: got "PURGE", expected a method gateway api knows'],
      [{ allowOrigin: ['*'], maxAgeSeconds: 0 }, 'options.cors.maxAgeSeconds: got 0, expected at least 1 second'],
    ];
    for (const [cors, message] of cases) expect(errorOf(() => synth([{ matchers: prefix('/'), options: { cors } as any }]))).toContain(`routes[0].${message}`);
    expect(errorOf(() => synth([{ matchers: prefix('/') }], { cors: { allowOrigin: ['*'], disableForRoute: true } })))
      .toContain('options.cors.disableForRoute: got true, expected no disableForRoute on a virtual host');
  });

  test('the CRD rules of a CORS filter, for HTTPRoutes and a TrafficPolicy\'s cors', () => {
    const problems = corsProblems({ allowOrigins: ['*', 'https://a.example.com'], allowMethods: ['GET', 'GET', 'FETCH'], allowHeaders: ['bad header'], maxAge: 0 }, 'cors')
      .map(([field, , expected]) => `${field}: ${expected}`);
    expect(problems).toEqual([
      'cors.allowOrigins: * alone or no *',
      'cors.allowMethods[2]: one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, *',
      'cors.allowMethods: no item twice (a set)',
      'cors.allowHeaders[0]: a header name of at most 256 characters',
      'cors.maxAge: a whole number of seconds, at least 1',
    ]);
    const tp = { apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'TrafficPolicy', metadata: { name: 'p' }, spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], cors: { maxAge: 0 } } };
    expect(kgatewayRuleProblems(tp).map(p => p.field)).toEqual(['spec.cors.maxAge']);
    expect(kgatewayRuleProblems({ ...tp, spec: { ...tp.spec, cors: { disable: {} } } })).toEqual([]);
  });
});

describe('a direct response becomes a kgateway DirectResponse named by its rule\'s ExtensionRef filter', () => {
  test('the object beside the HTTPRoute, its status and body; a TrafficPolicy of the same route still targets the rule', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
    vs.addRoute({ name: 'maintenance', matchers: prefix('/'), action: RouteAction.directResponse({ status: 503, body: 'back soon' }), options: { csrf: { enforcedPercent: 100 } } });
    a.synth();
    const out = a.charts[0].toJson();
    expect(byKind(out, 'DirectResponse')).toEqual([{
      apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'DirectResponse', metadata: { name: 'shop-maintenance', namespace: 'shop' }, spec: { status: 503, body: 'back soon' },
    }]);
    expect(byKind(out, 'HTTPRoute')[0].spec.rules).toEqual([{
      name: 'maintenance',
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      filters: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'DirectResponse', name: 'shop-maintenance' } }],
    }]);
    expect(byKind(out, 'TrafficPolicy').map(p => p.spec.targetRefs[0].sectionName)).toEqual(['maintenance']);
  });

  test('the DirectResponse rules', () => {
    const response = (spec: any) => kgatewayRuleProblems({ apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'DirectResponse', metadata: { name: 'd' }, spec }).map(p => `${p.field}: ${p.expected}`);
    expect(response({ status: 200, body: 'ok' })).toEqual([]);
    expect(response({ status: 101, body: '' })).toEqual(['spec.status: an HTTP status from 200 to 599', 'spec.body: a body of 1 to 4096 characters']);
  });
});

describe('rule names', () => {
  const named = (props: Partial<RouteProps>, taken: string[] = []) => ruleName(props as RouteProps, new Set(taken));
  test('the Gloo route name, else the first matcher\'s path, in lower case with other characters as dashes; never a dot', () => {
    expect(named({ name: 'Find.Pet_By Id' })).toBe('find-pet-by-id');
    expect(named({ matchers: [{ path: PathMatch.exact('/findPetWithId/') }] })).toBe('findpetwithid');
    expect(named({ matchers: [{ path: PathMatch.prefix('/') }] })).toBe('root');
    expect(named({})).toBe('root');
    expect(named({ name: 'x'.repeat(100) })).toHaveLength(63);
  });
  test('a name taken by an earlier route of the HTTPRoute gets -2, -3, ...', () => {
    expect(named({ name: 'pets' }, ['pets'])).toBe('pets-2');
    expect(named({ name: 'pets' }, ['pets', 'pets-2'])).toBe('pets-3');
    expect(named({ name: 'y'.repeat(70) }, ['y'.repeat(63)])).toBe(`${'y'.repeat(61)}-2`);
  });
  test('a policy name over 253 characters (a long VirtualService name and its rule) is refused where it is made', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const vs = new VirtualService(new Chart(a, 'test'), 'vs', { metadata: { name: 'v'.repeat(250), namespace: 'shop' } });
    expect(() => vs.addRoute({ name: 'retry-me', matchers: prefix('/'), action: RouteAction.forward(Destination.kubeService({ serviceName: 's', serviceNamespace: 'shop', port: 80 })), options: { retries: { retryOn: '5xx' } } }))
      .toThrow(/metadata\.name: got "v{250}-retry-me", expected a TrafficPolicy name of at most 253 characters/);
  });

  test('two routes of one name in one HTTPRoute get two names', () => {
    const out = synth([
      { name: 'pets', matchers: prefix('/a'), options: { hostRewrite: HostRewrite.auto() } },
      { name: 'pets', matchers: prefix('/b'), options: { hostRewrite: HostRewrite.auto() } },
    ]);
    expect(byKind(out, 'TrafficPolicy').map(p => [p.metadata.name, p.spec.targetRefs[0].sectionName])).toEqual([['shop-pets', 'pets'], ['shop-pets-2', 'pets-2']]);
  });
});

describe('the kgateway CRD rules the target checks its objects against', () => {
  const policy = (spec: any) => ({ apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'TrafficPolicy', metadata: { name: 'p' }, spec });
  const target = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }];
  const fields = (spec: any) => kgatewayRuleProblems(policy(spec)).map(p => `${p.field}: ${p.expected}`);

  test('each rule reports its field', () => {
    expect(fields({ targetRefs: target })).toEqual([]);
    expect(fields({})).toEqual([expect.stringContaining('spec.targetRefs: a target')]);
    expect(fields({ targetRefs: [{ ...target[0], kind: 'Service' }] })).toEqual(['spec.targetRefs[0].kind: Gateway, HTTPRoute or a ListenerSet']);
    expect(fields({ targetRefs: [{ ...target[0], sectionName: 'A' }] })).toEqual([expect.stringContaining('spec.targetRefs[0].sectionName: a section name')]);
    expect(fields({ targetRefs: [{ ...target[0], kind: 'Gateway', sectionName: 'http' }], autoHostRewrite: true }))
      .toEqual([expect.stringContaining('spec.autoHostRewrite: HTTPRoute targets only')]);
    expect(fields({ targetRefs: target, retry: { attempts: 2 } })).toEqual(['spec.retry: retryOn or statusCodes']);
    expect(fields({ targetRefs: target, retry: { retryOn: ['5xx'], perTryTimeout: '1.5s' } })).toEqual([expect.stringContaining('spec.retry.perTryTimeout: a duration matching')]);
    expect(fields({ targetRefs: target, retry: { retryOn: ['5xx'], perTryTimeout: '0s' } })).toEqual(['spec.retry.perTryTimeout: at least 1ms']);
    expect(fields({ targetRefs: target, retry: { retryOn: ['5xx'], perTryTimeout: '2s' }, timeouts: { request: '1s500ms' } }))
      .toEqual(['spec.retry.perTryTimeout: less than timeouts.request (1s500ms)']);
    expect(fields({ targetRefs: target, csrf: { percentageEnabled: 1, percentageShadowed: 2 } })).toEqual(['spec.csrf: at most one of percentageEnabled and percentageShadowed']);
    expect(fields({ targetRefs: target, csrf: { percentageEnabled: 101 } })).toEqual(['spec.csrf.percentageEnabled: an integer from 0 to 100']);
    expect(fields({ targetRefs: target, csrf: { additionalOrigins: [{ exact: 'a', prefix: 'b' }] } })).toEqual([expect.stringContaining('spec.csrf.additionalOrigins[0]: exactly one of')]);
    expect(fields({ targetRefs: target, extAuth: { disable: {}, extensionRef: { name: 'x' } } })).toEqual(['spec.extAuth: exactly one of extensionRef and disable']);
  });

  test('the Backend rules', () => {
    const backend = (spec: any) => kgatewayRuleProblems({ apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'Backend', metadata: { name: 'b' }, spec }).map(p => `${p.field}: ${p.expected}`);
    expect(backend({ static: { hosts: [{ host: 'a', port: 80 }] } })).toEqual([]);
    expect(backend({ static: { hosts: [] }, aws: {} })).toEqual(['spec: exactly one of aws, static, dynamicForwardProxy', 'spec.static.hosts: at least one host']);
    expect(backend({ static: { hosts: [{ host: '', port: 70000 }] } })).toEqual(['spec.static.hosts[0].host: a host name or address', 'spec.static.hosts[0].port: a port from 1 to 65535']);
  });

  test('the schema check knows the kgateway kinds and reports a field the CRD lacks', () => {
    const v = CrdSchemaValidator.kgateway();
    expect(v.resources).toEqual(expect.arrayContaining(['gateway.kgateway.dev/v1alpha1/TrafficPolicy', 'gateway.kgateway.dev/v1alpha1/DirectResponse']));
    expect(v.validate([policy({ targetRefs: target, retries: {} })]).map(x => x.field)).toEqual(['spec.retries']);
  });
});

describe('an Upstream\'s load balancer becomes a BackendConfigPolicy on its Service; its discovery labels stay behind', () => {
  function upstreamApp(upstreams: Array<{ id: string; loadBalancer?: LoadBalancer; discoveryLabels?: { [k: string]: string } }>): any[] {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
    upstreams.forEach((u, i) => {
      const up = new Upstream(chart, u.id, { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080, loadBalancer: u.loadBalancer, discoveryLabels: u.discoveryLabels });
      vs.addRoute({ matchers: prefix(`/${i}`), action: RouteAction.forward(Destination.upstream(up)) });
    });
    a.synth();
    return a.charts[0].toJson();
  }

  test('each algorithm with its settings, named and placed as the Service', () => {
    const cases: Array<[LoadBalancer, unknown]> = [
      [LoadBalancer.roundRobin(), { roundRobin: {} }],
      [LoadBalancer.leastRequest({ choiceCount: 3 }), { leastRequest: { choiceCount: 3 } }],
      [LoadBalancer.random(), { random: {} }],
      [LoadBalancer.ringHash({ minimumRingSize: 1024 }), { ringHash: { minimumRingSize: 1024 } }],
      [LoadBalancer.maglev(), { maglev: {} }],
    ];
    for (const [lb, expected] of cases) {
      expect(byKind(upstreamApp([{ id: 'up', loadBalancer: lb }]), 'BackendConfigPolicy')).toEqual([{
        apiVersion: 'gateway.kgateway.dev/v1alpha1',
        kind: 'BackendConfigPolicy',
        metadata: { name: 'pets', namespace: 'shop' },
        spec: { targetRefs: [{ group: '', kind: 'Service', name: 'pets' }], loadBalancer: expected },
      }]);
    }
  });

  test('Upstreams of one Service with different load balancers, or one with and one without, are refused: kgateway sets them per Service', () => {
    expect(errorOf(() => upstreamApp([{ id: 'a', loadBalancer: LoadBalancer.random() }, { id: 'b', loadBalancer: LoadBalancer.maglev() }])))
      .toContain('[test/b/BackendConfigPolicy] metadata.name: got "BackendConfigPolicy/shop/pets", expected a BackendConfigPolicy name of its own (test/a/BackendConfigPolicy writes');
    expect(errorOf(() => upstreamApp([{ id: 'a', loadBalancer: LoadBalancer.random() }, { id: 'b' }])))
      .toContain('[test/a/BackendConfigPolicy] loadBalancer: got {"loadBalancer":{"random":{}}}, expected the same settings on every way to the Service shop/pets (Upstream test/b sets others or none)');
    expect(byKind(upstreamApp([{ id: 'a', loadBalancer: LoadBalancer.random() }, { id: 'b', loadBalancer: LoadBalancer.random() }]), 'BackendConfigPolicy')).toHaveLength(1);
  });

  test('a route straight to a Service (Destination.kube) that an Upstream with settings stands for is refused', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080, loadBalancer: LoadBalancer.maglev() });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
    vs.addRoute({ matchers: prefix('/a'), action: RouteAction.forward(Destination.upstream(up)) });
    vs.addRoute({ matchers: prefix('/'), action: RouteAction.forward(Destination.kubeService({ serviceName: 'pets', serviceNamespace: 'shop', port: 8080 })) });
    expect(errorOf(() => a.synth())).toContain('(a route\'s destination to the Service (Destination.kube) sets others or none)');
  });

  test('TLS to the Service\'s endpoints (options.sslConfig) is the policy\'s tls, field by field; SDS and other options are refused by name', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const up = (id: string, options: any) => new Upstream(chart, id, { serviceName: id, serviceNamespace: 'shop', servicePort: 8443, options });
    const mtls = up('mtls', {
      sslConfig: {
        secretRef: { name: 'client-cert', namespace: 'shop' },
        sni: 'pets.internal',
        verifySubjectAltName: ['spiffe://pets'],
        parameters: { minimumProtocolVersion: 'TLSv1_2', cipherSuites: ['ECDHE-RSA-AES128-GCM-SHA256'] },
        alpnProtocols: ['h2'],
        oneWayTls: true,
      },
    });
    up('files', { sslConfig: { sslFiles: { rootCa: '/etc/ca.pem' } } });
    up('plain', { sslConfig: {} });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
    vs.addRoute({ action: RouteAction.forward(Destination.upstream(mtls)) });
    a.synth();
    expect(Object.fromEntries(byKind(a.charts[0].toJson(), 'BackendConfigPolicy').map(p => [p.metadata.name, p.spec.tls]))).toEqual({
      mtls: {
        secretRef: { name: 'client-cert' },
        sni: 'pets.internal',
        verifySubjectAltNames: ['spiffe://pets'],
        parameters: { minVersion: '1.2', cipherSuites: ['ECDHE-RSA-AES128-GCM-SHA256'] },
        alpnProtocols: ['h2'],
        simpleTLS: true,
      },
      files: { files: { rootCA: '/etc/ca.pem' } },
      plain: { insecureSkipVerify: true },
    });
    expect(() => up('sds', { sslConfig: { sds: { targetUri: 'x' } } })).toThrow('[test/sds] options.sslConfig.sds: got {"targetUri":"x"}, expected a Secret or certificate files');
    expect(() => up('hc', { healthChecks: [] })).toThrow('[test/hc] options.healthChecks: got [], expected no Upstream options other than sslConfig under the gateway api target');
  });

  test('discovery labels do not stop the move and are not written: nothing the target writes selects Upstreams', () => {
    const out = upstreamApp([{ id: 'up', discoveryLabels: { app: 'pets' } }]);
    expect(out.map(m => m.kind).sort()).toEqual(['HTTPRoute']);
  });

  test('the BackendConfigPolicy rules', () => {
    const policy = (spec: any) => kgatewayRuleProblems({ apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: 'BackendConfigPolicy', metadata: { name: 'p' }, spec })
      .map(p => `${p.field}: ${p.expected}`);
    expect(policy({ targetRefs: [{ group: '', kind: 'Service', name: 's' }], loadBalancer: { random: {} } })).toEqual([]);
    expect(policy({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 's' }] })).toEqual(['spec.targetRefs[0]: a Kubernetes Service (group "") or a kgateway Backend']);
    expect(policy({ targetRefs: [{ group: '', kind: 'Service', name: 's' }], loadBalancer: { random: {}, maglev: {} } }))
      .toEqual(['spec.loadBalancer: exactly one of leastRequest, roundRobin, ringHash, maglev, random']);
    const service = [{ group: '', kind: 'Service', name: 's' }];
    expect(policy({ targetRefs: service, tls: { secretRef: { name: 'a' }, insecureSkipVerify: true } })).toEqual(['spec.tls: exactly one of secretRef, files, insecureSkipVerify, wellKnownCACertificates']);
    expect(policy({ targetRefs: service, tls: { files: {} } })).toEqual(['spec.tls.files: at least one of tlsCertificate, tlsKey, rootCA']);
  });
});
