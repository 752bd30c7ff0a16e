import { Duration } from 'cdk8s';
import {
  Destination, HostRewrite, PathMatch, RedirectResponseCode, RouteAction, RoutingSimulator, Upstream, VirtualService,
} from '../../src';
import { describeRouting } from '../../src/cli/plan';
import { routingMeaning } from '../../src/simulate/request-set';
import { newChart, vsRoutes } from '../util';

function setup() {
  const chart = newChart();
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' }, domains: ['shop.example.com', 'shop.example.com:8080'] });
  const up = new Upstream(chart, 'up', { serviceName: 'shop', servicePort: 8080 });
  return { chart, vs, up };
}

describe('direct responses and redirects', () => {
  test('render as Gloo\'s directResponseAction and redirectAction', () => {
    const { chart, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.exact('/healthz') }], action: RouteAction.directResponse({ status: 200, body: 'ok' }) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/old/') }], action: RouteAction.redirect({ prefixRewrite: '/new/', responseCode: RedirectResponseCode.PERMANENT_REDIRECT }) });
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.redirect({ host: 'www.example.com', https: true, port: 8443, path: '/home', stripQuery: true }),
    });
    expect(vsRoutes(chart)).toEqual([
      { matchers: [{ exact: '/healthz' }], directResponseAction: { status: 200, body: 'ok' } },
      { matchers: [{ prefix: '/old/' }], redirectAction: { prefixRewrite: '/new/', responseCode: 'PERMANENT_REDIRECT' } },
      { matchers: [{ prefix: '/' }], redirectAction: { hostRedirect: 'www.example.com', httpsRedirect: true, portRedirect: 8443, pathRedirect: '/home', stripQuery: true } },
    ]);
  });

  test('the simulator answers with the status, the body and the Location, and plan says so', () => {
    const { chart, vs, up } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.exact('/healthz') }], action: RouteAction.directResponse({ status: 503, body: 'down' }) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/old/') }], action: RouteAction.redirect({ prefixRewrite: '/new/' }) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/secure') }], action: RouteAction.redirect({ https: true, stripQuery: true, responseCode: RedirectResponseCode.FOUND }) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)) });
    const sim = RoutingSimulator.fromApp(chart);

    const health = sim.route({ host: 'shop.example.com', path: '/healthz' });
    expect(health).toMatchObject({ matched: true, routeIndex: 0, destinations: [], directResponse: { status: 503, body: 'down' } });
    expect(health.redirect).toBeUndefined();
    expect(routingMeaning(health)).toBe('direct response 503 "down"');

    const moved = sim.route({ host: 'shop.example.com:8080', path: '/old/cart?id=7' });
    expect(moved.redirect).toEqual({ status: 301, location: '//shop.example.com:8080/new/cart?id=7' });
    const secure = sim.route({ host: 'shop.example.com:8080', path: '/secure/login?next=/' });
    expect(secure.redirect).toEqual({ status: 302, location: 'https://shop.example.com/secure/login' });
    // without a host in the request, the Location says where the request's host goes
    expect(RoutingSimulator.simulateRequest(vs, { path: '/old/x' }).redirect).toEqual({ status: 301, location: '//{host}/new/x' });

    const forwarded = sim.route({ host: 'shop.example.com', path: '/cart' });
    expect(forwarded.directResponse).toBeUndefined();
    expect(forwarded.redirect).toBeUndefined();

    const release = { releaseName: 'r', stable: 'x', canary: 'y' } as any;
    expect(describeRouting(release, health)).toBe('direct response 503');
    expect(describeRouting(release, moved)).toBe('redirect 301 to //shop.example.com:8080/new/cart?id=7');
  });
});

describe('direct responses and redirects: bad input', () => {
  const cases: Array<[string, () => RouteAction, string]> = [
    ['a status Envoy refuses', () => RouteAction.directResponse({ status: 101 }), 'directResponseAction.status: got 101, expected an HTTP status from 200 to 599'],
    ['a status that is not a number', () => RouteAction.directResponse({ status: '404' as any }), 'directResponseAction.status: got "404", expected an HTTP status from 200 to 599'],
    ['a body that is not a string', () => RouteAction.directResponse({ status: 404, body: { message: 'x' } as any }), 'directResponseAction.body: got {"message":"x"}, expected a string'],
    ['a misspelt direct response field', () => RouteAction.directResponse({ status: 404, bdy: 'x' } as any), 'directResponseAction.bdy: got "x", expected a property DirectResponse has: body, status (hint: did you mean body?)'],
    ['a redirect to the same URL', () => RouteAction.redirect({}), 'redirectAction: got {}, expected a redirect that changes the URL'],
    ['a redirect host with a scheme', () => RouteAction.redirect({ host: 'https://www.example.com' }), 'redirectAction.hostRedirect: got "https://www.example.com", expected a host name without scheme, port or path'],
    ['a redirect path without a slash', () => RouteAction.redirect({ path: 'home' }), 'redirectAction.pathRedirect: got "home", expected a path that starts with "/"'],
    ['a redirect path Gloo refuses', () => RouteAction.redirect({ path: '/a//b' }), 'redirectAction.pathRedirect: got "/a//b", expected a path without "//"'],
    ['a redirect with a path and a prefix rewrite', () => RouteAction.redirect({ path: '/a', prefixRewrite: '/b' }), 'redirectAction.prefixRewrite: got "/b", expected no prefixRewrite together with path'],
    ['a redirect port out of range', () => RouteAction.redirect({ port: 70000 }), 'redirectAction.portRedirect: got 70000, expected a port from 1 to 65535'],
    ['a redirect response code by number', () => RouteAction.redirect({ https: true, responseCode: 302 as any }), 'redirectAction.responseCode: got 302, expected a RedirectResponseCode: MOVED_PERMANENTLY (301), FOUND (302)'],
  ];
  test.each(cases)('%s', (_what, action, message) => {
    const { vs } = setup();
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: action() })).toThrow(`[test/vs] routes[0].${message}`);
  });

  test.each([
    ['timeout', Duration.seconds(1)], ['retries', { numRetries: 1 }], ['hostRewrite', HostRewrite.auto()], ['prefixRewrite', '/x'],
  ])('%s on a direct response or a redirect is refused, as Gloo does', (field, value) => {
    const { vs } = setup();
    expect(() => vs.addRoute({ action: RouteAction.directResponse({ status: 404 }), options: { [field]: value } }))
      .toThrow(`routes[0].options.${field}: got`);
    expect(() => vs.addRoute({ action: RouteAction.redirect({ https: true }), options: { [field]: value } }))
      .toThrow(`expected no ${field} on a redirect (hint: gloo applies ${field} only to routes that forward`);
  });

  test('a mirror on a direct response is refused, as Gloo does', () => {
    const { vs, up } = setup();
    expect(() => vs.addRoute({ action: RouteAction.directResponse({ status: 404 }), mirror: { upstream: up, percent: 10 } }))
      .toThrow('[test/vs] routes[0].options.shadowing: got {"upstream":"default-shop-8080","percent":10}, expected no mirror on a route that does not forward (direct-response)');
  });

  test('a plain object written for the action names the factory', () => {
    const { vs } = setup();
    expect(() => vs.addRoute({ action: { directResponseAction: { status: 404 } } as any }))
      .toThrow('[test/vs] routes[0].action: got {"directResponseAction":{"status":404}}, expected a RouteAction, made with RouteAction.directResponse(...)');
  });
});
