/**
 * The README's "Testing your release": the part between the tutorial markers is shown there, with
 * the imports of the library's source shown as imports of the package and the example's app as
 * `./app`.
 */
// [tutorial:testing-your-release]
import { Testing } from 'cdk8s';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { CanaryRelease, RoutingSimulator } from '../../src';

const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

/** The app as committed, with some releases moved to another stage. */
function appAt(stages: { [release: string]: string }) {
  const app = Testing.app();
  CanaryRelease.selectStages(app, stages); // before any chart is added
  return buildPetstoreCanary(app, ACTIVE_STEP);
}

test('weight-10 sends a tenth of /findPetWithId to v2', () => {
  const { coalmine } = appAt({ 'find-pet-by-id': 'weight-10' });
  expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(coalmine.virtualService, { path: '/findPetWithId/1' }))).toEqual({ [V2]: 10, [V1]: 90 });
});

test('rollback sends every request back to v1, with the header too', () => {
  const { coalmine } = appAt({ 'find-pet-by-id': 'rollback', 'find-pets': 'rollback' });
  for (const path of ['/findPetWithId/1', '/findPets']) {
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(coalmine.virtualService, { path, headers: { 'x-canary': 'true' } }))).toEqual({ [V1]: 100 });
  }
});
// [/tutorial]

test('a choice of a stage the release does not have fails, naming the stages', () => {
  expect(() => appAt({ 'find-pets': 'weight-10' })).toThrow(
    '[coalmine/find-pets] stage (chosen by CanaryRelease.selectStages): got "weight-10", expected one of the stage names: stable, header, promote, rollback');
});
