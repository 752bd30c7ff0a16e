/**
 * Rules that followed Gloo and Envoy too loosely or too strictly, each checked against what Gloo
 * (isRouteTableValidForDelegateMatcher) and Envoy (RouteMatch.case_sensitive) do.
 */
import { ApiObject, Testing } from 'cdk8s';
import {
  CanaryRelease, CanaryStage, Destination, PathMatch, RouteAction, RouteTable, RoutingSimulator, TrafficSplit, Upstream, VirtualService,
} from '../../src';
import { newChart } from '../util';

function setup() {
  const chart = newChart();
  const v1 = new Upstream(chart, 'v1', { serviceName: 'v1', servicePort: 80, metadata: { name: 'v1' } });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'v2', servicePort: 80, metadata: { name: 'v2' } });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
  return { chart, v1, v2, vs };
}
const to = (u: Upstream) => RouteAction.forward(Destination.upstream(u));

describe('delegation, as Gloo checks child routes', () => {
  function delegate(parent: PathMatch, methods: string[] | undefined, child: PathMatch, childMethods?: string[]) {
    const { chart, v1, vs } = setup();
    const rt = new RouteTable(chart, 'rt', { metadata: { name: 'team' } });
    rt.addRoute({ matchers: [{ path: child, methods: childMethods }], action: to(v1) });
    vs.addRoute({ matchers: [{ path: parent, methods }], action: RouteAction.delegate(rt) });
    return () => Testing.synth(chart);
  }

  test('fails when the parent sets caseSensitive: true and the child leaves it unset (gloo compares them as given)', () => {
    expect(delegate(PathMatch.prefix('/team', { caseSensitive: true }), undefined, PathMatch.prefix('/team/a')))
      .toThrow(/delegateAction\.ref → team routes\[0\]\.matchers\[0\]\.caseSensitive: got nothing, expected the case sensitivity of the delegating route \(true\)/);
  });

  test('a child may add methods to the parent\'s: gloo asks for every parent method, not only those', () => {
    expect(delegate(PathMatch.prefix('/team'), ['GET'], PathMatch.prefix('/team/a'), ['GET', 'POST'])()).toHaveLength(4);
  });

  test('fails when the child lacks a method of the parent', () => {
    expect(delegate(PathMatch.prefix('/team'), ['GET', 'POST'], PathMatch.prefix('/team/a'), ['GET']))
      .toThrow(/\.methods: got \["GET"\], expected methods that include every method of the delegating route, \["GET","POST"\]/);
  });

  test('a regex child whose text starts with the parent prefix is kept by gloo, so it is accepted', () => {
    expect(delegate(PathMatch.prefix('/team'), undefined, PathMatch.regex('/team/[a-z]+'))()).toHaveLength(4);
  });
});

describe('route options', () => {
  test('escape-hatch options are kept when the typed ones are not given', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: to(v1), options: { extra: { prefixRewrite: '/b' } } });
    const route = Testing.synth(chart).find((m: any) => m.kind === 'VirtualService').spec.virtualHost.routes[0];
    expect(route.options).toEqual({ prefixRewrite: '/b' });
  });

  test('fails when a prefix rewrite is given both typed and in options.extra', () => {
    const { v1, vs } = setup();
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: to(v1), options: { prefixRewrite: '/b', extra: { prefixRewrite: '/c' } } }))
      .toThrow('[test/vs] routes[0].options.extra.prefixRewrite: got "/c", expected no prefixRewrite in options.extra together with options.prefixRewrite');
  });
});

describe('case sensitivity, as Envoy applies it', () => {
  test('fails when a regex path match is made case-insensitive: envoy ignores case_sensitive for regexes', () => {
    const { v1, vs } = setup();
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.regex('/a.*', { caseSensitive: false }) }], action: to(v1) }))
      .toThrow(/routes\[0\]\.matchers\[0\]\.caseSensitive: got false, expected no caseSensitive on a regex match \(hint: envoy ignores case_sensitive for regex matches; start the regex with \(\?i\)/);
  });

  test('the simulator matches a regex case-sensitively even when the manifest says caseSensitive: false', () => {
    const vs = { kind: 'VirtualService', metadata: { name: 'vs' }, spec: { virtualHost: { routes: [{ matchers: [{ regex: '/a.*', caseSensitive: false }], routeAction: { single: { upstream: { name: 'x' } } } }] } } };
    expect(new RoutingSimulator([vs]).simulate('vs', { path: '/A' }).matched).toBe(false);
    expect(new RoutingSimulator([vs]).simulate('vs', { path: '/a' }).matched).toBe(true);
  });

  test('fails when a catch-all comes before a case-insensitive route: it matches every path, whatever its case', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: to(v1) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/A', { caseSensitive: false }) }], action: to(v2) });
    expect(() => Testing.synth(chart)).toThrow(/routes\[1\]\.matchers: got .*, expected a route that can match, but routes\[0\] \(test\/vs\) comes first/);
  });
});

