import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AtomicOutputDirectory,
  CrdSchemaValidator,
  Destination,
  HeaderMatch,
  PathMatch,
  QueryParameterMatch,
  RouteAction,
  RouteMatcher,
  RouteProps,
  RoutingSimulator,
  Upstream,
  VirtualService,
} from '../../src';

const UPSTREAMS = ['a', 'b', 'c'];

interface RouteSpec {
  readonly weights: number[]; // one per destination; a single destination when length is 1
  readonly upstreams: number[];
  readonly header?: string;
  readonly method?: string;
}

const routeSpec: fc.Arbitrary<RouteSpec> = fc.integer({ min: 1, max: 4 }).chain(n => fc.record({
  weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }).filter(ws => ws.reduce((s, w) => s + w, 0) >= 1),
  upstreams: fc.array(fc.integer({ min: 0, max: UPSTREAMS.length - 1 }), { minLength: n, maxLength: n }),
  header: fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/), { nil: undefined }),
  method: fc.option(fc.constantFrom('GET', 'POST', 'PUT'), { nil: undefined }),
}));

function buildApp(specs: RouteSpec[], app: App = Testing.app()): { chart: Chart; vs: VirtualService } {
  const chart = new Chart(app, 'prop');
  const ups = UPSTREAMS.map(u => new Upstream(chart, u, { serviceName: u, servicePort: 80 }));
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs', namespace: 'gloo-system' } });
  specs.forEach((s, i) => {
    const matcher: RouteMatcher = {
      path: PathMatch.prefix(`/r${i}/`),
      headers: s.header ? [HeaderMatch.valueIs('x-route', s.header)] : undefined,
      methods: s.method ? [s.method] : undefined,
    };
    const props: RouteProps = s.weights.length === 1
      ? { matchers: [matcher], action: RouteAction.forward(Destination.upstream(ups[s.upstreams[0]])) }
      : {
        matchers: [matcher],
        action: RouteAction.weightedForward(s.weights.map((w, j) => ({ destination: Destination.upstream(ups[s.upstreams[j]]), weight: w }))),
      };
    vs.addRoute(props);
  });
  return { chart, vs };
}

