/**
 * Runs the CRD-schema check on every chart any test synthesizes: `Chart.toJson()`, `Testing.synth()`
 * and `App.synth()` all render charts through `App._synthChart`, so that is where it hooks in. Gloo
 * objects are checked against the Gloo CRDs; Gateway API objects against the Gateway API CRDs and,
 * for HTTPRoutes, the CRD's rules the schema does not hold (`HttpRouteRules`).
 */
import { App } from 'cdk8s';
import { CrdSchemaValidator } from '../../src';
import { formatHttpRouteProblem } from '../../src/gateway-api/http-route-problems';
import { HttpRouteRules } from '../../src/gateway-api/http-route-rules';

const gloo = CrdSchemaValidator.gloo();
const gatewayApi = CrdSchemaValidator.gatewayApi();
const synthChart: (chart: any) => any[] = (App as any)._synthChart;
/** The unhooked synth, for the one test that needs what an app without this check sees. */
(App as any)._synthChartUnchecked = synthChart;

(App as any)._synthChart = function checkedSynthChart(this: unknown, chart: any): any[] {
  const manifests = synthChart.call(this, chart);
  const problems = [
    ...[...gloo.validate(manifests), ...gatewayApi.validate(manifests)].map(CrdSchemaValidator.formatViolation),
    ...HttpRouteRules.check(manifests.filter(m => m?.kind === 'HTTPRoute')).map(formatHttpRouteProblem),
  ];
  if (problems.length > 0) {
    throw new Error(`synthesized objects do not match their CRD schema:\n  ${problems.join('\n  ')}`);
  }
  return manifests;
};