describe('releases', () => {
  test('a failed construction leaves no checks behind: nothing renders the object taken out of the app', () => {
    const { chart, v1 } = setup();
    expect(() => new VirtualService(chart, 'bad', { domains: ['https://x.example.com'] })).toThrow();
    new VirtualService(chart, 'good', { metadata: { name: 'good' }, domains: ['x.example.com'] }).addRoute({ action: to(v1) });
    const rendered: string[] = [];
    const spy = jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(function spied(this: ApiObject) {
      rendered.push(this.node.path);
      spy.mockRestore();
      try {
        return this.toJson();
      } finally {
        jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(spied);
      }
    });
    try {
      expect(Testing.synth(chart).filter((m: any) => m.kind === 'VirtualService').map((m: any) => m.metadata.name)).toEqual(['vs', 'good']);
    } finally {
      jest.restoreAllMocks();
    }
    expect(rendered).not.toContain('test/bad');
    expect(rendered).toContain('test/good');
  });

  test('fails when a route of the release is bad, and leaves neither the release nor any of its routes behind', () => {
    const { v1, v2, vs } = setup();
    expect(() => new CanaryRelease(vs, 'r', {
      routeContainer: vs,
      routes: [{ path: '/a' }, { path: '/b', prefixRewrite: 42 as any }],
      stable: v1,
      canary: v2,
      stages: [CanaryStage.header()],
      stage: 'header',
    })).toThrow(/\[test\/vs\/r\] options\.prefixRewrite: got 42, expected a path such as "\/api\/pets"/);
    expect(vs.routes).toEqual([]);
    expect(vs.node.tryFindChild('r')).toBeUndefined();
  });

  test('fails when a stage percentage has more than four decimals: it would be rounded', () => {
    const { v1, v2, vs } = setup();
    expect(() => new CanaryRelease(vs, 'r', { routeContainer: vs, routes: [{ path: '/a' }], stable: v1, canary: v2, stages: [CanaryStage.weight(0.00004)], stage: 'weight-0.00004' }))
      .toThrow(/stages\[0\] \(weight-0\.00004\)\.percent: got 0\.00004, expected a percentage from 0 to 100, with at most four decimals/);
  });

  test('fails once, not once per route, when stable and canary are the same upstream by name', () => {
    const { chart, vs } = setup();
    const a = Upstream.fromUpstreamName(chart, 'a', 'shared');
    const b = Upstream.fromUpstreamName(chart, 'b', 'shared');
    expect(() => new CanaryRelease(vs, 'r', { routeContainer: vs, routes: [{ path: '/a' }, { path: '/b' }], stable: a, canary: b, stages: [CanaryStage.promote()], stage: 'promote' }))
      .toThrow('[test/vs/r] canary: got "gloo-system/shared", expected a canary that differs from the stable upstream and function (hint: stable and canary are the same upstream with the same function on /a, /b, so no stage would change anything there)');
  });

  test('an UpstreamGroup release takes routes whose parameters differ only in key order', () => {
    const { chart, vs } = setup();
    const fns = { f: { method: 'GET', path: '/f' } };
    const s = new Upstream(chart, 's', { serviceName: 's', servicePort: 80, functions: fns });
    const c = new Upstream(chart, 'c', { serviceName: 'c', servicePort: 80, functions: fns });
    new CanaryRelease(vs, 'r', {
      routeContainer: vs,
      routes: [
        { path: '/a', functionName: 'f', parameters: { headers: { x: '{x}', y: '{y}' } } },
        { path: '/b', functionName: 'f', parameters: { headers: { y: '{y}', x: '{x}' } } },
      ],
      stable: s,
      canary: c,
      stages: [CanaryStage.weight(10)],
      stage: 'weight-10',
      trafficSplit: TrafficSplit.UPSTREAM_GROUP,
    });
    expect(Testing.synth(chart).filter((m: any) => m.kind === 'UpstreamGroup')).toHaveLength(1);
  });
});
