import { Chart, Testing } from 'cdk8s';
import { errorOf } from './render-fixture';
import { Destination, GatewayApiTarget, HeaderMatch, PathMatch, RouteAction, RouteProps, RouteTable, Upstream, VirtualService } from '../../src';
import { expandDelegation, isDelegatedMatch } from '../../src/gateway-api/http-route-delegation';
import { GatewayApiOutcome, HttpRouteSimulator } from '../../src/gateway-api/http-route-simulator';

/** An app under the target: a VirtualService `shop/shop` whose route `/api` delegates to the table `team/api`, and whose `/` goes to `web`. */
function synth(tableRoutes: (up: (svc: string) => Upstream) => RouteProps[], parent: Partial<RouteProps> = {}, tableNamespace = 'team'): any[] {
  const a = Testing.app();
  GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
  const chart = new Chart(a, 'test');
  const ups = new Map<string, Upstream>();
  const up = (svc: string) => ups.get(svc) ?? ups.set(svc, new Upstream(chart, svc, { serviceName: svc, serviceNamespace: 'shop', servicePort: 8080 })).get(svc)!;
  const table = new RouteTable(chart, 'table', { metadata: { name: 'api', namespace: tableNamespace }, routes: tableRoutes(up) });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' } });
  vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(table), ...parent });
  vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up('web'))) });
  a.synth();
  return a.charts[0].toJson();
}

const forward = (up: Upstream) => RouteAction.forward(Destination.upstream(up));
const routes = (out: any[]) => Object.fromEntries(out.filter(m => m.kind === 'HTTPRoute').map(m => [`${m.metadata.namespace}/${m.metadata.name}`, m.spec]));

describe('delegation to a RouteTable becomes kgateway route delegation', () => {
  test('the parent rule names the table\'s HTTPRoute; the table is an HTTPRoute whose parent is the VirtualService\'s; the proof follows the delegation', () => {
    const out = synth(up => [
      { matchers: [{ path: PathMatch.exact('/api/pets') }], action: forward(up('pets')) },
      { matchers: [{ path: PathMatch.prefix('/api/users') }], action: forward(up('users')) },
    ]);
    const spec = routes(out);
    expect(spec['shop/shop'].rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      backendRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'api', namespace: 'team' }],
    });
    expect(spec['team/api'].parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop', namespace: 'shop' }]);
    expect(spec['team/api'].hostnames).toBeUndefined();
    expect(spec['team/api'].rules.map((r: any) => [r.matches.map((m: any) => m.path.value), r.backendRefs[0].name]))
      .toEqual([[['/api/pets'], 'pets'], [['/api/users', '/api/users[^/].*'], 'users']]);
    // the Services of the table's routes, in another namespace than its HTTPRoute, get their grant
    expect(out.filter(m => m.kind === 'ReferenceGrant').map(g => `${g.metadata.namespace}/${g.metadata.name}`)).toContain('shop/httproutes-from-team');
  });

  test('the proof follows the delegation: table routes Gateway API precedence would reorder are refused', () => {
    // Gloo takes the table's routes in order (/api/ first); Gateway API the most specific match (the exact path)
    expect(errorOf(() => synth(up => [
      { matchers: [{ path: PathMatch.prefix('/api/') }], action: forward(up('users')) },
      { matchers: [{ path: PathMatch.exact('/api/pets') }], action: forward(up('pets')) },
    ]))).toContain('got "GET /api/pets", expected the same routing from both gateways (gloo: shop/users:8080=100%; gateway api: shop/pets:8080=100% by team/api rules[1])');
  });

  test('what kgateway\'s delegation reads otherwise than Gloo is refused on the delegating route, by name', () => {
    const table = (up: (svc: string) => Upstream) => [{ matchers: [{ path: PathMatch.prefix('/api/pets') }], action: forward(up('pets')) }];
    expect(errorOf(() => synth(table, { matchers: [{ path: PathMatch.prefix('/api'), headers: [HeaderMatch.valueIs('x-team', 'a')] }] })))
      .toContain('[test/vs] routes[0].matchers[0].headers: got [{"name":"x-team","value":"a","regex":false,"inverted":false}], expected no headers on a route that delegates');
    expect(errorOf(() => synth(table, { matchers: [{ path: PathMatch.exact('/api') }] })))
      .toContain('routes[0].matchers[0].exact: got "/api", expected a case-sensitive prefix matcher on a route that delegates');
    expect(errorOf(() => synth(table, { inheritableMatchers: true })))
      .toContain('routes[0].inheritableMatchers: got true, expected a delegating route whose table\'s routes do not inherit its matchers');
    expect(errorOf(() => synth(table, { options: { csrf: { enforcedPercent: 100 } } })))
      .toContain('routes[0].options.csrf: got {"enforcedPercent":100}, expected no options on a route that delegates');
  });

  test('a table no VirtualService of the app delegates to is a child without parentRefs, which any parent may name', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const pets = new Upstream(chart, 'pets', { serviceName: 'pets', serviceNamespace: 'team', servicePort: 8080 });
    new RouteTable(chart, 'rt', { metadata: { name: 'api', namespace: 'team' }, routes: [{ matchers: [{ path: PathMatch.prefix('/api/pets') }], action: forward(pets) }] });
    a.synth();
    const [child] = a.charts[0].toJson().filter((m: any) => m.kind === 'HTTPRoute');
    expect(child.spec.parentRefs).toBeUndefined();
    expect(child.spec.hostnames).toBeUndefined();
    expect(child.spec.rules[0].backendRefs).toEqual([{ name: 'pets', port: 8080 }]);
  });

  test('a delegation to a RouteTable the app does not define is refused: it cannot be proven', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(RouteTable.fromRouteTableName(chart, 'rt', 'api', { namespace: 'team' })) });
    expect(errorOf(() => a.synth())).toContain('routes[0].delegateAction.ref: got "team/api", expected a RouteTable defined in this app');
  });

  test('across VirtualServices whose domains overlap, a request a delegated rule of another HTTPRoute takes is found', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const up = (svc: string) => new Upstream(chart, svc, { serviceName: svc, serviceNamespace: 'shop', servicePort: 8080 });
    const table = new RouteTable(chart, 'table', { metadata: { name: 'api', namespace: 'shop' }, routes: [{ matchers: [{ path: PathMatch.prefix('/api/pets') }], action: forward(up('pets')) }] });
    const wild = new VirtualService(chart, 'wild', { metadata: { name: 'wild', namespace: 'shop' }, domains: ['*'] });
    wild.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(table) });
    const specific = new VirtualService(chart, 'specific', { metadata: { name: 'specific', namespace: 'shop' }, domains: ['api.example.com'] });
    specific.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: forward(up('x')) });
    // Gloo gives api.example.com to the specific VirtualService, which has no /api route; the Gateway merges the wildcard's delegated rule
    expect(errorOf(() => a.synth())).toContain('[test/wild] domains: got "GET /api/pets to host api.example.com", expected only requests its own VirtualService takes in gloo');
  });

  test('a table that delegates further is refused (nested delegation is not rendered yet)', () => {
    const a = Testing.app();
    GatewayApiTarget.apply(a, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(a, 'test');
    const inner = new RouteTable(chart, 'inner', { metadata: { name: 'inner' } });
    const outer = new RouteTable(chart, 'outer', { metadata: { name: 'outer' }, routes: [{ matchers: [{ path: PathMatch.prefix('/api/v1') }], action: RouteAction.delegate(inner) }] });
    new VirtualService(chart, 'vs', { metadata: { name: 'shop' } }).addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(outer) });
    expect(errorOf(() => a.synth())).toContain('[test/outer] routes[0].delegateAction: got "default/inner", expected no delegation from a RouteTable');
  });
});

