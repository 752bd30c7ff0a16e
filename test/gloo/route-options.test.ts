import { Duration } from 'cdk8s';
import { Destination, HashPolicy, HostRewrite, PathMatch, RouteAction, RouteTable, RoutingSimulator, Upstream, UpstreamGroup, VirtualService } from '../../src';
import { newChart, vsRoutes } from '../util';

function setup() {
  const chart = newChart();
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' } });
  const up = new Upstream(chart, 'up', { serviceName: 'shop', servicePort: 8080 });
  const route = (options: any, action = RouteAction.forward(Destination.upstream(up))) =>
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/shop') }], action, options });
  return { chart, vs, up, route };
}

describe('typed route options', () => {
  test('render as Gloo writes them', () => {
    const { chart, route } = setup();
    route({
      regexRewrite: { pattern: '^/shop/(.*)$', substitution: '/\\1' },
      hostRewrite: HostRewrite.auto(),
      timeout: Duration.millis(1500),
      retries: { retryOn: '5xx,connect-failure', numRetries: 3, perTryTimeout: Duration.seconds(2) },
      headerManipulation: {
        requestHeadersToAdd: [{ name: 'x-source', value: 'gloo' }, { name: 'x-env', value: 'prod', append: false }],
        requestHeadersToRemove: ['x-debug'],
        responseHeadersToAdd: [{ name: 'x-served-by', value: 'shop' }],
        responseHeadersToRemove: ['server'],
      },
    });
    expect(vsRoutes(chart)[0].options).toEqual({
      regexRewrite: { pattern: { regex: '^/shop/(.*)$' }, substitution: '/\\1' },
      autoHostRewrite: true,
      timeout: '1.5s',
      retries: { retryOn: '5xx,connect-failure', numRetries: 3, perTryTimeout: '2s' },
      headerManipulation: {
        requestHeadersToAdd: [{ header: { key: 'x-source', value: 'gloo' } }, { header: { key: 'x-env', value: 'prod' }, append: false }],
        requestHeadersToRemove: ['x-debug'],
        responseHeadersToAdd: [{ header: { key: 'x-served-by', value: 'shop' } }],
        responseHeadersToRemove: ['server'],
      },
    });
  });

  test.each([
    [HostRewrite.literal('api.example.com:8443'), { hostRewrite: 'api.example.com:8443' }],
    [HostRewrite.fromHeader('x-forwarded-host'), { hostRewriteHeader: 'x-forwarded-host' }],
    [HostRewrite.auto(), { autoHostRewrite: true }],
  ])('a host rewrite renders one Gloo field: %#', (hostRewrite, rendered) => {
    const { chart, route } = setup();
    route({ hostRewrite });
    expect(vsRoutes(chart)[0].options).toEqual(rendered);
  });

  test('faults, hash policies and tracing render as Gloo writes them', () => {
    const { chart, route } = setup();
    route({
      faults: { abort: { percent: 2.5, httpStatus: 503 }, delay: { percent: 10, fixedDelay: Duration.seconds(2) } },
      hashPolicies: [HashPolicy.header('x-user', { terminal: true }), HashPolicy.cookie('session', { ttl: Duration.hours(1), path: '/' }), HashPolicy.sourceIp()],
      tracing: { routeDescriptor: 'shop', propagate: false, randomSamplePercent: 10 },
    });
    expect(vsRoutes(chart)[0].options).toEqual({
      faults: { abort: { percentage: 2.5, httpStatus: 503 }, delay: { percentage: 10, fixedDelay: '2s' } },
      lbHash: { hashPolicies: [{ header: 'x-user', terminal: true }, { cookie: { name: 'session', ttl: '3600s', path: '/' } }, { sourceIp: true }] },
      tracing: { routeDescriptor: 'shop', propagate: false, tracePercentages: { randomSamplePercentage: 10 } },
    });
  });

  test('a zero timeout renders 0s (Envoy waits for ever)', () => {
    const { chart, route } = setup();
    route({ timeout: Duration.seconds(0) });
    expect(vsRoutes(chart)[0].options).toEqual({ timeout: '0s' });
  });
});

