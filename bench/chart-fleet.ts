/**
 * The chart-per-service fleet: a common cdk8s layout where every service has its own chart. Each
 * chart holds a VirtualService (`svc-i.example.com`), a stable and a canary Upstream with the
 * petstore's four REST functions, and a canary release of `/svc-i/` active at 10%. Built two ways
 * that must give byte-identical YAML: with this library (all validation on, the CRD-schema check
 * included) and with raw cdk8s ApiObjects (no validation).
 *
 * cdk8s renders each chart through `App._synthChart`, which validates the whole app again, so
 * every check the library registers runs once per chart: this fleet shows what that costs.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { PARAMETERS, upstream, weightedRoute } from './fleet';
import { CanaryRelease, CanaryStage, PetstoreService, Upstream, VirtualService } from '../src';

function virtualServiceMeta(i: number) {
  return { metadata: { name: `svc-${i}`, namespace: 'gloo-system' }, domains: [`svc-${i}.example.com`] };
}

/** One chart per service, through the library's constructs. */
export function buildChartsWithLibrary(n: number): App {
  const app = new App({ outdir: 'unused' });
  for (let i = 0; i < n; i++) {
    const chart = new Chart(app, `svc-${i}`);
    const vs = new VirtualService(chart, 'vs', virtualServiceMeta(i));
    const stable = new Upstream(chart, 'stable', { serviceName: `svc-${i}`, servicePort: 8080, functions: PetstoreService.FUNCTIONS });
    const canary = new Upstream(chart, 'canary', { serviceName: `svc-${i}-v2`, servicePort: 8080, functions: PetstoreService.FUNCTIONS });
    new CanaryRelease(vs, 'release', {
      routeContainer: vs,
      routes: [{ path: `/svc-${i}/`, functionName: 'findPetById', parameters: PARAMETERS }],
      stable,
      canary,
      stages: [CanaryStage.header(), CanaryStage.weight(10), CanaryStage.weight(50), CanaryStage.promote()],
      stage: 'weight-10',
    });
  }
  return app;
}

/** The same charts as raw ApiObjects. */
export function buildChartsRaw(n: number): App {
  const app = new App({ outdir: 'unused' });
  for (let i = 0; i < n; i++) {
    const chart = new Chart(app, `svc-${i}`);
    const { metadata, domains } = virtualServiceMeta(i);
    new ApiObject(chart, 'vs', {
      apiVersion: 'gateway.solo.io/v1',
      kind: 'VirtualService',
      metadata,
      spec: { virtualHost: { domains, routes: [weightedRoute(i)] } },
    });
    new ApiObject(chart, 'stable', upstream(`default-svc-${i}-8080`, `svc-${i}`));
    new ApiObject(chart, 'canary', upstream(`default-svc-${i}-v2-8080`, `svc-${i}-v2`));
  }
  return app;
}
