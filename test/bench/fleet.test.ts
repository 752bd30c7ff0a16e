import { buildChartsRaw, buildChartsWithLibrary } from '../../bench/chart-fleet';
import { buildRaw, buildWithLibrary, ROUTES_PER_VIRTUAL_SERVICE } from '../../bench/fleet';
import { buildGatewayApiRaw, buildGatewayApiWithLibrary, ROUTES_PER_HTTP_ROUTE } from '../../bench/gateway-api-fleet';

describe('the benchmark fleet', () => {
  test('the library and the raw cdk8s baseline give byte-identical YAML', () => {
    const n = ROUTES_PER_VIRTUAL_SERVICE + 7; // two VirtualServices, the second one partly filled
    const library = buildWithLibrary(n).synthYaml();
    expect(buildRaw(n).synthYaml()).toBe(library);
    expect(library.match(/^kind: VirtualService$/gm)).toHaveLength(2);
    expect(library.match(/^kind: Deployment$/gm)).toHaveLength(n);
    expect(library.match(/^kind: Upstream$/gm)).toHaveLength(2 * n);
  });

  test('with one chart per service, too', () => {
    const n = 5;
    const library = buildChartsWithLibrary(n).synthYaml();
    expect(buildChartsRaw(n).synthYaml()).toBe(library);
    expect(library.match(/^kind: VirtualService$/gm)).toHaveLength(n);
    expect(library.match(/^kind: Upstream$/gm)).toHaveLength(2 * n);
  });

  test('for the Gateway API target, too', () => {
    const n = ROUTES_PER_HTTP_ROUTE + 5; // two HTTPRoutes, the second one partly filled
    const library = buildGatewayApiWithLibrary(n).synthYaml();
    expect(buildGatewayApiRaw(n).synthYaml()).toBe(library);
    expect(library.match(/^kind: HTTPRoute$/gm)).toHaveLength(2);
    expect(library.match(/^kind: ReferenceGrant$/gm)).toHaveLength(1); // one per pair of namespaces
    expect(library.match(/^kind: Deployment$/gm)).toHaveLength(n);
    expect(library.match(/^kind: Service$/gm)).toHaveLength(n);
    expect(library).not.toMatch(/^kind: (VirtualService|Upstream|UpstreamGroup)$/m);
    expect(library.match(/^ {4}- backendRefs:$/gm)).toHaveLength(n); // one rule per service
  });
});