describe('typed route options: bad input', () => {
  const cases: Array<[string, any, string]> = [
    ['a duration that is not one', { timeout: '5s' }, 'options.timeout: got "5s", expected a Duration, such as Duration.seconds(15)'],
    ['a sub-millisecond duration', { timeout: Duration.millis(0.5) }, 'options.timeout: got "0.5 millis", expected a duration of zero or more whole milliseconds'],
    ['an unknown retry condition', { retries: { retryOn: '5xx,gateway-errors' } }, 'options.retries.retryOn: got "5xx,gateway-errors", expected comma-separated retry conditions envoy knows'],
    ['a negative retry count', { retries: { numRetries: -1 } }, 'options.retries.numRetries: got -1, expected a whole number from 0 to 4294967295'],
    ['a bad per-try timeout', { retries: { perTryTimeout: 2 } }, 'options.retries.perTryTimeout: got 2, expected a Duration'],
    ['a retry property that does not exist', { retries: { attempts: 3 } }, 'options.retries.attempts: got 3, expected a property RetryPolicy has: numRetries, perTryTimeout, retryOn'],
    ['a header name that is not a token', { headerManipulation: { requestHeadersToAdd: [{ name: 'x source', value: 'a' }] } },
      'options.headerManipulation.requestHeadersToAdd[0].header.key: got "x source", expected a header name that is an HTTP token'],
    ['setting the host header', { headerManipulation: { requestHeadersToAdd: [{ name: 'Host', value: 'a' }] } },
      'options.headerManipulation.requestHeadersToAdd[0].header.key: got "Host", expected a header other than host and the ":" pseudo-headers'],
    ['removing a pseudo-header', { headerManipulation: { responseHeadersToRemove: [':status'] } },
      'options.headerManipulation.responseHeadersToRemove[0]: got ":status", expected a header other than host'],
    ['a header value with a line break', { headerManipulation: { responseHeadersToAdd: [{ name: 'x-a', value: 'a\r\nb' }] } },
      'options.headerManipulation.responseHeadersToAdd[0].header.value: got "a\\r\\nb", expected a header value: a string without line breaks'],
    ['a host rewrite made by hand', { hostRewrite: { hostRewrite: 'a.example.com' } }, 'options.hostRewrite: got {"hostRewrite":"a.example.com"}, expected a HostRewrite'],
    ['a host that is not one', { hostRewrite: HostRewrite.literal('https://a.example.com') }, 'options.hostRewrite: got "https://a.example.com", expected a host name'],
    ['a host header that is not a token', { hostRewrite: HostRewrite.fromHeader('x host') }, 'options.hostRewriteHeader: got "x host", expected a header name that is an HTTP token'],
    ['a regex rewrite with a prefix rewrite', { prefixRewrite: '/', regexRewrite: { pattern: 'a', substitution: 'b' } }, 'options.regexRewrite: got {"pattern":"a","substitution":"b"}, expected no regexRewrite together with prefixRewrite'],
    ['a regex rewrite without a substitution', { regexRewrite: { pattern: 'a' } }, 'options.regexRewrite.substitution: got nothing, expected a string (it may be empty)'],
    ['an abort percentage over 100', { faults: { abort: { percent: 120, httpStatus: 503 } } }, 'options.faults.abort.percentage: got 120, expected a percentage from 0 to 100'],
    ['an abort status Gloo refuses', { faults: { abort: { percent: 1, httpStatus: 600 } } }, 'options.faults.abort.httpStatus: got 600, expected an HTTP status from 200 to 599'],
    ['a delay under a second', { faults: { delay: { percent: 1, fixedDelay: Duration.millis(500) } } }, 'options.faults.delay.fixedDelay: got "500 millis", expected a delay of at least one second'],
    ['faults with neither abort nor delay', { faults: {} }, 'options.faults: got {}, expected an abort, a delay or both'],
    ['a hash policy made by hand', { hashPolicies: [{ header: 'x-user' }] }, 'options.lbHash.hashPolicies[0]: got {"header":"x-user"}, expected a HashPolicy'],
    ['a hashed header that is not a token', { hashPolicies: [HashPolicy.header('x user')] }, 'options.lbHash.hashPolicies[0].header: got "x user", expected a header name that is an HTTP token'],
    ['a cookie path without a slash', { hashPolicies: [HashPolicy.cookie('s', { path: 'app' })] }, 'options.lbHash.hashPolicies[0].cookie.path: got "app", expected a path starting with "/"'],
    ['a trace percentage over 100', { tracing: { overallSamplePercent: 101 } }, 'options.tracing.tracePercentages.overallSamplePercentage: got 101, expected a percentage from 0 to 100'],
    ['lbHash both typed and in extra', { hashPolicies: [HashPolicy.sourceIp()], extra: { lbHash: {} } }, 'options.extra.lbHash: got {}, expected no lbHash in options.extra together with options.hashPolicies'],
    ['options that are not an object', null, 'options: got null, expected route options such as { timeout: Duration.seconds(5) }'],
    ['a field both typed and in extra', { timeout: Duration.seconds(1), extra: { timeout: '2s' } }, 'options.extra.timeout: got "2s", expected no timeout in options.extra together with options.timeout'],
    ['a host rewrite both typed and in extra', { hostRewrite: HostRewrite.auto(), extra: { hostRewrite: 'a' } }, 'options.extra.hostRewrite: got "a", expected no hostRewrite in options.extra together with options.hostRewrite'],
  ];
  test.each(cases)('%s', (_what, options, message) => {
    const { route } = setup();
    expect(() => route(options)).toThrow(`[test/vs] routes[0].${message}`);
  });

  test('a substitution referring to a group the pattern does not have fails synth', () => {
    const { chart, route } = setup();
    route({ regexRewrite: { pattern: '^/api/(.*)$', substitution: '/v1/\\2' } });
    expect(() => chart.toJson()).toThrow('routes[0].options.regexRewrite.substitution: got "/v1/\\\\2", expected a substitution whose \\N refer to the pattern\'s 1 group(s)');
  });

  test('an RE2 error in a regex rewrite fails synth', () => {
    const { chart, route } = setup();
    route({ regexRewrite: { pattern: '(?<=a)b', substitution: '' } });
    expect(() => chart.toJson()).toThrow('routes[0].options.regexRewrite.pattern.regex: got "(?<=a)b", expected a valid RE2 regular expression');
  });

  test.each(['timeout', 'retries', 'hostRewrite', 'regexRewrite', 'hashPolicies'])('%s on a delegating route is refused', field => {
    const { chart, route } = setup();
    const table = new RouteTable(chart, 'rt', { metadata: { namespace: 'default' } });
    const value = {
      timeout: Duration.seconds(1), retries: { numRetries: 1 }, hostRewrite: HostRewrite.auto(), regexRewrite: { pattern: 'a', substitution: 'b' }, hashPolicies: [HashPolicy.sourceIp()],
    }[field];
    expect(() => route({ [field]: value }, RouteAction.delegate(table))).toThrow(`routes[0].options.${field}: got`);
    expect(() => route({ [field]: value }, RouteAction.delegate(table))).toThrow(`expected no ${field} on a delegating route`);
  });

  test('header manipulation on a delegating route is Gloo\'s to merge, and allowed', () => {
    const { chart, route } = setup();
    const table = new RouteTable(chart, 'rt', { metadata: { namespace: 'default' } });
    route({ headerManipulation: { requestHeadersToRemove: ['x-debug'] } }, RouteAction.delegate(table));
    expect(vsRoutes(chart)[0].options).toEqual({ headerManipulation: { requestHeadersToRemove: ['x-debug'] } });
  });
});