describe('the Gateway API simulator follows route delegation as kgateway', () => {
  const route = (name: string, spec: any, namespace = 'ns') => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace }, spec });
  const prefix = (value: string, extra: any = {}) => ({ path: { type: 'PathPrefix', value }, ...extra });
  const parent = route('parent', {
    parentRefs: [{ name: 'gw' }],
    rules: [
      { matches: [prefix('/api')], backendRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'child', namespace: 'team' }] },
      { matches: [prefix('/')], backendRefs: [{ name: 'web', port: 80 }] },
    ],
  });
  const child = (spec: any) => route('child', { rules: [{ matches: [prefix('/api/pets')], backendRefs: [{ name: 'pets', port: 80 }] }, { matches: [prefix('/other')], backendRefs: [{ name: 'x', port: 80 }] }], ...spec }, 'team');
  const target = (manifests: any[], path: string) => {
    const r = HttpRouteSimulator.forGateway('gw', manifests).route({ host: 'a', path });
    return r.outcome === GatewayApiOutcome.FORWARD ? `${r.route} rules[${r.ruleIndex}] ${r.backends.map(b => `${b.namespace}/${b.name}`).join()}` : r.outcome;
  };

  test('the child\'s valid rules take the parent rule\'s place, their backends in the child\'s namespace; invalid matches are dropped', () => {
    const manifests = [parent, child({})];
    expect(target(manifests, '/api/pets/1')).toBe('team/child rules[0] team/pets');
    expect(target(manifests, '/other')).toBe('ns/parent rules[1] ns/web');
    expect(target(manifests, '/api/x')).toBe('ns/parent rules[1] ns/web');
  });

  test('a child with hostnames, with parentRefs that do not name the parent, or missing, adds nothing; one naming the parent does', () => {
    expect(target([parent, child({ hostnames: ['a'] })], '/api/pets')).toBe('ns/parent rules[1] ns/web');
    expect(target([parent, child({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'other', namespace: 'ns' }] })], '/api/pets')).toBe('ns/parent rules[1] ns/web');
    expect(target([parent], '/api/pets')).toBe('ns/parent rules[1] ns/web');
    expect(target([parent, child({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'parent', namespace: 'ns' }] })], '/api/pets')).toBe('team/child rules[0] team/pets');
  });

  test('isDelegatedMatch: a PathPrefix parent whose value starts the child\'s; headers, query params and method included', () => {
    expect(isDelegatedMatch(prefix('/api'), prefix('/api/x'))).toBe(true);
    expect(isDelegatedMatch(prefix('/api'), { path: { type: 'RegularExpression', value: '/api[^/].*' } })).toBe(true);
    expect(isDelegatedMatch({ path: { type: 'Exact', value: '/api' } }, prefix('/api'))).toBe(false);
    expect(isDelegatedMatch(prefix('/api'), { path: { type: 'RegularExpression', value: '(?i)/api' } })).toBe(false);
    const h = { name: 'x', value: 'a' };
    expect(isDelegatedMatch(prefix('/', { headers: [h] }), prefix('/a'))).toBe(false);
    expect(isDelegatedMatch(prefix('/', { headers: [h] }), prefix('/a', { headers: [{ ...h, type: 'Exact' }] }))).toBe(true);
    expect(isDelegatedMatch(prefix('/', { method: 'GET' }), prefix('/a'))).toBe(false);
  });

  test('a route without delegation is as given', () => {
    const plain = route('p', { parentRefs: [{ name: 'gw' }], rules: [{ matches: [prefix('/')] }] });
    expect(expandDelegation(plain, [plain], 'default')).toEqual({ manifest: plain, origins: [{ route: 'ns/p', ruleIndex: 0 }] });
  });
});
