import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as lib from '../../src';
import {
  CanaryRelease, CanaryRoute, CanaryStage, Destination, FunctionRoute, HeaderMatch, PathMatch, PetstoreService,
  QueryParameterMatch, RouteAction, RouteTable, Upstream, UpstreamGroup, VersionedService, VirtualService, WeightedFunctionRoute,
} from '../../src';
import { newChart } from '../util';

/** Every class of the library that is branded, with the static test it answers to. */
const BRANDED: { [name: string]: { cls: Function; is: (x: unknown) => boolean } } = {
  PathMatch: { cls: PathMatch, is: PathMatch.isPathMatch },
  HeaderMatch: { cls: HeaderMatch, is: HeaderMatch.isHeaderMatch },
  QueryParameterMatch: { cls: QueryParameterMatch, is: QueryParameterMatch.isQueryParameterMatch },
  Destination: { cls: Destination, is: Destination.isDestination },
  RouteAction: { cls: RouteAction, is: RouteAction.isRouteAction },
  CanaryStage: { cls: CanaryStage, is: CanaryStage.isCanaryStage },
  Route: { cls: lib.Route, is: lib.Route.isRoute },
  GlooResource: { cls: lib.GlooResource, is: lib.GlooResource.isGlooResource },
  RouteContainer: { cls: lib.RouteContainer, is: lib.RouteContainer.isRouteContainer },
  ImportedResource: { cls: lib.ImportedResource, is: lib.ImportedResource.isImportedResource },
  Upstream: { cls: Upstream, is: Upstream.isUpstream },
  UpstreamGroup: { cls: UpstreamGroup, is: UpstreamGroup.isUpstreamGroup },
  VirtualService: { cls: VirtualService, is: VirtualService.isVirtualService },
  RouteTable: { cls: RouteTable, is: RouteTable.isRouteTable },
  FunctionRoute: { cls: FunctionRoute, is: FunctionRoute.isFunctionRoute },
  CanaryRoute: { cls: CanaryRoute, is: CanaryRoute.isCanaryRoute },
  WeightedFunctionRoute: { cls: WeightedFunctionRoute, is: WeightedFunctionRoute.isWeightedFunctionRoute },
  CanaryRelease: { cls: CanaryRelease, is: CanaryRelease.isCanaryRelease },
  VersionedService: { cls: VersionedService, is: VersionedService.isVersionedService },
  PetstoreService: { cls: PetstoreService, is: PetstoreService.isPetstoreService },
};

/** What each sample is: its own class and every branded class above it. */
const KINDS_OF: { [sample: string]: string[] } = {
  'PathMatch': ['PathMatch'],
  'HeaderMatch': ['HeaderMatch'],
  'QueryParameterMatch': ['QueryParameterMatch'],
  'Destination': ['Destination'],
  'RouteAction': ['RouteAction'],
  'CanaryStage': ['CanaryStage'],
  'Route': ['Route'],
  'ImportedResource': ['ImportedResource'],
  'Upstream': ['Upstream', 'GlooResource'],
  'UpstreamGroup': ['UpstreamGroup', 'GlooResource'],
  'VirtualService': ['VirtualService', 'RouteContainer', 'GlooResource'],
  'RouteTable': ['RouteTable', 'RouteContainer', 'GlooResource'],
  'FunctionRoute': ['FunctionRoute'],
  'CanaryRoute': ['CanaryRoute'],
  'WeightedFunctionRoute': ['WeightedFunctionRoute'],
  'CanaryRelease': ['CanaryRelease'],
  'VersionedService': ['VersionedService'],
  'PetstoreService': ['PetstoreService', 'VersionedService'],
  'a plain ApiObject': [],
  'a cdk8s-plus Deployment': [],
  'a cdk8s-plus Deployment ApiObject': [],
  'a plain object': [],
};

