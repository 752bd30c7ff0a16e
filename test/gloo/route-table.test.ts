import { Destination, PathMatch, RouteAction, RouteTable, Upstream, VirtualService } from '../../src';
import { newChart, synthYaml } from '../util';

describe('RouteTable', () => {
  test('a VirtualService route delegates to it', () => {
    const chart = newChart();
    const up = new Upstream(chart, 'up', { serviceName: 'petstore-v1', servicePort: 8080, functions: { findPets: {} } });
    const table = new RouteTable(chart, 'rt', { metadata: { name: 'petstore', namespace: 'gloo-system' }, weight: 10 });
    table.addRoute({ matchers: [{ path: PathMatch.prefix('/pets/find') }], action: RouteAction.forward(Destination.restFunction(up, 'findPets')) });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/pets') }], action: RouteAction.delegate(table) });
    expect(synthYaml(chart)).toMatchSnapshot();
  });

  test('fromRouteTableName refers to a table by name', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.delegate(RouteTable.fromRouteTableName(chart, 'ext', 'team-x', { namespace: 'teams' })) });
    expect(synthYaml(chart)).toContain('delegateAction:\n          ref:\n            name: team-x\n            namespace: teams');
  });

  test('fails for a weight that is not an int32', () => {
    const chart = newChart();
    expect(() => new RouteTable(chart, 'rt', { weight: 2 ** 31 })).toThrow('[test/rt] weight: got 2147483648, expected an int32 integer');
  });

  test('fails for a prefix rewrite on a delegating route', () => {
    const chart = newChart();
    const table = new RouteTable(chart, 'rt');
    const vs = new VirtualService(chart, 'vs');
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.delegate(table), options: { prefixRewrite: '/' } })).toThrow(
      '[test/vs] routes[0].options.prefixRewrite: got "/", expected no prefixRewrite on a delegating route');
  });
});
