import { App } from 'cdk8s';
import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';

// test/setup/crd-check.ts makes every chart a test synthesizes fail on such a field; here synth
// runs unhooked, as in an app, so that adopt's own check of the output is what refuses it
const hooked = (App as any)._synthChart;
beforeAll(() => { (App as any)._synthChart = (App as any)._synthChartUnchecked; });
afterAll(() => { (App as any)._synthChart = hooked; });

jest.mock('../../src/adopt/codegen', () => {
  const actual = jest.requireActual('../../src/adopt/codegen');
  return {
    ...actual,
    generateApp: (...args: unknown[]) => {
      const app = actual.generateApp(...args);
      const literal = "\n    new ApiObject(this, 'extra', { apiVersion: 'gloo.solo.io/v1', kind: 'Upstream', metadata: { name: 'extra', namespace: 'gloo-system' }, "
        + "spec: { kube: { serviceName: 'x', servicePort: 80, servicPort: 81 } } });";
      const code = app.code.replace('super(scope, id, props);', `super(scope, id, props);${literal}`)
        .replace("import { App, Chart, ChartProps } from 'cdk8s';", "import { ApiObject, App, Chart, ChartProps } from 'cdk8s';");
      return { ...app, code };
    },
  };
});

test('a written object the Gloo CRDs would prune is refused: not ok, the field in the report', () => {
  const r = adoptManifests(readManifestText(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
      - matchers: [{ prefix: / }]
        routeAction: { single: { upstream: { name: web, namespace: gloo-system } } }
`, 'input.yaml'));
  expect(r.report.typeErrors).toBeUndefined();
  expect(r.report.synthError).toBeUndefined();
  expect(r.ok).toBe(false);
  expect(r.report.schemaProblems).toEqual([
    "gloo.solo.io/v1/Upstream gloo-system/extra spec.kube.servicPort: unknown field, pruned by the API server (in the generated code's output)",
  ]);
  expect(r.report.comparison).toBeUndefined();
  expect(formatReport(r.report)).toContain('the generated code writes what the Gloo CRDs would prune or refuse:\n  gloo.solo.io/v1/Upstream');
});
