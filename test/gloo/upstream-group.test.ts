import { Destination, PathMatch, RouteAction, Upstream, UpstreamGroup, VirtualService } from '../../src';
import { newChart, onlyManifest, synthYaml } from '../util';

describe('UpstreamGroup', () => {
  test('renders weighted destinations, and routes refer to it by name', () => {
    const chart = newChart();
    const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: { findPets: {} } });
    const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: { findPets: {} } });
    const group = new UpstreamGroup(chart, 'group', { metadata: { name: 'petstore' } });
    group.addDestination({ destination: Destination.restFunction(v1, 'findPets'), weight: 90 });
    group.addDestination({ destination: Destination.restFunction(v2, 'findPets'), weight: 10 });
    new VirtualService(chart, 'vs', { metadata: { name: 'vs' }, routes: [{ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.upstreamGroup(group) }] });
    expect(synthYaml(chart)).toMatchSnapshot();
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].routeAction).toEqual({ upstreamGroup: { name: 'petstore', namespace: 'gloo-system' } });
  });

  test('fromUpstreamGroupName refers to a group by name', () => {
    const chart = newChart();
    const g = UpstreamGroup.fromUpstreamGroupName(chart, 'g', 'shared', { namespace: 'gloo' });
    // IUpstreamGroup no longer declares destinations; an imported group still has none known
    expect([g.name, g.namespace, (g as { destinations?: unknown }).destinations]).toEqual(['shared', 'gloo', undefined]);
  });

  test('fails when a destination weight is invalid, when it is added', () => {
    const chart = newChart();
    const v1 = new Upstream(chart, 'v1', { serviceName: 'a', servicePort: 80 });
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 1 }] });
    expect(() => group.addDestination({ destination: Destination.upstream(v1), weight: 2.5 })).toThrow(
      '[test/group] destinations[1].weight: got 2.5, expected an integer from 0 to 4294967295');
  });

  test('fails at synth when the weights add up to less than 1', () => {
    const chart = newChart();
    const v1 = new Upstream(chart, 'v1', { serviceName: 'a', servicePort: 80 });
    new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 0 }] });
    expect(() => chart.node.root.node.children.length && (chart.node.root as any).synth()).toThrow(
      /\[test\/group\] destinations\[\*\]\.weight: got 0, expected weights that add up to at least 1 \(got 0\)/);
  });

  test('fails at synth when it has no destinations', () => {
    const chart = newChart();
    new UpstreamGroup(chart, 'group');
    expect(() => (chart.node.root as any).synth()).toThrow(/\[test\/group\] destinations: got \[\], expected at least one weighted destination/);
  });
});
