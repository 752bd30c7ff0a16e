import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { CanaryRelease, CanaryStage, Destination, GatewayApiTarget, PathMatch, RouteAction, Upstream, VirtualService } from '../../src';
import { DESCRIBE_ENV, readDescriptions, ReleaseDescription } from '../../src/canary/release-registry';
import { formatDiff } from '../../src/review/diff-format';
import { brokenExpectations, diffRouting, RoutingDiff } from '../../src/review/routing-diff';

const STAGES = [CanaryStage.stable(), CanaryStage.header(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote(), CanaryStage.rollback()];
const STAGE_NAMES = ['stable', 'header', 'weight-10', 'weight-50', 'promote', 'rollback'];

interface ShopOptions {
  readonly stage: string;
  readonly gatewayApi?: boolean;
  /** The prefix of the payments route. @default '/payments' */
  readonly paymentsPrefix?: string;
  /** The image of the payments Deployment. @default 'example/payments:1' */
  readonly paymentsImage?: string;
  /** A route of its own on /legacy to the release's stable Service. @default false */
  readonly legacyRoute?: boolean;
  /** A Secret with this password. @default - none */
  readonly password?: string;
}

/**
 * The shop: a release `checkout` of `/checkout` (v1 and v2, header `x-canary: let-me-in`) beside a
 * payments route, on shop.example.com, with the payments Deployment as a plain object; its
 * manifests, and the releases it describes as the CLI's runner reads them.
 */
function shop(options: ShopOptions): { manifests: unknown[]; releases: ReleaseDescription[] } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-diff-')), 'releases.jsonl');
  process.env[DESCRIBE_ENV] = file;
  try {
    const app = Testing.app();
    if (options.gatewayApi) GatewayApiTarget.apply(app, { gatewayName: 'http', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'shop');
    const v1 = new Upstream(chart, 'v1', { serviceName: 'checkout-v1', serviceNamespace: 'shop', servicePort: 8080 });
    const v2 = new Upstream(chart, 'v2', { serviceName: 'checkout-v2', serviceNamespace: 'shop', servicePort: 8080 });
    const payments = new Upstream(chart, 'payments', { serviceName: 'payments', serviceNamespace: 'shop', servicePort: 80 });
    new ApiObject(chart, 'payments-deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'payments', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'payments', image: options.paymentsImage ?? 'example/payments:1' }] } } },
    });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'shop' }, domains: ['shop.example.com'] });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix(options.paymentsPrefix ?? '/payments') }], action: RouteAction.forward(Destination.upstream(payments)) });
    if (options.legacyRoute) vs.addRoute({ matchers: [{ path: PathMatch.prefix('/legacy') }], action: RouteAction.forward(Destination.upstream(v1)) });
    if (options.password) new ApiObject(chart, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, stringData: { password: options.password } });
    new CanaryRelease(vs, 'checkout', {
      routeContainer: vs,
      routes: [{ path: '/checkout' }],
      stable: v1,
      canary: v2,
      header: { name: 'x-canary', value: 'let-me-in' },
      stages: STAGES,
      stage: options.stage,
    });
    const manifests = Testing.synth(chart);
    return { manifests, releases: readDescriptions(file) };
  } finally {
    delete process.env[DESCRIBE_ENV];
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function diffOf(base: ShopOptions, head: ShopOptions): RoutingDiff {
  const b = shop(base);
  const h = shop(head);
  return diffRouting({ base: b.manifests, head: h.manifests, baseReleases: b.releases, headReleases: h.releases });
}

const changes = (d: RoutingDiff) => d.groups.flatMap(g => g.changes);

describe('diffRouting', () => {
  test('advancing a stage changes the release\'s request classes, with their shares before and after, and nothing else', () => {
    const d = diffOf({ stage: 'weight-10' }, { stage: 'weight-50' });
    expect(d.routingChanged).toBe(true);
    expect(d.releases.find(r => r.release === 'checkout')).toMatchObject({ before: 'weight-10', after: 'weight-50' });
    expect(changes(d).length).toBeGreaterThan(0);
    for (const c of changes(d)) {
      expect(c.release).toBe('checkout');
      expect(c.path.startsWith('/checkout')).toBe(true);
      expect(c.before.shares).toEqual([{ key: 'shop/checkout-v1:8080', percent: 90 }, { key: 'shop/checkout-v2:8080', percent: 10 }]);
      expect(c.after.shares).toEqual([{ key: 'shop/checkout-v1:8080', percent: 50 }, { key: 'shop/checkout-v2:8080', percent: 50 }]);
    }
    expect(d.objects.filter(o => !o.routing)).toEqual([]);
    expect(brokenExpectations(d, [{ release: 'checkout', stage: 'weight-50' }])).toEqual([]);
    expect(brokenExpectations(d, [{ release: 'checkout', stage: 'promote' }])).toEqual(['release checkout is at stage weight-50 in head, expected promote']);
  });

  test('the text says per object and release which request classes move, in one line per route, with the canary header\'s value masked', () => {
    const d = diffOf({ stage: 'stable' }, { stage: 'header' });
    const text = formatDiff(d, 'text');
    expect(text).toContain('releases:\n  checkout: stable → header, ');
    expect(text).toContain('VirtualService shop/shop (shop.example.com): ');
    expect(text).toContain('  checkout: stable → header:\n');
    expect(text).toMatch(/ {4}GET \/checkout, \/checkout\/, \/checkout\/x, \/checkoutx with x-canary: \*\*\*: checkout-v1 100% → checkout-v2 100%\n/);
    expect(text).not.toContain('let-me-in');
    const shown = formatDiff(diffRouting({ base: shop({ stage: 'stable' }).manifests, head: shop({ stage: 'header' }).manifests, showHeaderValues: true }), 'text');
    expect(shown).toContain('with x-canary: let-me-in');
  });

  test('a change to another route is not the release\'s: it shows apart, and breaks an expectation that names only the release', () => {
    const d = diffOf({ stage: 'weight-10' }, { stage: 'weight-50', paymentsPrefix: '/pay' });
    const other = changes(d).filter(c => c.release === undefined);
    // /payments still goes to payments (/pay takes it now): only what moved shows
    expect(other.map(c => c.path)).toEqual(['/pay', '/pay/', '/pay/x', '/payment', '/payx']);
    expect(other.find(c => c.path === '/pay')).toMatchObject({ before: { words: 'no route' }, after: { shares: [{ key: 'shop/payments:80', percent: 100 }] } });
    const broken = brokenExpectations(d, [{ release: 'checkout', stage: 'weight-50' }]);
    expect(broken.length).toBe(other.length);
    expect(broken[0]).toMatch(/^VirtualService shop\/shop: GET \/pay\S* routes differently, outside the expected release$/);
    expect(formatDiff(d, 'text')).toContain('  not in a release:\n');
  });

  test('a new route to the release\'s Services is not the release\'s: it breaks an expectation that names the release', () => {
    const d = diffOf({ stage: 'weight-10' }, { stage: 'weight-50', legacyRoute: true });
    const legacy = changes(d).filter(c => c.path.startsWith('/legacy'));
    expect(legacy.length).toBeGreaterThan(0);
    for (const c of legacy) expect([c.path, c.releases]).toEqual([c.path, []]);
    expect(brokenExpectations(d, [{ release: 'checkout', stage: 'weight-50' }])).toHaveLength(legacy.length);
  });

  test('a Secret\'s values are not shown, only that they changed', () => {
    const d = diffOf({ stage: 'weight-10', password: 'hunter2' }, { stage: 'weight-10', password: 's3cret' });
    const text = formatDiff(d, 'text') + formatDiff(d, 'markdown') + formatDiff(d, 'json');
    expect(text).toContain('changed Secret shop/db\n    stringData.password: (hidden) → (hidden)');
    expect(text).not.toMatch(/hunter2|s3cret/);
  });

  test('the header values a Gateway forwards are masked in the details too, unless shown', () => {
    const route = (version: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'http', namespace: 'gw' }],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/checkout' }, headers: [{ name: 'x-canary', value: 'let-me-in' }] }],
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-version', value: version }] } }],
          backendRefs: [{ name: 'checkout-v2', port: 8080 }],
        }],
      },
    });
    const input = { base: [route('1')], head: [route('2')] };
    const masked = diffRouting(input);
    const details = changes(masked).map(c => c.detail);
    expect(details.length).toBeGreaterThan(0);
    expect(details[0]!.before).toContain('"x-canary":"***"');
    expect(`${formatDiff(masked, 'text')}${formatDiff(masked, 'json')}`).not.toContain('let-me-in');
    expect(changes(diffRouting({ ...input, showHeaderValues: true }))[0].detail!.before).toContain('"x-canary":"let-me-in"');
  });

  test('a change outside routing is listed by object and field, so it cannot hide in a routing change', () => {
    const d = diffOf({ stage: 'weight-10' }, { stage: 'weight-10', paymentsImage: 'example/payments:2' });
    expect(d.routingChanged).toBe(false);
    expect(d.objects).toEqual([{
      change: 'changed',
      object: 'Deployment shop/payments',
      apiVersion: 'apps/v1',
      routing: false,
      fields: [{ field: 'spec.template.spec.containers[0].image', before: '"example/payments:1"', after: '"example/payments:2"' }],
      moreFields: 0,
    }]);
    expect(formatDiff(d, 'text')).toContain('  changed Deployment shop/payments\n    spec.template.spec.containers[0].image: "example/payments:1" → "example/payments:2"\n');
  });

  test.each(STAGE_NAMES)('the same app on Gloo and on the Gateway API routes every request class alike (stage %s): the migration diff is empty', stage => {
    const d = diffRouting({ base: shop({ stage }).manifests, head: shop({ stage, gatewayApi: true }).manifests });
    expect([d.base.target, d.head.target]).toEqual(['gloo', 'gateway api']);
    expect(changes(d)).toEqual([]);
    expect(d.requestClasses).toBeGreaterThan(10);
    // the Gloo objects are gone and the Gateway API ones came, all listed
    expect(d.objects.filter(o => o.change === 'added').map(o => o.object)).toContain('HTTPRoute shop/shop');
    expect(d.objects.filter(o => o.change === 'removed').map(o => o.object)).toContain('VirtualService shop/shop');
  });

  test('across targets a stage step shows the same as on one target', () => {
    const gloo = diffOf({ stage: 'weight-10' }, { stage: 'weight-50' });
    const cross = diffOf({ stage: 'weight-10' }, { stage: 'weight-50', gatewayApi: true });
    const byRequest = (d: RoutingDiff) => Object.fromEntries(changes(d).map(c => [c.request, [c.release, c.before.words, c.after.words]]));
    const step = ['checkout', 'shop/checkout-v1:8080=90% shop/checkout-v2:8080=10%', 'shop/checkout-v1:8080=50% shop/checkout-v2:8080=50%'];
    // the cross diff asks the HTTPRoute's probes too (its regex for the character prefix adds some): a superset
    expect(Object.keys(byRequest(cross))).toEqual(expect.arrayContaining(Object.keys(byRequest(gloo))));
    for (const [r, seen] of Object.entries({ ...byRequest(gloo), ...byRequest(cross) })) expect([r, seen]).toEqual([r, step]);
  });

  test('on one target, a route that calls another function of the same Service is a change, with both sides\' details', () => {
    const upstream = {
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'petstore', namespace: 'gloo-system' },
      spec: { kube: { serviceName: 'petstore', serviceNamespace: 'shop', servicePort: 8080 } },
    };
    const vs = (fn: string) => ({
      apiVersion: 'gateway.solo.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'pets', namespace: 'gloo-system' },
      spec: {
        virtualHost: {
          domains: ['*'],
          routes: [{
            matchers: [{ prefix: '/pets' }],
            routeAction: { single: { upstream: { name: 'petstore', namespace: 'gloo-system' }, destinationSpec: { rest: { functionName: fn } } } },
          }],
        },
      },
    });
    const d = diffRouting({ base: [upstream, vs('findPets')], head: [upstream, vs('addPet')] });
    const found = changes(d);
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.before.words).toBe(c.after.words);
      expect(c.detail!.before).toContain('#findPets');
      expect(c.detail!.after).toContain('#addPet');
    }
    // and the same function on both sides is no change
    expect(diffRouting({ base: [upstream, vs('findPets')], head: [upstream, vs('findPets')] }).routingChanged).toBe(false);
  });

  test('is the same on every run, whatever the order of the manifests and releases', () => {
    const b = shop({ stage: 'weight-10' });
    const h = shop({ stage: 'promote', paymentsPrefix: '/pay', paymentsImage: 'example/payments:2' });
    const run = (reverse: boolean) => {
      const r = <T>(xs: T[]) => (reverse ? [...xs].reverse() : xs);
      return formatDiff(diffRouting({ base: r(b.manifests), head: r(h.manifests), baseReleases: r(b.releases), headReleases: r(h.releases) }), 'json');
    };
    expect(JSON.parse(run(false)).routingChanged).toBe(true);
    expect(run(true)).toBe(run(false));
  });

  test('an expectation naming no release of either side is an error', () => {
    const d = diffOf({ stage: 'weight-10' }, { stage: 'weight-50' });
    expect(() => brokenExpectations(d, [{ release: 'chekout' }])).toThrow('--expect chekout: no such release on either side (the releases: checkout)');
  });
});
