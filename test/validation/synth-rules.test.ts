import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  AtomicOutputDirectory,
  Destination,
  HeaderMatch,
  PathMatch,
  RouteAction,
  RouteTable,
  Upstream,
  UpstreamGroup,
  VirtualService,
} from '../../src';
import { newChart, vsRoutes } from '../util';

function setup(chart: Chart = newChart()) {
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080 });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'vs' } });
  return { chart, v1, v2, vs };
}

/** The error lines of a synth that must fail. */
function synthErrorLines(chart: Chart): string[] {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message.split('\n').filter(l => l.startsWith('  ['));
  }
  throw new Error('synth passed');
}

describe('synth-time rules', () => {
  test('report every problem of the app in one synth', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.regex('(?=x)') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)), options: { prefixRewrite: '/x//y' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a/b') }], action: RouteAction.forward(Destination.upstream(v2)) });
    new VirtualService(chart, 'twin');
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').filter(l => l.startsWith('  ['))).toEqual([
      expect.stringMatching(/^ {2}\[test\/vs\] domains: got \["\*"\], expected domains no other VirtualService on gateway gateway-proxy serves, but test\/twin serves them too/),
      expect.stringMatching(/^ {2}\[test\/vs\] routes\[0\]\.matchers\[0\]\.regex: got "\(\?=x\)", expected a valid RE2 regular expression/),
      '  [test/vs] routes[1].options.prefixRewrite: got "/x//y", expected a path without "//" (hint: gloo rejects the route ("the rewrite is invalid"))',
      expect.stringMatching(/^ {2}\[test\/vs\] routes\[2\]\.matchers: got \[\{"prefix":"\/a\/b"\}\], expected a route that can match, but routes\[1\] \(test\/vs\) comes first/),
      expect.stringMatching(/^ {2}\[test\/twin\] domains: got \["\*"\], expected domains no other VirtualService on gateway gateway-proxy serves, but test\/vs serves them too/),
    ]);
  });

  test('allowShadowing opts a route out of the shadowing check', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a/b') }], action: RouteAction.forward(Destination.upstream(v2)), allowShadowing: true });
    expect(vsRoutes(chart)).toHaveLength(2);
  });

  test('a route is only shadowed when every one of its matchers is covered', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a/b') }, { path: PathMatch.prefix('/c') }], action: RouteAction.forward(Destination.upstream(v2)) });
    expect(vsRoutes(chart)).toHaveLength(2);
  });

  test('the header canary order of the blog is not shadowing', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/findPets'), headers: [HeaderMatch.valueIs('x-canary', 'true')] }], action: RouteAction.forward(Destination.upstream(v2)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/findPetWithId') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/findPets') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart)).toHaveLength(3);
  });

  test('fails when two VirtualServices on one gateway serve domains that differ only in case', () => {
    const chart = newChart();
    new VirtualService(chart, 'a', { domains: ['api.example.com', 'www.example.com'] });
    new VirtualService(chart, 'b', { domains: ['API.example.com'] });
    const lines = synthErrorLines(chart);
    expect(lines).toEqual([
      '  [test/a] domains: got ["api.example.com"], expected domains no other VirtualService on gateway gateway-proxy serves, but test/b serves them too (as "API.example.com") '
        + '(hint: envoy lowercases domains, so domains that differ only in case are the same domain; gloo rejects both virtual services ("domain conflict"); give each its own domains, or put the routes in one VirtualService)',
      expect.stringMatching(/^ {2}\[test\/b\] domains: got \["API\.example\.com"\], expected domains no other VirtualService on gateway gateway-proxy serves, but test\/a serves them too \(as "api\.example\.com"\)/),
    ]);
  });

  test('fails when one VirtualService lists a domain twice in different case, as soon as it is made', () => {
    const chart = newChart();
    expect(() => new VirtualService(chart, 'vs', { domains: ['api.example.com', 'Api.Example.com'] })).toThrow(
      '[test/vs] domains[1]: got "Api.Example.com", expected each domain once, ignoring case (domains[0] is "api.example.com") '
        + '(hint: envoy lowercases domains and rejects a virtual host with duplicate domains)');
  });

  test('fails when a VirtualService added after a synth shares a domain: the cached check runs again', () => {
    const chart = newChart();
    new VirtualService(chart, 'a', { domains: ['api.example.com'] });
    expect(Testing.synth(chart)).toHaveLength(1);
    new VirtualService(chart, 'b', { domains: ['api.example.com'] });
    expect(synthErrorLines(chart)).toEqual([
      expect.stringContaining('[test/a] domains: got ["api.example.com"], expected domains no other VirtualService on gateway gateway-proxy serves, but test/b serves them too'),
      expect.stringContaining('[test/b] domains: got ["api.example.com"], expected domains no other VirtualService on gateway gateway-proxy serves, but test/a serves them too'),
    ]);
  });

  test('fails when a route added after a synth is shadowed: the cached route check runs again', () => {
    const { chart, v1, v2, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart)).toHaveLength(1);
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a/b') }], action: RouteAction.forward(Destination.upstream(v2)) });
    expect(synthErrorLines(chart)).toEqual([expect.stringMatching(/^ {2}\[test\/vs\] routes\[1\]\.matchers: got \[\{"prefix":"\/a\/b"\}\], expected a route that can match/)]);
  });

  test('VirtualServices of different apps may share a domain', () => {
    const one = newChart();
    const two = newChart();
    new VirtualService(one, 'vs', { domains: ['api.example.com'] });
    new VirtualService(two, 'vs', { domains: ['api.example.com'] });
    expect(Testing.synth(one)).toHaveLength(1);
    expect(Testing.synth(two)).toHaveLength(1);
  });

  test('VirtualServices on different gateways may share a domain', () => {
    const { chart } = setup();
    new VirtualService(chart, 'ssl', { gatewayName: 'gateway-proxy-ssl' });
    expect(Testing.synth(chart).filter((m: any) => m.kind === 'VirtualService')).toHaveLength(2);
  });

  test('delegation to a table whose routes all start with the parent prefix is fine', () => {
    const { chart, v1, vs } = setup();
    const rt = new RouteTable(chart, 'rt', { metadata: { name: 'team' } });
    rt.addRoute({ matchers: [{ path: PathMatch.prefix('/team/a') }], action: RouteAction.forward(Destination.upstream(v1)) });
    rt.addRoute({ matchers: [{ path: PathMatch.exact('/team') }], action: RouteAction.forward(Destination.upstream(v1)) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(rt) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team/b') }], action: RouteAction.forward(Destination.upstream(v1)) }); // no route of the table covers /team/b, so it is reachable
    expect(vsRoutes(chart)).toHaveLength(2);
  });

  test('fails when a route is shadowed through nested delegation, naming the path through the tables', () => {
    const { chart, v1, vs } = setup();
    const inner = new RouteTable(chart, 'inner', { metadata: { name: 'inner' } });
    inner.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.forward(Destination.upstream(v1)) });
    const outer = new RouteTable(chart, 'outer', { metadata: { name: 'outer' } });
    outer.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(inner) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(outer) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team/b') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(() => Testing.synth(chart)).toThrow(/routes\[1\]\.matchers: .*delegates every request this one matches to RouteTable outer routes\[0\], then RouteTable inner routes\[0\], which matches them all/);
  });

  test('a route after a delegation to an external RouteTable is not reported: its routes are unknown', () => {
    const { chart, v1, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(RouteTable.fromRouteTableName(chart, 'ext', 'team', { namespace: 'teams' })) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team/b') }], action: RouteAction.forward(Destination.upstream(v1)) });
    expect(vsRoutes(chart)).toHaveLength(2);
  });

  test('external upstreams, groups and tables are fine', () => {
    const { chart, vs } = setup();
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }], action: RouteAction.forward(Destination.upstream(Upstream.fromUpstreamName(chart, 'u', 'legacy'))) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.upstreamGroup(UpstreamGroup.fromUpstreamGroupName(chart, 'g', 'shared')) });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/c') }], action: RouteAction.delegate(RouteTable.fromRouteTableName(chart, 'r', 'team', { namespace: 'teams' })) });
    expect(vsRoutes(chart)).toHaveLength(3);
  });
});

