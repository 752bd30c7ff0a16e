import { Testing } from 'cdk8s';
import { Destination, HeaderMatch, PathMatch, RouteAction, RouteTable, RoutingSimulator, Upstream, VirtualService } from '../../src';
import { newChart, vsRoutes } from '../util';

function delegation(parent: { inheritablePathMatchers?: boolean; inheritableMatchers?: boolean }, child: { inheritablePathMatchers?: boolean } = {}) {
  const chart = newChart();
  const up = new Upstream(chart, 'up', { serviceName: 'pets', servicePort: 8080 });
  const table = new RouteTable(chart, 'rt', { metadata: { name: 'pets', namespace: 'gloo-system' } });
  table.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)), ...child });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
  vs.addRoute({
    matchers: [{ path: PathMatch.prefix('/pets'), headers: [HeaderMatch.valueIs('x-team', 'pets')] }],
    action: RouteAction.delegate(table),
    ...parent,
  });
  return chart;
}

describe('inheritable matchers of delegation (inheritablePathMatchers, inheritableMatchers)', () => {
  test('a child route that takes the parent\'s path and conditions is not outside the parent prefix, and routes under it', () => {
    const chart = delegation({ inheritablePathMatchers: true, inheritableMatchers: true });
    expect(vsRoutes(chart)[0]).toMatchObject({ inheritableMatchers: true, inheritablePathMatchers: true });
    Testing.synth(chart);
    const sim = RoutingSimulator.fromApp(chart);
    expect(sim.simulate('shop', { path: '/pets/1', headers: { 'x-team': 'pets' } }, 'gloo-system').matched).toBe(true);
    expect(sim.simulate('shop', { path: '/pets/1' }, 'gloo-system').matched).toBe(false);
    expect(sim.simulate('shop', { path: '/other', headers: { 'x-team': 'pets' } }, 'gloo-system').matched).toBe(false);
  });

  test('without them, the same child route is outside the parent prefix and lacks its header, as before', () => {
    expect(() => Testing.synth(delegation({}))).toThrow(/a path that starts with the delegating prefix "\/pets"/);
    expect(() => Testing.synth(delegation({ inheritablePathMatchers: true }))).toThrow(/the delegating route's header condition/);
  });

  test('a child route\'s own setting wins over the parent\'s', () => {
    expect(() => Testing.synth(delegation({ inheritablePathMatchers: true, inheritableMatchers: true }, { inheritablePathMatchers: false })))
      .toThrow(/a path that starts with the delegating prefix "\/pets"/);
  });

  test('a value that is not a boolean is refused where it is given', () => {
    expect(() => delegation({ inheritableMatchers: 'yes' as any })).toThrow('routes[0].inheritableMatchers: got "yes", expected true or false');
  });
});

describe('inheritance that the checks cannot see, or that Gloo undoes', () => {
  test('a nested delegating route without its own setting leaves its children to the route above it', () => {
    const chart = newChart();
    const up = new Upstream(chart, 'up', { serviceName: 'pets', servicePort: 8080 });
    const leaf = new RouteTable(chart, 'leaf', { metadata: { name: 'leaf', namespace: 'gloo-system' } });
    leaf.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.upstream(up)) });
    const middle = new RouteTable(chart, 'middle', { metadata: { name: 'middle', namespace: 'gloo-system' } });
    // its own prefix /x gives way to /pets, which the VirtualService's route passes down to it and to the leaf's routes
    middle.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.delegate(leaf) });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/pets') }], action: RouteAction.delegate(middle), inheritablePathMatchers: true });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(RoutingSimulator.fromApp(chart).simulate('shop', { path: '/pets/1' }, 'gloo-system').matched).toBe(true);
  });

  test('a child\'s own header of the name the parent matches, with another value, is refused: Gloo keeps the child\'s and drops the route', () => {
    const chart = newChart();
    const up = new Upstream(chart, 'up', { serviceName: 'pets', servicePort: 8080 });
    const table = new RouteTable(chart, 'rt', { metadata: { name: 'pets', namespace: 'gloo-system' } });
    table.addRoute({ matchers: [{ path: PathMatch.prefix('/pets'), headers: [HeaderMatch.valueIs('x-team', 'other')] }], action: RouteAction.forward(Destination.upstream(up)) });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/pets'), headers: [HeaderMatch.valueIs('x-team', 'pets')] }], action: RouteAction.delegate(table), inheritableMatchers: true,
    });
    expect(() => Testing.synth(chart)).toThrow(/no header condition on x-team other than the delegating route's/);
  });
});
