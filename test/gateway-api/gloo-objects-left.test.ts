import { ApiObject, Chart, Testing } from 'cdk8s';
import { errorOf } from './render-fixture';
import { Destination, GatewayApiTarget, PathMatch, RouteAction, Upstream, VirtualService } from '../../src';

function app(allowGlooObjects?: string[]) {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw', allowGlooObjects });
  const chart = new Chart(a, 'test');
  const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
  vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)) });
  new ApiObject(chart, 'legacy', {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'legacy', namespace: 'shop' },
    spec: { virtualHost: { domains: ['legacy.example.com'], routes: [{ directResponseAction: { status: 200 } }] } },
  });
  new ApiObject(chart, 'auth', { apiVersion: 'enterprise.gloo.solo.io/v1', kind: 'AuthConfig', metadata: { name: 'oauth', namespace: 'gloo-system' } });
  return a;
}

describe('no Gloo object survives the Gateway API target silently', () => {
  test('a plain ApiObject of a Gloo group fails synth, named, with the way to keep it on purpose', () => {
    const message = errorOf(() => app().synth());
    expect(message).toContain('[test/legacy] apiVersion/kind: got "gateway.solo.io/v1 VirtualService shop/legacy", expected no Gloo Edge object under the gateway api target');
    expect(message).toContain("allowGlooObjects: ['VirtualService/shop/legacy']");
    expect(message).toContain('[test/auth] apiVersion/kind: got "enterprise.gloo.solo.io/v1 AuthConfig gloo-system/oauth"');
  });

  test('the objects named in allowGlooObjects are kept; the library\'s own resources never fail', () => {
    const a = app(['VirtualService/shop/legacy', 'AuthConfig/gloo-system/oauth']);
    expect(() => a.synth()).not.toThrow();
    const kinds = a.charts[0].toJson().map((m: any) => `${m.apiVersion} ${m.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['gateway.networking.k8s.io/v1 HTTPRoute', 'gateway.solo.io/v1 VirtualService', 'enterprise.gloo.solo.io/v1 AuthConfig']));
    expect(kinds).not.toContain('gloo.solo.io/v1 Upstream');
  });

  test('allowGlooObjects that is not a list of Kind/namespace/name is refused', () => {
    expect(() => GatewayApiTarget.apply(Testing.app(), { gatewayName: 'gw', allowGlooObjects: ['legacy'] }))
      .toThrow('allowGlooObjects: got ["legacy"], expected a list of "<Kind>/<namespace>/<name>"');
  });
});

test('a route\'s header manipulation moves to the HTTPRoute, and the proof at synth still finds the routing the same', () => {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
  const chart = new Chart(a, 'test');
  const up = new Upstream(chart, 'up', { serviceName: 'pets', serviceNamespace: 'shop', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
  vs.addRoute({
    matchers: [{ path: PathMatch.prefix('/') }],
    action: RouteAction.forward(Destination.upstream(up)),
    options: { headerManipulation: { requestHeadersToRemove: ['x-debug'], responseHeadersToAdd: [{ name: 'x-served-by', value: 'shop' }] } },
  });
  expect(() => a.synth()).not.toThrow();
  const route = a.charts[0].toJson().find((m: any) => m.kind === 'HTTPRoute');
  expect(route.spec.rules[0].filters.map((f: any) => f.type)).toEqual(['RequestHeaderModifier', 'ResponseHeaderModifier']);
});