function samples(): { [sample: string]: unknown } {
  const chart = newChart();
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions: { findPets: { method: 'GET', path: '/api/pets' } } });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions: { findPets: { method: 'GET', path: '/api/pets' } } });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' } });
  const table = new RouteTable(chart, 'table', { metadata: { name: 'pets' } });
  const deployment = new kplus.Deployment(chart, 'deployment', { containers: [{ image: 'nginx' }] });
  return {
    'PathMatch': PathMatch.prefix('/a'),
    'HeaderMatch': HeaderMatch.isPresent('x-a'),
    'QueryParameterMatch': QueryParameterMatch.isPresent('a'),
    'Destination': Destination.upstream(v1),
    'RouteAction': RouteAction.forward(Destination.upstream(v1)),
    'CanaryStage': CanaryStage.stable(),
    'Route': vs.addRoute({ matchers: [{ path: PathMatch.prefix('/r') }], action: RouteAction.forward(Destination.upstream(v1)) }),
    'ImportedResource': Upstream.fromUpstreamName(chart, 'imported', 'elsewhere'),
    'Upstream': v1,
    'UpstreamGroup': new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 1 }] }),
    'VirtualService': vs,
    'RouteTable': table,
    'FunctionRoute': new FunctionRoute(chart, 'fr', { routeContainer: table, path: '/f', upstream: v1, functionName: 'findPets' }),
    'CanaryRoute': new CanaryRoute(chart, 'cr', { routeContainer: table, path: '/c', stable: v1, canary: v2, functionName: 'findPets' }),
    'WeightedFunctionRoute': new WeightedFunctionRoute(chart, 'wr', {
      routeContainer: table, path: '/w', functionName: 'findPets', targets: [{ upstream: v1, weight: 1 }],
    }),
    'CanaryRelease': new CanaryRelease(chart, 'release', {
      routeContainer: vs, routes: [{ path: '/findPets', functionName: 'findPets' }], stable: v1, canary: v2, stages: [CanaryStage.stable()], stage: 'stable',
    }),
    'VersionedService': new VersionedService(chart, 'service', { name: 'shop', version: 'v1', image: 'shop:1', port: 8080 }),
    'PetstoreService': new PetstoreService(chart, 'petstore', { version: 'v3' }),
    'a plain ApiObject': new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    'a cdk8s-plus Deployment': deployment,
    'a cdk8s-plus Deployment ApiObject': ApiObject.of(deployment),
    'a plain object': { kind: 'VirtualService', metadata: { name: 'shop' } },
  };
}

describe('instanceof and isXxx() answer for their own kind only', () => {
  const built = samples();
  const cases: [string, string, boolean][] = [];
  for (const sample of Object.keys(KINDS_OF)) {
    for (const kind of Object.keys(BRANDED)) cases.push([sample, kind, KINDS_OF[sample].includes(kind)]);
  }

  test('every sample is listed', () => {
    expect(Object.keys(built).sort()).toEqual(Object.keys(KINDS_OF).sort());
  });

  test.each(cases)('%s instanceof %s is %s', (sample, kind, expected) => {
    const x = built[sample];
    expect(x instanceof (BRANDED[kind].cls as any)).toBe(expected);
    expect(BRANDED[kind].is(x)).toBe(expected);
  });

  test('null, undefined and primitives are no kind', () => {
    for (const { cls, is } of Object.values(BRANDED)) {
      for (const x of [null, undefined, 0, 'VirtualService', true] as any[]) {
        expect(x instanceof (cls as any)).toBe(false);
        expect(is(x)).toBe(false);
      }
    }
  });

  test('filtering the construct tree by kind finds only objects of that kind', () => {
    const chart = (built.VirtualService as VirtualService).node.scope!;
    const found = chart.node.findAll().filter(c => c instanceof VirtualService).map(c => c.node.id);
    expect(found).toEqual(['vs']);
  });
});

describe('subclasses', () => {
  class ShopVirtualService extends VirtualService {}

  test('an instance of a user subclass is an instance of the library class', () => {
    const chart = newChart();
    const shop = new ShopVirtualService(chart, 'shop');
    expect(shop instanceof VirtualService).toBe(true);
    expect(VirtualService.isVirtualService(shop)).toBe(true);
    expect(shop instanceof ShopVirtualService).toBe(true);
  });

  test('an instance of the library class is not an instance of a user subclass', () => {
    const chart = newChart();
    const plain = new VirtualService(chart, 'plain');
    expect(plain instanceof ShopVirtualService).toBe(false);
  });
});

describe('two copies of the library in one app', () => {
  // a second copy of every module of the library, as when two versions are installed side by side
  let other: typeof lib;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('../../src');
  });

  test('the copies are distinct classes', () => {
    expect(other.VirtualService).not.toBe(VirtualService);
  });

  test('value objects and resources of one copy are accepted by the other', () => {
    // GIVEN resources of this copy, value objects of the other
    const chart = newChart();
    const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080 });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop' } });

    // WHEN
    vs.addRoute({
      matchers: [{ path: other.PathMatch.prefix('/a'), headers: [other.HeaderMatch.valueIs('x-a', '1')] }],
      action: other.RouteAction.forward(other.Destination.upstream(v1)),
    });

    // THEN
    const routes = Testing.synth(chart).find((m: any) => m.kind === 'VirtualService').spec.virtualHost.routes;
    expect(routes).toEqual([{
      matchers: [{ prefix: '/a', headers: [{ name: 'x-a', value: '1' }] }],
      routeAction: { single: { upstream: { name: 'default-petstore-v1-8080', namespace: 'gloo-system' } } },
    }]);
  });

  test('each copy recognises the other copy\'s objects by kind', () => {
    const chart = newChart();
    const vs = new other.VirtualService(chart, 'vs');
    expect(vs instanceof VirtualService).toBe(true);
    expect(VirtualService.isVirtualService(vs)).toBe(true);
    expect(Upstream.isUpstream(vs)).toBe(false);
    expect(PathMatch.isPathMatch(other.PathMatch.exact('/a'))).toBe(true);
  });
});
