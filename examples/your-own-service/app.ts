/**
 * The README's "Your own service" example, as code that compiles and runs (a test synthesizes it):
 * a canary release of a service that is not the petstore, in its own namespace.
 */
// [tutorial:own-service]
import { App, Chart } from 'cdk8s';
import { CanaryRelease, CanaryStage, VersionedService, VirtualService } from '../../src';

const app = new App();
const chart = new Chart(app, 'shop');

// Deployment and Service checkout-v1 in namespace shop, Upstream shop-checkout-v1-8080 in gloo-system.
const v1 = new VersionedService(chart, 'checkout-v1', {
  name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080, namespace: 'shop',
});
// The same for checkout-v2, selected by the labels app: checkout, version: v2.
const v2 = new VersionedService(chart, 'checkout-v2', {
  name: 'checkout', version: 'v2', image: 'example/checkout:2.0', port: 8080, namespace: 'shop',
});

const vs = new VirtualService(chart, 'shop', {
  metadata: { name: 'shop', namespace: 'gloo-system' },
  domains: ['shop.example.com'],
});

const release = new CanaryRelease(chart, 'checkout', {
  routeContainer: vs,
  routes: [{ path: '/checkout' }],
  stable: v1.upstream,
  canary: v2.upstream,
  // CanaryStage.stepWeights([5, 25, 50]) makes the stages weight-5, weight-25 and weight-50;
  // CanaryStage.linear({ stepWeight: 20, maxWeight: 50 }) would make weight-20, weight-40 and weight-60.
  // stages: stable, weight-5, weight-25, weight-50, promote, rollback
  stages: [CanaryStage.stable(), ...CanaryStage.stepWeights([5, 25, 50]), CanaryStage.promote(), CanaryStage.rollback()],
  stage: 'weight-5',
});
// [/tutorial]

export { app, release, vs };