describe('properties', () => {
  test('random valid route sets pass the CRD schema, and simulated shares are the declared weights over their total', () => {
    fc.assert(fc.property(fc.array(routeSpec, { minLength: 1, maxLength: 8 }), (specs) => {
      const { chart, vs } = buildApp(specs);
      expect(CrdSchemaValidator.gloo().validate(Testing.synth(chart))).toEqual([]);
      specs.forEach((s, i) => {
        const result = RoutingSimulator.simulateRequest(vs, {
          path: `/r${i}/item?x=1`,
          method: s.method ?? 'GET',
          headers: s.header ? { 'x-route': s.header } : {},
        });
        expect(result.routeIndex).toBe(i);
        const total = s.weights.length === 1 ? 1 : s.weights.reduce((sum, w) => sum + w, 0);
        const expected = s.weights.length === 1 ? [100] : s.weights.map(w => (w / total) * 100);
        expect(result.destinations.map(d => d.percent)).toEqual(expected);
        expect(result.destinations.map(d => d.upstream)).toEqual(s.upstreams.map(u => `default-${UPSTREAMS[u]}-80`));
      });
    }), { numRuns: 60 });
  });

  test('synthesizing twice gives byte-identical YAML', () => {
    fc.assert(fc.property(fc.array(routeSpec, { minLength: 1, maxLength: 6 }), (specs) => {
      expect(Yaml.stringify(...buildApp(specs).chart.toJson())).toBe(Yaml.stringify(...buildApp(specs).chart.toJson()));
    }), { numRuns: 40 });
  });

  describe('random invalid input fails synth with the expected message and writes nothing', () => {
    let work: string;
    beforeAll(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'props-')); });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    /** Synthesizes through an AtomicOutputDirectory over a folder that already holds output. */
    function synthFails(build: (app: App) => void, message: RegExp): void {
      const outdir = path.join(work, 'dist');
      fs.mkdirSync(outdir, { recursive: true });
      fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), 'previous output\n');
      const out = new AtomicOutputDirectory(outdir, { keepSubdirectories: true });
      let error: Error | undefined;
      try {
        const app = new App({ outdir: out.stagingDir });
        build(app);
        app.synth();
        out.commit();
      } catch (e) {
        out.abort();
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(fs.readdirSync(outdir)).toEqual(['previous.k8s.yaml']);
      expect(fs.readFileSync(path.join(outdir, 'previous.k8s.yaml'), 'utf8')).toBe('previous output\n');
      expect(fs.readdirSync(work)).toEqual(['dist']);
    }

    test('weights: non-integers, negatives, values above uint32', () => {
      const badWeight = fc.oneof(
        fc.double({ min: 0.01, max: 1000, noNaN: true }).filter(w => !Number.isInteger(w)),
        fc.integer({ min: -1000000, max: -1 }),
        fc.integer({ min: 4294967296, max: Number.MAX_SAFE_INTEGER }),
      );
      fc.assert(fc.property(badWeight, fc.integer({ min: 0, max: 3 }), (weight, position) => {
        const weights = [1, 1, 1, 1];
        weights[position] = weight;
        synthFails(app => buildApp([{ weights, upstreams: [0, 1, 2, 0] }], app),
          new RegExp(`routes\\[0\\]\\.routeAction\\.multi\\.destinations\\[${position}\\]\\.weight: got ${String(weight).replace(/[.+-]/g, '\\$&')}, expected an integer from 0 to 4294967295`));
      }), { numRuns: 40 });
    });

    test('weights that add up to less than 1', () => {
      fc.assert(fc.property(fc.integer({ min: 2, max: 5 }), (n) => {
        const weights = new Array(n).fill(0);
        synthFails(app => buildApp([{ weights, upstreams: weights.map((_w, i) => i % 3) }], app),
          new RegExp(`destinations\\[\\*\\]\\.weight: got 0, expected weights that add up to at least 1 \\(got ${weights.join(' \\+ ')}\\)`));
      }), { numRuns: 10 });
    });

    test('matchers with conditions but no path', () => {
      const conditions = fc.record({
        headers: fc.option(fc.array(fc.record({ name: fc.stringMatching(/^[a-z]{1,6}$/), value: fc.stringMatching(/^[a-z0-9]{1,6}$/) })
          .map(h => HeaderMatch.valueIs(h.name, h.value)), { minLength: 1, maxLength: 3 }), { nil: undefined }),
        methods: fc.option(fc.constantFrom<string[]>(['GET'], ['POST', 'PUT']), { nil: undefined }),
      }).filter(c => c.headers !== undefined || c.methods !== undefined);
      fc.assert(fc.property(conditions, (matcher) => {
        synthFails(app => {
          const { vs } = buildApp([], app);
          // a JavaScript caller can leave out the path match, which the types require
          vs.addRoute({ matchers: [matcher as any], action: RouteAction.forward(Destination.upstream(Upstream.fromUpstreamName(vs, 'u', 'x'))) });
        }, /routes\[0\]\.matchers\[0\]: got .*, expected a matcher with a path match/);
      }), { numRuns: 30 });
    });

    test('regexes that RE2 refuses', () => {
      const badRegex = fc.constantFrom('(?=a)', '(?!a)', '(?<=a)b', '(a)\\1', '(', 'a**', '[z-a]', '\\p{Nope}');
      fc.assert(fc.property(badRegex, fc.constantFrom('path', 'header', 'query'), (regex, where) => {
        synthFails(app => {
          const { vs } = buildApp([], app);
          const matcher: RouteMatcher = where === 'path' ? { path: PathMatch.regex(regex) }
            : where === 'header' ? { path: PathMatch.prefix('/'), headers: [HeaderMatch.valueMatchesRegex('h', regex)] }
              : { path: PathMatch.prefix('/'), queryParameters: [QueryParameterMatch.valueMatchesRegex('q', regex)] };
          vs.addRoute({ matchers: [matcher], action: RouteAction.forward(Destination.upstream(Upstream.fromUpstreamName(vs, 'u', 'x'))) });
        }, /expected a valid RE2 regular expression/);
      }), { numRuns: 30 });
    });
  });
});
