import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ReleaseDescription } from '../../src/canary/release-registry';
import { buildPlans, formatPlans } from '../../src/cli/plan';
import { buildExamples, REPO_ROOT, runCli, shopReleaseSource } from '../util';

const cli = runCli;

type Target = 'gloo' | 'gateway-api';

/**
 * Writes a small JavaScript cdk8s app into `dir` (app: `node main.js`): the release `checkout` on
 * the VirtualService `gloo-system/shop`, the Services in `shop`. Each target in `targets` is one
 * App in the same process: Gloo writes where CDK8S_OUTDIR says, Gateway API (the one line
 * `GatewayApiTarget.apply`) there too when it is the only target, else to its `gateway-api/`
 * subfolder, as the example does. `stages` per target replaces the stages of that target's release.
 */
function writeApp(dir: string, targets: Target[], options: { stages?: { [t in Target]?: string } } = {}): void {
  const lib = path.join(REPO_ROOT, '.build', 'src');
  const defaultStages = '[CanaryStage.stable(), CanaryStage.header(), CanaryStage.mirror(25), CanaryStage.weight(10), CanaryStage.promote()]';
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
  fs.writeFileSync(path.join(dir, 'main.js'), `
const path = require('path');
const { App, Chart } = require(${JSON.stringify(require.resolve('cdk8s'))});
const { CanaryRelease, CanaryStage, GatewayApiTarget, Upstream, VirtualService } = require(${JSON.stringify(lib)});
const outdir = process.env.CDK8S_OUTDIR || 'dist';
function build(target, stages) {
  const app = new App({ outdir: target === 'gateway-api' && ${targets.length > 1} ? path.join(outdir, 'gateway-api') : outdir });
  if (target === 'gateway-api') GatewayApiTarget.apply(app, { gatewayName: 'http', gatewayNamespace: 'gateways' });
  ${shopReleaseSource('stages', 'weight-10')}
  app.synth();
}
${targets.map(t => `build(${JSON.stringify(t)}, ${options.stages?.[t] ?? defaultStages});`).join('\n')}
`);
}

/** The manifests of a YAML file. */
function manifestsOf(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON());
}

/** A plan's text without its `target:` lines. */
function withoutTargetLines(plan: string): string {
  return plan.split('\n').filter(l => !l.startsWith('target: ')).join('\n');
}

const GLOO_PLAN = [
  'checkout (shop/vs/checkout): stable shop-checkout-v1-8080, canary shop-checkout-v2-8080',
  'stage               /checkout with x-canary: let-me-in     /checkout without x-canary',
  '------------------  -------------------------------------  -------------------------------------',
  'stable              stable 100%                            stable 100%',
  'header              canary 100%                            stable 100%',
  'mirror-25           stable 100% (+25% mirrored to canary)  stable 100% (+25% mirrored to canary)',
  'weight-10 (active)  canary 10% · stable 90%                canary 10% · stable 90%',
  'promote             canary 100%                            canary 100%',
  '',
].join('\n');

const GATEWAY_API_TARGET = 'target: gateway api (HTTPRoute gloo-system/shop): stable Service shop/checkout-v1:8080, canary Service shop/checkout-v2:8080';

