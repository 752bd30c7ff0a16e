import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { BLOG_STEPS, Step, STEPS } from '../../examples/petstore-canary/steps';
import { applyTarget, Target } from '../../examples/petstore-canary/targets';
import { renderReadme } from '../../examples/petstore-canary/tutorial';
import { CrdSchemaValidator, RoutingSimulator } from '../../src';
import { deriveRequests, describeRequest, routingMeaning } from '../../src/simulate/request-set';
import { blogManifest, toGloo1x } from '../blog';
import { buildExamples } from '../util';

/** The blog's VirtualService manifest for each step. */
const BLOG_FILE: Partial<Record<Step, string>> = {
  'part-1-function-routing': 'coalmine-virtual-service-part-1.yaml',
  'part-2-header-canary': 'coalmine-virtual-service-part-2-header.yaml',
  'part-2-findpets-v2': 'coalmine-virtual-service-part-2-v2.yaml',
  'part-3-weighted-10': 'coalmine-virtual-service-part-3-weighted.yaml',
  'part-3-weighted-50': 'coalmine-virtual-service-part-3-weighted-50-50.yaml',
};

function synthStep(step: Step, target: Target = 'gloo') {
  const app = Testing.app();
  applyTarget(app, target);
  const { petstore, coalmine } = buildPetstoreCanary(app, step);
  return { petstore: petstore.toJson(), coalmine: coalmine.toJson() };
}

/**
 * A header matched with `regex: true` against a value without regex metacharacters matches exactly
 * the values an exact match does (Envoy matches the whole value). glooctl wrote every header that
 * way; this turns such headers into the exact match they are equivalent to, and nothing else.
 */
function literalRegexHeadersToExact(routes: any[]): any[] {
  return routes.map(route => ({
    ...route,
    matchers: route.matchers?.map((m: any) => ({
      ...m,
      headers: m.headers?.map((h: any) => (h.regex === true && /^[A-Za-z0-9_-]+$/.test(h.value)
        ? { name: h.name, value: h.value, ...(h.invertMatch ? { invertMatch: true } : {}) }
        : h)),
    })).map((m: any) => (m.headers === undefined ? (({ headers: _h, ...rest }) => rest)(m) : m)),
  }));
}

/** A copy with object keys sorted, so equal objects stringify alike. */
function sortedKeys(x: any): any {
  if (Array.isArray(x)) return x.map(sortedKeys);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.keys(x).sort().map(k => [k, sortedKeys(x[k])]));
}

describe('the petstore canary example', () => {
  test('knows the five steps of the blog, in order, then 100% and rollback', () => {
    expect(BLOG_STEPS).toEqual(Object.keys(BLOG_FILE));
    expect(STEPS).toEqual([...BLOG_STEPS, 'part-3-weighted-100', 'part-3-rollback']);
  });

  describe.each(BLOG_STEPS)('blog step %s', (step) => {
    test('the VirtualService has the blog manifest\'s routes, translated to 1.x field by field', () => {
      const vs = synthStep(step).coalmine.find((m: any) => m.kind === 'VirtualService');
      const blog = toGloo1x(blogManifest(BLOG_FILE[step]!));

      expect(vs.apiVersion).toBe(blog.apiVersion);
      expect(vs.metadata).toEqual(blog.metadata);
      expect(vs.spec.displayName).toBe(blog.spec.displayName);
      expect(vs.spec.virtualHost.domains).toEqual(blog.spec.virtualHost.domains);
      // The same routes (matchers, header conditions, destinations, functions, parameters, weights,
      // rewrite), each once; their order is judged by routing in the next test.
      const canonical = (routes: any[]) => routes.map(r => JSON.stringify(sortedKeys(r))).sort();
      expect(canonical(vs.spec.virtualHost.routes)).toEqual(canonical(literalRegexHeadersToExact(blog.spec.virtualHost.routes)));
      // and nothing but routes under the virtual host
      expect(Object.keys(vs.spec.virtualHost).sort()).toEqual(Object.keys(blog.spec.virtualHost).sort());
    });

    test('every request routes as the blog manifest routes it', () => {
      const vs = synthStep(step).coalmine.find((m: any) => m.kind === 'VirtualService');
      const blog = toGloo1x(blogManifest(BLOG_FILE[step]!));
      const requests = deriveRequests([...vs.spec.virtualHost.routes, ...blog.spec.virtualHost.routes]);
      const ours = new RoutingSimulator([vs]);
      const theirs = new RoutingSimulator([blog]);
      const differences = requests
        .map(r => [describeRequest(r), routingMeaning(ours.simulate('coalmine', r, 'gloo-system')), routingMeaning(theirs.simulate('coalmine', r, 'gloo-system'))])
        .filter(([, a, b]) => a !== b);
      expect(differences).toEqual([]);
      // every route's path, its boundaries, and each header with and without
      expect(requests.length).toBeGreaterThanOrEqual(5 * blog.spec.virtualHost.routes.length);
    });

  });

  describe.each(STEPS)('step %s', (step) => {
    test('every Gloo object passes the CRD schema', () => {
      const { petstore, coalmine } = synthStep(step);
      expect(CrdSchemaValidator.gloo().validate([...petstore, ...coalmine])).toEqual([]);
    });

    test('the coalmine YAML text is locked', () => {
      expect(Yaml.stringify(...synthStep(step).coalmine)).toMatchSnapshot();
    });
  });

  test('the petstore workloads YAML text is locked (the same in every step)', () => {
    const texts = STEPS.map(step => Yaml.stringify(...synthStep(step).petstore));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toMatchSnapshot();
  });

  test('the normalization only touches literal regex headers', () => {
    const routes = [{ matchers: [{ prefix: '/', headers: [{ name: 'a', value: 'true', regex: true }, { name: 'b', value: 'x.*', regex: true }] }] }];
    expect(literalRegexHeadersToExact(routes)[0].matchers[0].headers).toEqual([{ name: 'a', value: 'true' }, { name: 'b', value: 'x.*', regex: true }]);
  });

  test('synthesizing twice gives byte-identical YAML', () => {
    for (const step of STEPS) {
      const once = synthStep(step);
      const twice = synthStep(step);
      expect(Yaml.stringify(...twice.coalmine, ...twice.petstore)).toBe(Yaml.stringify(...once.coalmine, ...once.petstore));
    }
  });

  test('the README tutorial matches the example\'s source and output', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain('<!-- generated:diff:part-3-weighted-50 -->');
    expect(readme).toContain('<!-- generated:plan:markdown -->');
    expect(renderReadme(readme)).toBe(readme);
  });
});

