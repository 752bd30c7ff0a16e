/**
 * The README's first examples, as code that compiles and runs (a test synthesizes it): the
 * README shows the parts between the tutorial markers, with imports from 'cdk8s-gloo-canary'.
 */
// [tutorial:first-example]
import { App, Chart } from 'cdk8s';
import { CanaryRelease, CanaryStage, FunctionRoute, PetstoreService, VirtualService } from '../../src';

const app = new App();
const chart = new Chart(app, 'petstore');

// A Deployment, a Service and a Gloo Upstream (default-petstore-v1-8080) with four REST functions.
const v1 = new PetstoreService(chart, 'v1', { version: 'v1' });

const vs = new VirtualService(chart, 'coalmine', {
  metadata: { name: 'coalmine', namespace: 'gloo-system' },
  domains: ['*'],
});

// GET /findPets calls the upstream's findPets function.
new FunctionRoute(chart, 'find-pets', {
  routeContainer: vs,
  path: '/findPets',
  upstream: v1.upstream,
  functionName: 'findPets',
});
// [/tutorial]

// [tutorial:first-release]
const v2 = new PetstoreService(chart, 'v2', { version: 'v2' });

new CanaryRelease(chart, 'find-pet-by-id', {
  routeContainer: vs,
  routes: [{ path: '/findPetWithId', functionName: 'findPetById', parameters: { headers: { ':path': '/findPetWithId/{id}' } } }],
  stable: v1.upstream,
  canary: v2.upstream,
  stages: [CanaryStage.stable(), CanaryStage.header(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote(), CanaryStage.rollback()],
  stage: 'weight-10', // the one line a pull request changes
});
// [/tutorial]

export { app, vs };