describe('the CLI on an app whose target is Gateway API', () => {
  let work: string;
  beforeAll(buildExamples, 180_000);
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-cli-gw-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('plan computes every stage\'s shares with the Gateway API simulator, and says so', () => {
    writeApp(work, ['gloo']);
    const gloo = cli(['plan', '--show-header-values'], work);
    expect(gloo).toEqual({ code: 0, out: GLOO_PLAN, err: '' });

    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work);
    writeApp(work, ['gateway-api']);
    const gatewayApi = cli(['plan', '--show-header-values'], work);
    expect({ code: gatewayApi.code, err: gatewayApi.err }).toEqual({ code: 0, err: '' });
    const lines = gatewayApi.out.split('\n');
    expect(lines[1]).toBe(GATEWAY_API_TARGET);
    // the same shares per stage as the Gloo simulator over the Gloo output of the same app
    expect(withoutTargetLines(gatewayApi.out)).toBe(GLOO_PLAN);
  }, 60_000);

  test('plan --format markdown names the target under the title', () => {
    writeApp(work, ['gateway-api']);
    const { code, out } = cli(['plan', '--format', 'markdown'], work);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 5)).toEqual([
      '**checkout (shop/vs/checkout): stable shop-checkout-v1-8080, canary shop-checkout-v2-8080**',
      '',
      GATEWAY_API_TARGET,
      '',
      '| stage | /checkout with x-canary: *** | /checkout without x-canary |',
    ]);
    expect(out).toContain('| weight-10 (active) | canary 10% · stable 90% | canary 10% · stable 90% |');
    expect(out).toContain('| header | canary 100% | stable 100% |');
  }, 60_000);

  test('synth-stages writes each stage as HTTPRoutes, with no Upstream', () => {
    writeApp(work, ['gateway-api']);
    const { code, out } = cli(['synth-stages'], work);
    expect({ code, out }).toEqual({ code: 0, out: `synthesized 5 stages of 1 releases to ${path.join(work, 'dist', 'stages')}\n` });
    const stages = path.join(work, 'dist', 'stages', 'checkout');
    expect(fs.readdirSync(stages).sort()).toEqual(['header', 'mirror-25', 'promote', 'stable', 'weight-10']);
    const weight = manifestsOf(path.join(stages, 'weight-10', 'shop.k8s.yaml'));
    expect(weight.map(m => `${m.apiVersion}/${m.kind}`).sort()).toEqual([
      'gateway.networking.k8s.io/v1/HTTPRoute',
      'gateway.networking.k8s.io/v1beta1/ReferenceGrant',
    ]);
    const route = weight.find(m => m.kind === 'HTTPRoute');
    expect(route.spec.rules.flatMap((r: any) => r.backendRefs.map((b: any) => `${b.namespace}/${b.name}:${b.port}=${b.weight}`)))
      .toEqual(['shop/checkout-v2:8080=10', 'shop/checkout-v1:8080=90']);
    const header = manifestsOf(path.join(stages, 'header', 'shop.k8s.yaml')).find(m => m.kind === 'HTTPRoute');
    expect(header.spec.rules[0].matches[0].headers).toEqual([{ name: 'x-canary', type: 'Exact', value: 'let-me-in' }]);
    const mirror = manifestsOf(path.join(stages, 'mirror-25', 'shop.k8s.yaml')).find(m => m.kind === 'HTTPRoute');
    expect(mirror.spec.rules[0].filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'checkout-v2', namespace: 'shop', port: 8080 }, percent: 25 } }]);
    for (const stage of fs.readdirSync(stages)) {
      expect(fs.readFileSync(path.join(stages, stage, 'shop.k8s.yaml'), 'utf8')).not.toMatch(/kind: (Upstream|UpstreamGroup|VirtualService)$/m);
    }
    // and what it wrote passes validate
    expect(cli(['validate', 'dist'], work)).toEqual({
      code: 0,
      out: `10 Gateway API and kgateway objects under ${path.join(work, 'dist')} match the Gateway API v1.6.1 and kgateway v2.2.0 CRD schemas and rules\n`,
      err: '',
    });
  }, 60_000);

  describe('an app that synthesizes both targets in one process (as the example does)', () => {
    test('plan shows each release on each target, Gloo first, each table naming its target', () => {
      writeApp(work, ['gateway-api', 'gloo']);
      const { code, out, err } = cli(['plan', '--show-header-values'], work);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const [glooTable, gatewayTable, ...rest] = out.split('\n\n');
      expect(rest).toEqual([]);
      expect(glooTable.split('\n')[1]).toBe('target: gloo (VirtualService gloo-system/shop)');
      expect(gatewayTable.split('\n')[1]).toBe(GATEWAY_API_TARGET.replace('(HTTPRoute gloo-system/shop)', '(HTTPRoute gloo-system/shop in gateway-api/)'));
      expect(withoutTargetLines(glooTable) + '\n').toBe(GLOO_PLAN);
      expect(withoutTargetLines(gatewayTable)).toBe(GLOO_PLAN);
    }, 60_000);

    test('synth-stages writes both targets into every stage folder, at that stage', () => {
      writeApp(work, ['gloo', 'gateway-api']);
      const { code, out } = cli(['synth-stages'], work);
      expect({ code, out }).toEqual({ code: 0, out: `synthesized 5 stages of 1 releases to ${path.join(work, 'dist', 'stages')}\n` });
      for (const stage of ['stable', 'header', 'weight-10', 'mirror-25', 'promote']) {
        const dir = path.join(work, 'dist', 'stages', 'checkout', stage);
        expect(fs.readdirSync(dir).sort()).toEqual(['gateway-api', 'shop.k8s.yaml']);
        expect(manifestsOf(path.join(dir, 'shop.k8s.yaml')).map(m => m.kind)).toContain('VirtualService');
        expect(manifestsOf(path.join(dir, 'gateway-api', 'shop.k8s.yaml')).map(m => m.kind)).toContain('HTTPRoute');
      }
      const weight = path.join(work, 'dist', 'stages', 'checkout', 'weight-10');
      expect(fs.readFileSync(path.join(weight, 'shop.k8s.yaml'), 'utf8')).toContain('weight: 10');
      expect(fs.readFileSync(path.join(weight, 'gateway-api', 'shop.k8s.yaml'), 'utf8')).toContain('weight: 10');
      const promote = path.join(work, 'dist', 'stages', 'checkout', 'promote');
      expect(fs.readFileSync(path.join(promote, 'gateway-api', 'shop.k8s.yaml'), 'utf8')).not.toContain('checkout-v1');
    }, 60_000);

    test('fails when the apps give the same release different stages, naming both', () => {
      writeApp(work, ['gloo', 'gateway-api'], { stages: { 'gateway-api': '[CanaryStage.stable(), CanaryStage.weight(10), CanaryStage.promote()]' } });
      const { code, out, err } = cli(['plan'], work);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toBe('[shop/vs/checkout] stages: got stable, weight-10, promote in one app and stable, header, mirror-25, weight-10, promote in another,'
        + ' expected the same stages in every app that builds the release (a stage is chosen by construct path, in all of them at once)\n');
    }, 60_000);
  });

  describe('validate <dir> checks Gateway API objects against the CRD schemas and the HTTPRoute rules', () => {
    const route = (rule: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: checkout
  namespace: shop
spec:
  parentRefs:
    - name: http
      namespace: gateways
  rules:
${rule}`;
    const forward = `    - matches:
        - path:
            type: PathPrefix
            value: /checkout
      backendRefs:
        - name: checkout-v1
          port: 8080
`;

    function validate(files: { [name: string]: string }): { code: number; out: string; err: string } {
      const dir = path.join(work, 'manifests');
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      return cli(['validate', 'manifests'], work);
    }

    test('passes a valid HTTPRoute, and says how many Gateway API objects it checked', () => {
      expect(validate({ 'route.yaml': route(forward) })).toEqual({
        code: 0,
        out: `1 Gateway API and kgateway objects under ${path.join(work, 'manifests')} match the Gateway API v1.6.1 and kgateway v2.2.0 CRD schemas and rules\n`,
        err: '',
      });
    });

    test('fails when an HTTPRoute has a field the API server would prune', () => {
      const { code, out, err } = validate({ 'route.yaml': route(`${forward}      timeout: 5s\n`) });
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toBe('1 field(s) do not match the Gateway API v1.6.1 or kgateway v2.2.0 CRD schemas and rules:\n'
        + '  route.yaml document 0: gateway.networking.k8s.io/v1/HTTPRoute shop/checkout spec.rules[0].timeout: unknown field, pruned by the API server\n');
    });

    test('fails when an HTTPRoute breaks a CEL rule: ReplacePrefixMatch with an Exact match', () => {
      const { code, out, err } = validate({
        'route.yaml': route(`    - matches:
        - path:
            type: Exact
            value: /checkout
      filters:
        - type: URLRewrite
          urlRewrite:
            path:
              type: ReplacePrefixMatch
              replacePrefixMatch: /api
      backendRefs:
        - name: checkout-v1
          port: 8080
`),
      });
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toBe('1 field(s) do not match the Gateway API v1.6.1 or kgateway v2.2.0 CRD schemas and rules:\n'
        + '  route.yaml: [shop/checkout] spec.rules[0].matches: got ["Exact"], expected exactly one PathPrefix match when a urlRewrite filter uses ReplacePrefixMatch\n');
    });

    test('reports Gloo and Gateway API problems together, each under its own heading', () => {
      const { code, err } = validate({
        'a-vs.yaml': 'apiVersion: gateway.solo.io/v1\nkind: VirtualService\nmetadata:\n  name: shop\n  namespace: gloo-system\nspec:\n  virtualHost:\n    domainz: ["*"]\n',
        'b-route.yaml': route('    - matches:\n        - path:\n            type: PathPrefix\n            value: checkout\n      backendRefs:\n        - name: checkout-v1\n          port: 8080\n'),
      });
      expect(code).toBe(1);
      expect(err.split('\n')[0]).toBe('1 field(s) do not match the Gloo CRD schemas:');
      expect(err).toContain('a-vs.yaml document 0: gateway.solo.io/v1/VirtualService gloo-system/shop spec.virtualHost.domainz: unknown field, pruned by the API server');
      expect(err).toContain('field(s) do not match the Gateway API v1.6.1 or kgateway v2.2.0 CRD schemas and rules:\n  b-route.yaml: [shop/checkout] spec.rules[0].matches[0].path');
    });

    test('checks kgateway objects against the kgateway CRD schemas and rules', () => {
      const policy = (spec: string) => `apiVersion: gateway.kgateway.dev/v1alpha1\nkind: TrafficPolicy\nmetadata:\n  name: checkout\n  namespace: shop\nspec:\n${spec}`;
      const targets = '  targetRefs:\n    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      name: checkout\n';
      expect(validate({ 'policy.yaml': policy(`${targets}  autoHostRewrite: true\n`) }).code).toBe(0);
      const { code, err } = validate({ 'policy.yaml': policy(`${targets}  retries:\n    attempts: 2\n  retry:\n    attempts: 2\n`) });
      expect(code).toBe(1);
      expect(err).toBe('2 field(s) do not match the Gateway API v1.6.1 or kgateway v2.2.0 CRD schemas and rules:\n'
        + '  policy.yaml document 0: gateway.kgateway.dev/v1alpha1/TrafficPolicy shop/checkout spec.retries: unknown field, pruned by the API server\n'
        + '  policy.yaml document 0: [shop/checkout] spec.retry: got {"attempts":2}, expected retryOn or statusCodes\n');
    });

    test('says which Gateway API kinds it has no schema for, without failing', () => {
      const grpc = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: rpc\n  namespace: shop\nspec: {}\n';
      const { code, out } = validate({ 'route.yaml': route(forward), 'rpc.yaml': grpc });
      expect(code).toBe(0);
      expect(out.split('\n')[1]).toMatch(/^not checked, no vendored CRD schema: gateway\.networking\.k8s\.io\/v1\/GRPCRoute \(the vendored ones: .*gateway\.networking\.k8s\.io\/v1\/HTTPRoute.*\)$/);
    });
  });
});

describe('buildPlans on Gateway API manifests', () => {
  const release: ReleaseDescription = {
    path: 'shop/vs/checkout',
    releaseName: 'checkout',
    container: { kind: 'HTTPRoute', name: 'shop', namespace: 'shop' },
    target: 'gateway api',
    stages: ['weight-10'],
    hasHeaderStage: false,
    activeStage: 'weight-10',
    header: { name: 'x-canary', value: 'true', match: 'EXACT' } as any,
    routes: ['/checkout'],
    stable: 'shop-checkout-v1-8080',
    canary: 'shop-checkout-v2-8080',
    stableService: { name: 'checkout-v1', namespace: 'shop', port: 8080 },
    canaryService: { name: 'checkout-v2', namespace: 'shop', port: 8080 },
  };
  const httpRoute = (name: string, match: { type: string; value: string }, backends: Array<[string, number]>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'shop' },
    spec: {
      parentRefs: [{ name: 'http', namespace: 'gateways' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: match }], backendRefs: backends.map(([n, weight]) => ({ name: n, port: 8080, weight })) }],
    },
  });

  test('routes through every HTTPRoute on the Gateway, and says when another route takes the request', () => {
    const own = httpRoute('shop', { type: 'PathPrefix', value: '/checkout' }, [['checkout-v2', 10], ['checkout-v1', 90]]);
    // an Exact match wins over the release's PathPrefix in Gateway API, whatever the order
    const other = httpRoute('legacy', { type: 'Exact', value: '/checkout' }, [['checkout-legacy', 1]]);
    const elsewhere = { ...other, spec: { ...other.spec, parentRefs: [{ name: 'internal', namespace: 'gateways' }] } };
    expect(formatPlans(buildPlans([{ release, stage: 'weight-10', manifests: [own, elsewhere] }]), 'text')).toContain('weight-10 (active)  canary 10% · stable 90%');
    expect(formatPlans(buildPlans([{ release, stage: 'weight-10', manifests: [own, other] }]), 'text'))
      .toContain('weight-10 (active)  shop/checkout-legacy:8080 100% (by HTTPRoute shop/legacy)');
  });

  test('asks a route that calls a non-GET function with the function\'s method, and says so', () => {
    const deleteRoute = {
      ...httpRoute('shop', { type: 'PathPrefix', value: '/checkout' }, [['checkout-v2', 10], ['checkout-v1', 90]]),
    };
    (deleteRoute.spec.rules[0].matches[0] as any).method = 'DELETE';
    const plan = formatPlans(buildPlans([{ release: { ...release, routeMethods: ['DELETE'] }, stage: 'weight-10', manifests: [deleteRoute] }]), 'text');
    expect(plan).toContain('DELETE /checkout without x-canary');
    expect(plan).toContain('weight-10 (active)  canary 10% · stable 90%');
    // asked with GET, the Gateway would not route it
    expect(formatPlans(buildPlans([{ release, stage: 'weight-10', manifests: [deleteRoute] }]), 'text')).toContain('no route (404)');
  });

  test('fails when the manifests hold no HTTPRoute for a release on the Gateway API target', () => {
    expect(() => buildPlans([{ release, stage: 'weight-10', manifests: [] }])).toThrow(
      'checkout (shop/vs/checkout) routes on HTTPRoute shop/shop (target gateway api), but the manifests of its stage weight-10 hold no such HTTPRoute:'
      + ' expected the app to write it where CDK8S_OUTDIR says');
  });

  test('fails when the HTTPRoute names no Gateway', () => {
    const own = httpRoute('shop', { type: 'PathPrefix', value: '/checkout' }, [['checkout-v1', 1]]);
    const orphan = { ...own, spec: { ...own.spec, parentRefs: [] } };
    expect(() => buildPlans([{ release, stage: 'weight-10', manifests: [orphan] }])).toThrow(
      'checkout (shop/vs/checkout): HTTPRoute shop/shop spec.parentRefs: got [], expected a parentRef with the name of the Gateway it attaches to');
  });
});