describe('the example\'s synth commands', () => {
  const root = path.join(__dirname, '..', '..');
  let work: string;
  beforeAll(buildExamples, 180_000);
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'petstore-canary-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const run = (script: string, ...args: string[]) => runWith({}, script, ...args);
  const runWith = (env: { [k: string]: string }, script: string, ...args: string[]) =>
    execFileSync(process.execPath, [path.join(root, '.build', 'examples', 'petstore-canary', script), ...args], {
      cwd: work, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, ...env },
    });

  test('main writes the active step to the output folder, and the Gateway API target to gateway-api/', () => {
    run('main.js', '--outdir', 'out', '--step', 'part-2-header-canary');
    expect(fs.readdirSync(path.join(work, 'out')).sort()).toEqual(['coalmine.k8s.yaml', 'gateway-api', 'petstore.k8s.yaml']);
    const expected = Yaml.stringify(...synthStep('part-2-header-canary').coalmine);
    expect(fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8')).toBe(expected);
    expect(fs.readdirSync(path.join(work, 'out', 'gateway-api')).sort()).toEqual(['coalmine.k8s.yaml', 'petstore.k8s.yaml']);
    expect(fs.readFileSync(path.join(work, 'out', 'gateway-api', 'coalmine.k8s.yaml'), 'utf8')).toBe(Yaml.stringify(...synthStep('part-2-header-canary', 'gateway-api').coalmine));
  });

  test('main --target writes one target to the output folder itself', () => {
    run('main.js', '--outdir', 'out', '--target', 'gateway-api');
    expect(fs.readdirSync(path.join(work, 'out')).sort()).toEqual(['coalmine.k8s.yaml', 'petstore.k8s.yaml']);
    expect(fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8')).toMatch(/^apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: HTTPRoute\n/);
    expect(() => run('main.js', '--outdir', 'out', '--target', 'istio')).toThrow(/unknown target "istio", expected one of: gloo, gateway-api/);
  });

  test('steps-synth writes every step side by side', () => {
    run('steps-synth.js', '--outdir', 'out');
    expect(fs.readdirSync(path.join(work, 'out', 'steps')).sort()).toEqual([...STEPS].sort());
    for (const step of STEPS) {
      const expected = Yaml.stringify(...synthStep(step).coalmine);
      expect(fs.readFileSync(path.join(work, 'out', 'steps', step, 'coalmine.k8s.yaml'), 'utf8')).toBe(expected);
    }
  });

  test('fails when the app does not validate, and leaves the previous output as it was', () => {
    run('main.js', '--outdir', 'out');
    const before = fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8');
    // a stage the release does not have, through the same override the plan uses
    const env = { CDK8S_GLOO_CANARY_STAGES: JSON.stringify({ 'coalmine/find-pets': 'weight-99' }) };
    expect(() => runWith(env, 'main.js', '--outdir', 'out')).toThrow(
      /synth failed, .* was left as it was:\n\[coalmine\/find-pets\] stage \(chosen by the cdk8s-gloo-canary CLI\): got "weight-99", expected one of the stage names: stable, header, promote, rollback/);
    expect(fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(work)).toEqual(['out']);
  });

  test('fails for an unknown step and leaves the previous output as it was', () => {
    run('main.js', '--outdir', 'out');
    const before = fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8');
    expect(() => run('main.js', '--outdir', 'out', '--step', 'part-9')).toThrow(/unknown step "part-9"/);
    expect(fs.readFileSync(path.join(work, 'out', 'coalmine.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(work)).toEqual(['out']);
  });
});
