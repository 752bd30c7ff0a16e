import { buildChartsRaw, buildChartsWithLibrary } from '../../bench/chart-fleet';
import { buildRaw, buildWithLibrary, ROUTES_PER_VIRTUAL_SERVICE } from '../../bench/fleet';

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
});
