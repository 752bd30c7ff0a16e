import { App, Chart, Testing } from 'cdk8s';
import { CanaryRelease, CanaryStage, RoutingSimulator, Upstream, VirtualService } from '../../src';
import { STAGES_ENV } from '../../src/canary/release-registry';

const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

/** An app with two releases on one VirtualService, both committed at `stable`. */
function build(app: App = Testing.app()) {
  const chart = new Chart(app, 'shop');
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080 });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
  const release = (id: string, path: string, releaseName?: string) => new CanaryRelease(vs, id, {
    routeContainer: vs,
    routes: [{ path }],
    stable: v1,
    canary: v2,
    releaseName,
    stages: [CanaryStage.stable(), CanaryStage.header(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote()],
    stage: 'stable',
  });
  return { app, chart, vs, cart: release('cart', '/cart'), pay: release('pay', '/pay', 'payments') };
}

const sharesOf = (vs: VirtualService, path: string) => RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path }));

describe('CanaryRelease.selectStages', () => {
  test('builds the app at the chosen stage of each release named, by release name or construct path', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { 'payments': 'weight-10', 'shop/vs/cart': 'promote' });
    const { vs, cart, pay } = build(app);
    expect([cart.activeStage.name, pay.activeStage.name]).toEqual(['promote', 'weight-10']);
    expect(sharesOf(vs, '/pay')).toEqual({ [V2]: 10, [V1]: 90 });
    expect(sharesOf(vs, '/cart')).toEqual({ [V2]: 100 });
    // the plan still marks the committed stage as the active one
    expect(pay._description.activeStage).toBe('stable');
  });

  test('later calls add to the choice; a construct path wins over a release name', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { cart: 'weight-10' });
    CanaryRelease.selectStages(app, { 'shop/vs/cart': 'weight-50', 'payments': 'header' });
    const { cart, pay } = build(app);
    expect([cart.activeStage.name, pay.activeStage.name]).toEqual(['weight-50', 'header']);
  });

  test('leaves other apps alone', () => {
    CanaryRelease.selectStages(Testing.app(), { cart: 'promote' });
    expect(build().cart.activeStage.name).toBe('stable');
  });

  test('the CLI\'s process-wide choice wins over the app\'s own', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { cart: 'promote' });
    process.env[STAGES_ENV] = JSON.stringify({ 'shop/vs/cart': 'weight-10' });
    try {
      expect(build(app).cart.activeStage.name).toBe('weight-10');
    } finally {
      delete process.env[STAGES_ENV];
    }
  });

  test('fails when the chosen stage is not a stage of the release, naming the choices', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { cart: 'weight-99' });
    expect(() => build(app)).toThrow(
      '[shop/vs/cart] stage (chosen by CanaryRelease.selectStages): got "weight-99", expected one of the stage names: stable, header, weight-10, weight-50, promote');
  });

  test('fails when no release of the app answers to a name, at synth, naming the releases', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { chekout: 'weight-10' });
    const { chart } = build(app);
    expect(() => Testing.synth(chart)).toThrow(
      '[] selectStages: got "chekout", expected the name or construct path of a release in this app: cart, payments');
    expect(() => app.synth()).toThrow(/selectStages: got "chekout"/);
  });

  test('fails when the app has no release at all', () => {
    const app = Testing.app();
    CanaryRelease.selectStages(app, { cart: 'promote' });
    expect(() => Testing.synth(new Chart(app, 'empty'))).toThrow('expected a release, but the app has no canary releases');
  });

  test('fails when called after charts were added, saying to call it first', () => {
    const { app } = build();
    expect(() => CanaryRelease.selectStages(app, { cart: 'promote' })).toThrow(
      '[] selectStages: got ["shop"], expected an app without charts yet (hint: call CanaryRelease.selectStages(app, ...) before any chart is added to the app)');
  });

  test('fails when a stage is not a string', () => {
    expect(() => CanaryRelease.selectStages(Testing.app(), { cart: 10 as any })).toThrow(
      '[] selectStages(stages)["cart"]: got 10, expected a stage name');
  });
});
