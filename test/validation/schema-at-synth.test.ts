import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CrdSchemaCheck, CrdSchemaValidator, Destination, PathMatch, RouteAction, Upstream, UpstreamGroup, VirtualService } from '../../src';
import { newChart, vsRoutes } from '../util';

/** The validation errors of every construct of the app, as cdk8s runs them at synth (without rendering). */
function validationErrors(scope: IConstruct): string[] {
  return scope.node.root.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
}

function setup(chart: Chart = newChart()) {
  const id = chart.node.id;
  const v1 = new Upstream(chart, 'v1', { serviceName: `${id}-v1`, servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: `${id}-vs` }, domains: [`${id}.example.com`] });
  return { chart, v1, vs };
}

describe('the CRD-schema check at synth', () => {
  test('fails when an escape-hatch option has a typo', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { extra: { timout: '5s' } } });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/vs] spec.virtualHost.routes[0].options.timout: got "5s", expected what the gateway.solo.io/v1/VirtualService crd schema accepts: unknown field, pruned by the API server');
  });

  test('fails when a JSON patch adds a field the schema does not know, after an earlier synth passed', () => {
    const { chart, v1 } = setup();
    Testing.synth(chart);
    v1.apiObject.addJsonPatch(JsonPatch.add('/spec/kube/servicePrt', 8080));
    expect(() => Testing.synth(chart)).toThrow('[test/v1] spec.kube.servicePrt: got 8080, expected what the gloo.solo.io/v1/Upstream crd schema accepts');
  });

  test('renders each object once per synth, and what changes after a check still reaches the output', () => {
    const { chart, v1, vs } = setup();
    expect(validationErrors(chart)).toEqual([]); // the check renders the objects and keeps the rendering
    v1.apiObject.metadata.addLabel('team', 'checkout'); // a change after the check
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/late') }], action: RouteAction.forward(Destination.upstream(v1)) });
    const manifests = Testing.synth(chart);
    expect(manifests.find((m: any) => m.kind === 'Upstream').metadata.labels).toEqual({ team: 'checkout' });
    expect(manifests.find((m: any) => m.kind === 'VirtualService').spec.virtualHost.routes).toHaveLength(1);
    // without changes, the rendering of the check is the one synthesized
    const again = newChart('again');
    const fresh = setup(again);
    let renders = 0;
    const original = Object.getPrototypeOf(Object.getPrototypeOf(fresh.v1.apiObject)).toJson;
    Object.getPrototypeOf(Object.getPrototypeOf(fresh.v1.apiObject)).toJson = function counted(this: any) { renders++; return original.call(this); };
    try {
      Testing.synth(again);
    } finally {
      Object.getPrototypeOf(Object.getPrototypeOf(fresh.v1.apiObject)).toJson = original;
    }
    expect(renders).toBe(2); // the Upstream and the VirtualService, once each
  });

  test('fails when an UpstreamGroup weight is out of the schema\'s range through a patch, naming the group', () => {
    const { chart, v1 } = setup();
    const group = new UpstreamGroup(chart, 'group', { destinations: [{ destination: Destination.upstream(v1), weight: 1 }] });
    group.apiObject.addJsonPatch(JsonPatch.replace('/spec/destinations/0/weight', 'heavy'));
    expect(validationErrors(chart)).toEqual([
      expect.stringMatching(/^\[test\/group\] spec\.destinations\[0\]\.weight: got "heavy", expected what the gloo\.solo\.io\/v1\/UpstreamGroup crd schema accepts: expected an integer/),
    ]);
  });

  test('a valid escape-hatch option passes', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { extra: { timeout: '5s', retries: { numRetries: 3 } } } });
    expect(vsRoutes(chart)[0].options).toEqual({ retries: { numRetries: 3 }, timeout: '5s' });
  });

  test('CrdSchemaCheck.disable turns it off for a chart, and only that chart', () => {
    const app = Testing.app();
    const off = setup(new Chart(app, 'off'));
    const on = setup(new Chart(app, 'on'));
    for (const { vs, v1 } of [off, on]) {
      vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { extra: { timout: '5s' } } });
    }
    expect(validationErrors(app).filter(e => e.includes('timout'))).toHaveLength(2);
    CrdSchemaCheck.disable(off.chart);
    expect(CrdSchemaCheck.isEnabled(off.vs)).toBe(false);
    expect(CrdSchemaCheck.isEnabled(on.vs)).toBe(true);
    expect(validationErrors(app).filter(e => e.includes('timout'))).toEqual([expect.stringMatching(/^\[on\/vs\] spec\.virtualHost\.routes\[0\]\.options\.timout/)]);
  });

  test('the context key turns it off', () => {
    const app = Testing.app();
    app.node.setContext(CrdSchemaCheck.CONTEXT_KEY, false);
    const { v1, vs } = setup(new Chart(app, 'test'));
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { extra: { timout: '5s' } } });
    expect(CrdSchemaCheck.isEnabled(vs)).toBe(false);
    expect(validationErrors(app)).toEqual([]);
  });

  test('runs once per Gloo object per synth, however many charts cdk8s renders', () => {
    const validator = CrdSchemaValidator.gloo();
    const spy = jest.spyOn(validator, 'validate');
    try {
      const app = new App({ outdir: 'unused' });
      for (let i = 0; i < 20; i++) setup(new Chart(app, `svc-${i}`));
      app.synthYaml();
      // the test setup also checks each rendered chart as a whole; the library checks one object at a time
      const perObject = spy.mock.calls.filter(([manifests]) => manifests.length === 1);
      expect(perObject).toHaveLength(40);
    } finally {
      spy.mockRestore();
    }
  });
});
