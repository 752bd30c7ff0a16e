import { Testing } from 'cdk8s';
import { app, vs } from '../../examples/first-example/app';
import { CrdSchemaValidator, RoutingSimulator } from '../../src';

describe('the README\'s first example', () => {
  test('synthesizes valid Gloo objects that route as described', () => {
    const manifests = app.charts.flatMap(c => c.toJson());
    expect(manifests.map((m: any) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Deployment/petstore-v1', 'Service/petstore-v1', 'Upstream/default-petstore-v1-8080',
      'VirtualService/coalmine',
      'Deployment/petstore-v2', 'Service/petstore-v2', 'Upstream/default-petstore-v2-8080',
    ]);
    expect(CrdSchemaValidator.gloo().validate(manifests)).toEqual([]);
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/findPets' }))).toEqual({ 'default-petstore-v1-8080': 100 });
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/findPetWithId/1' }))).toEqual({ 'default-petstore-v2-8080': 10, 'default-petstore-v1-8080': 90 });
    expect(Testing.synth(app.charts[0]).length).toBe(7);
  });
});