describe('AtomicOutputDirectory', () => {
  let work: string;
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function synthInto(outdir: string, build: (chart: Chart) => void, keepSubdirectories = false): void {
    const out = new AtomicOutputDirectory(outdir, { keepSubdirectories });
    try {
      const app = new App({ outdir: out.stagingDir });
      build(new Chart(app, 'chart'));
      app.synth();
      out.commit();
    } catch (e) {
      out.abort();
      throw e;
    }
  }

  test('a failing synth leaves the previous output exactly as it was', () => {
    const outdir = path.join(work, 'dist');
    synthInto(outdir, chart => setup(chart));
    const before = fs.readFileSync(path.join(outdir, 'chart.k8s.yaml'), 'utf8');
    expect(() => synthInto(outdir, chart => {
      const { v1, vs } = setup(chart);
      vs.addRoute({ matchers: [{ path: PathMatch.regex('(') }], action: RouteAction.forward(Destination.upstream(v1)) });
    })).toThrow(/routes\[0\]\.matchers\[0\]\.regex/);
    expect(fs.readdirSync(outdir)).toEqual(['chart.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'chart.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(work)).toEqual(['dist']);
  });

  test('a successful synth replaces the output; keepSubdirectories keeps folders such as stages/', () => {
    const outdir = path.join(work, 'dist');
    fs.mkdirSync(path.join(outdir, 'stages'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stale.k8s.yaml'), 'old');
    synthInto(outdir, chart => setup(chart), true);
    expect(fs.readdirSync(outdir).sort()).toEqual(['chart.k8s.yaml', 'stages']);
    synthInto(outdir, chart => setup(chart));
    expect(fs.readdirSync(outdir)).toEqual(['chart.k8s.yaml']);
  });

  test('fails when committed twice', () => {
    const out = new AtomicOutputDirectory(path.join(work, 'x'));
    out.commit();
    expect(() => out.commit()).toThrow(/already committed or aborted/);
  });
});
