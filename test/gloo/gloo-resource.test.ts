import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CanaryRelease, CanaryStage, Destination, PathMatch, RouteAction, RouteTable, Upstream, UpstreamGroup, VirtualService } from '../../src';
import { newChart } from '../util';

/** How many validations cdk8s finds on each construct of the app (constructs' own bookkeeping). */
function validationCounts(scope: IConstruct): { [path: string]: number } {
  const out: { [path: string]: number } = {};
  for (const c of scope.node.root.node.findAll()) {
    const n = ((c.node as any)._validations ?? []).length;
    if (n > 0) out[c.node.path || '<root>'] = n;
  }
  return out;
}

function app(chart: Chart = newChart()) {
  const v1 = new Upstream(chart, 'v1', { serviceName: 'v1', servicePort: 80 });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'v2', servicePort: 80 });
  const vs = new VirtualService(chart, 'vs', { domains: [`${chart.node.id}.example.com`] });
  new CanaryRelease(vs, 'release', { routeContainer: vs, routes: [{ path: '/a' }], stable: v1, canary: v2, stages: [CanaryStage.weight(10)], stage: 'weight-10' });
  return { chart, v1, v2, vs };
}

describe('GlooResource', () => {
  test('each resource is the ApiObject it synthesizes', () => {
    const { chart, v1, vs } = app();
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 1 }] });
    const table = new RouteTable(chart, 'table');
    for (const r of [v1, vs, group, table]) {
      expect(ApiObject.of(r)).toBe(r);
      expect(r.apiObject).toBe(r);
      expect(r.node.children.filter(c => ApiObject.isApiObject(c))).toEqual([]);
    }
  });

  test('names left to cdk8s are the names of the former Resource child, so existing YAML keeps them', () => {
    const chart = newChart('shop');
    const vs = new VirtualService(chart, 'vs');
    const table = new RouteTable(chart, 'table');
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(Upstream.fromUpstreamName(chart, 'u', 'u')), weight: 1 }] });
    // the old layout: a construct with an ApiObject child named Resource, at the same paths
    const old = new Chart(Testing.app(), 'shop');
    const formerName = (id: string) => new ApiObject(new Construct(old, id), 'Resource', { apiVersion: 'v1', kind: 'Probe' }).name;
    expect([vs.name, table.name, group.name]).toEqual([formerName('vs'), formerName('table'), formerName('group')]);
    expect(vs.name).toMatch(/^shop-vs-c8[0-9a-f]{6}$/);
  });

  test('an app without problems has one validation in all, on the root, however many charts', () => {
    const root = Testing.app();
    for (let i = 0; i < 3; i++) app(new Chart(root, `c${i}`)).vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.forward(Destination.upstream(Upstream.fromUpstreamName(root, `x${i}`, 'x'))) });
    Testing.synth(root.node.children[0] as Chart);
    expect(validationCounts(root)).toEqual({ '<root>': 1 });
  });

  test('a construct with a problem gets a validation of its own, so cdk8s names its path', () => {
    const { chart, vs } = app();
    new VirtualService(chart, 'twin', { domains: ['TEST.example.com'] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/twin\] domains: got \["TEST\.example\.com"\], expected domains no other VirtualService on gateway gateway-proxy serves, but test\/vs serves them too/);
    expect(validationCounts(vs)).toEqual({ '<root>': 1, 'test/vs': 1, 'test/twin': 1 });
  });

  test('fails when the props are bad, and leaves nothing half-made in the app', () => {
    const chart = newChart();
    expect(() => new VirtualService(chart, 'vs', { domains: ['https://x.example.com'] })).toThrow(/\[test\/vs\] domains\[0\]/);
    expect(chart.node.tryFindChild('vs')).toBeUndefined();
    expect(() => new Upstream(chart, 'u', { serviceName: 'Bad_Name', servicePort: 80 })).toThrow(/\[test\/u\] serviceName/);
    expect(chart.node.tryFindChild('u')).toBeUndefined();
    expect(Testing.synth(chart)).toEqual([]);
  });
});
