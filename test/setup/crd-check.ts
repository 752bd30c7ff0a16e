/**
 * Runs the CRD-schema check on every chart any test synthesizes: `Chart.toJson()`, `Testing.synth()`
 * and `App.synth()` all render charts through `App._synthChart`, so that is where it hooks in.
 */
import { App } from 'cdk8s';
import { CrdSchemaValidator } from '../../src';

const validator = CrdSchemaValidator.gloo();
const synthChart: (chart: any) => any[] = (App as any)._synthChart;

(App as any)._synthChart = function checkedSynthChart(this: unknown, chart: any): any[] {
  const manifests = synthChart.call(this, chart);
  const violations = validator.validate(manifests);
  if (violations.length > 0) {
    throw new Error(`synthesized Gloo objects do not match the CRD schema:\n  ${violations.map(CrdSchemaValidator.formatViolation).join('\n  ')}`);
  }
  return manifests;
};