describe('rewrites in simulated results', () => {
  test('the path and host the destinations receive', () => {
    const { chart, vs, up } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/v1/') }], action: RouteAction.forward(Destination.upstream(up)), options: { prefixRewrite: '/api/', hostRewrite: HostRewrite.literal('api.internal') } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/v2/') }], action: RouteAction.forward(Destination.upstream(up)), options: { regexRewrite: { pattern: '^/v2/(\\w+)/(\\d+)$', substitution: '/api/\\1?id=\\2' } } });
    vs.addRoute({ matchers: [{ path: PathMatch.exact('/home') }], action: RouteAction.forward(Destination.upstream(up)), options: { prefixRewrite: '/index.html', hostRewrite: HostRewrite.fromHeader('x-host') } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)), options: { hostRewrite: HostRewrite.auto() } });
    const sim = RoutingSimulator.fromApp(chart);
    const at = (path: string, headers?: { [k: string]: string }) => {
      const r = sim.route({ host: 'shop.example.com', path, headers });
      return { path: r.forwardedPath, host: r.forwardedHost };
    };
    expect(at('/v1/pets?limit=2')).toEqual({ path: '/api/pets?limit=2', host: 'api.internal' });
    expect(at('/v2/pets/7')).toEqual({ path: '/api/pets?id=7', host: undefined });
    expect(at('/home', { 'X-Host': 'www.example.com' })).toEqual({ path: '/index.html', host: 'www.example.com' });
    expect(at('/home')).toEqual({ path: '/index.html', host: undefined });
    expect(at('/other')).toEqual({ path: undefined, host: '{upstream host}' });
  });
});

describe('per-destination options', () => {
  test('a weighted destination adds its own headers, in routes and UpstreamGroups', () => {
    const { chart, vs, up } = setup();
    const v2 = new Upstream(chart, 'v2', { serviceName: 'shop-v2', servicePort: 8080 });
    vs.addRoute({
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(up), weight: 9 },
        { destination: Destination.upstream(v2), weight: 1, options: { headerManipulation: { requestHeadersToAdd: [{ name: 'x-canary', value: 'true' }] } } },
      ]),
    });
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v2), weight: 1, options: { headerManipulation: { responseHeadersToRemove: ['server'] } } }] });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations[1].options).toEqual({ headerManipulation: { requestHeadersToAdd: [{ header: { key: 'x-canary', value: 'true' } }] } });
    expect(vsRoutes(chart)[0].routeAction.multi.destinations[0].options).toBeUndefined();
    expect(chart.toJson().find((m: any) => m.metadata.name === group.name).spec.destinations[0].options).toEqual({ headerManipulation: { responseHeadersToRemove: ['server'] } });
  });

  test('bad per-destination options are refused, naming the destination', () => {
    const { vs, up } = setup();
    expect(() => vs.addRoute({ action: RouteAction.weightedForward([{ destination: Destination.upstream(up), weight: 1, options: { headerManipulation: { requestHeadersToRemove: [':path'] } } }]) }))
      .toThrow('[test/vs] routes[0].routeAction.multi.destinations[0].options.headerManipulation.requestHeadersToRemove[0]: got ":path", expected a header other than host');
    const options = { transformation: {} } as any;
    expect(() => vs.addRoute({ action: RouteAction.weightedForward([{ destination: Destination.upstream(up), weight: 1, options }]) }))
      .toThrow('routes[0].routeAction.multi.destinations[0].options.transformation: got {}, expected a property WeightedDestinationBehavior has: bufferPerRoute, csrf, extauth, extensions, headerManipulation, stagedTransformations, transformations (hint: did you mean transformations?)');
  });
});

describe('mirrors', () => {
  test('a mirror may set the copies\' host, or keep it without Envoy\'s -shadow suffix', () => {
    const { chart, vs, up } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(up)), mirror: { upstream: up, percent: 100, host: 'shadow.example.com' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.forward(Destination.upstream(up)), mirror: { upstream: up, percent: 5, keepHost: true } });
    expect(vsRoutes(chart).map(r => r.options.shadowing)).toEqual([
      { upstream: { name: 'default-shop-8080', namespace: 'gloo-system' }, percentage: 100, hostRewriteLiteral: 'shadow.example.com' },
      { upstream: { name: 'default-shop-8080', namespace: 'gloo-system' }, percentage: 5, disableShadowHostSuffixAppend: true },
    ]);
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up)), mirror: { upstream: up, percent: 1, host: 'https://x' } }))
      .toThrow('options.shadowing.hostRewriteLiteral: got "https://x", expected a host name, optionally with a port');
  });
});

describe('odd JavaScript input never escapes as a TypeError', () => {
  const fields = ['prefixRewrite', 'regexRewrite', 'hostRewrite', 'timeout', 'retries', 'headerManipulation', 'cors', 'csrf', 'faults',
    'hashPolicies', 'tracing', 'extauth', 'rateLimitConfigs', 'ratelimitBasic', 'rateLimits', 'includeVirtualHostRateLimits'];
  const odd: unknown[] = [null, 0, 'x', [], {}, [null], [{}], { a: null }, true];
  test.each(fields)('options.%s', field => {
    for (const value of odd) {
      const { route } = setup();
      try {
        route({ [field]: value });
      } catch (e) {
        expect((e as Error).name).toBe('GlooInputError');
        expect((e as Error).message).toContain('routes[0].options');
      }
    }
  });

  test.each(['headerManipulation', 'retries', 'cors', 'csrf', 'extauth', 'rateLimitConfigs', 'ratelimitBasic', 'rateLimits'])('virtualHost.options.%s', field => {
    for (const value of odd) {
      try {
        new VirtualService(newChart(), 'vs', { options: { [field]: value } as any });
      } catch (e) {
        expect((e as Error).name).toBe('GlooInputError');
      }
    }
  });
});
