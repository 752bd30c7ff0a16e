/**
 * The example's two canary releases, stage by stage: each stage routes as declared (checked with the
 * simulator), and moving to the next stage changes only routing lines of the YAML.
 */
import { Testing, Yaml } from 'cdk8s';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { formatDiff, lineDiff } from '../../examples/petstore-canary/line-diff';
import { applyTarget, Target } from '../../examples/petstore-canary/targets';
import { CanaryRelease, CanaryStageKind, RoutingSimulator } from '../../src';

const V1 = 'default-petstore-v1-8080';
const V2 = 'default-petstore-v2-8080';

/** The example at its active step, with one release moved to `stage`, for a target. */
function atStage(release: 'findPetById' | 'findPets', stage: string, target: Target = 'gloo') {
  const probe = buildPetstoreCanary(Testing.app(), ACTIVE_STEP).coalmine[release];
  const app = Testing.app();
  applyTarget(app, target);
  CanaryRelease.selectStages(app, { [probe.releaseName]: stage });
  const charts = buildPetstoreCanary(app, ACTIVE_STEP);
  return { ...charts, release: charts.coalmine[release] as CanaryRelease };
}

const RELEASES = ['findPetById', 'findPets'] as const;
const stagesOf = (release: typeof RELEASES[number]) => buildPetstoreCanary(Testing.app(), ACTIVE_STEP).coalmine[release].stageNames;
const STAGE_CASES = RELEASES.flatMap(r => stagesOf(r).map(s => [r, s] as const));
const PAIR_CASES = RELEASES.flatMap(r => stagesOf(r).slice(1).map((s, i) => [r, stagesOf(r)[i], s] as const));

describe('every stage of the example routes as it declares', () => {
  test.each(STAGE_CASES)('%s at %s', (name, stage) => {
    const { release, coalmine } = atStage(name, stage);
    const active = release.activeStage;
    const path = release._description.routes[0];
    const withHeader = RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(coalmine.virtualService, { path, headers: { 'x-canary': 'true' } }));
    const without = RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(coalmine.virtualService, { path }));
    for (const shares of [withHeader, without]) {
      expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    }
    const expectedWithout = active.canaryShare === 100 ? { [V2]: 100 }
      : active.canaryShare === 0 ? { [V1]: 100 } : { [V2]: active.canaryShare, [V1]: 100 - active.canaryShare };
    expect(without).toEqual(expectedWithout);
    expect(withHeader).toEqual(active.headerRoute ? { [V2]: 100 } : expectedWithout);
    if (active.kind === CanaryStageKind.PROMOTE) expect([withHeader, without]).toEqual([{ [V2]: 100 }, { [V2]: 100 }]);
    if (active.kind === CanaryStageKind.ROLLBACK) expect([withHeader, without]).toEqual([{ [V1]: 100 }, { [V1]: 100 }]);
  });
});

/** The key path of each line of a YAML text, and the kind of the document it is in. */
function linePaths(text: string): Array<{ kind: string; path: string[] }> {
  const lines = text.split('\n');
  const out: Array<{ kind: string; path: string[] }> = [];
  let kind = '';
  let stack: Array<{ indent: number; key: string }> = [];
  lines.forEach((line, i) => {
    if (line === '---') {
      kind = ''; stack = [];
    } else {
      if (/^kind: /.test(line)) kind = line.slice(6);
      if (!kind) {
        const ahead = lines.slice(i).find(l => /^kind: /.test(l) || l === '---');
        if (ahead?.startsWith('kind: ')) kind = ahead.slice(6);
      }
      const indent = line.length - line.replace(/^[\s-]*/, '').length;
      const key = (/^[\s-]*([^:\s][^:]*):/.exec(line) ?? [])[1] ?? '';
      stack = stack.filter(s => s.indent < indent);
      out.push({ kind, path: [...stack.map(s => s.key), key] });
      if (key) stack.push({ indent, key });
    }
    if (line === '---') out.push({ kind: '', path: [] });
  });
  return out;
}

/** Whether a line is part of routing: a VirtualService's routes, an UpstreamGroup's destinations or an HTTPRoute's rules. */
function isRoutingLine(at: { kind: string; path: string[] }): boolean {
  if (at.kind === 'VirtualService') return at.path.slice(0, 3).join('.') === 'spec.virtualHost.routes';
  if (at.kind === 'HTTPRoute') return at.path.slice(0, 2).join('.') === 'spec.rules';
  if (at.kind === 'UpstreamGroup') return true;
  return false;
}

/** Moves a release from one stage to the next, for a target, and checks that only routing lines change. */
function nextStageDiff(name: typeof RELEASES[number], from: string, to: string, target: Target): string {
  const before = atStage(name, from, target);
  const after = atStage(name, to, target);
  expect(Yaml.stringify(...after.petstore.toJson())).toBe(Yaml.stringify(...before.petstore.toJson()));

  const a = Yaml.stringify(...before.coalmine.toJson());
  const b = Yaml.stringify(...after.coalmine.toJson());
  const diff = lineDiff(a, b);
  const pathsA = linePaths(a);
  const pathsB = linePaths(b);
  const changed = diff.filter(d => d.op !== ' ');
  expect(changed.length).toBeGreaterThan(0);
  for (const d of changed) {
    const at = d.op === '-' ? pathsA[d.index] : pathsB[d.index];
    expect({ line: `${d.op}${d.text}`, routing: isRoutingLine(at) }).toEqual({ line: `${d.op}${d.text}`, routing: true });
  }
  return formatDiff(diff);
}

describe('moving a release to its next stage changes only routing lines', () => {
  test.each(PAIR_CASES)('%s: %s → %s', (name, from, to) => {
    expect(nextStageDiff(name, from, to, 'gloo')).toMatchSnapshot();
  });

  test('a non-routing change would be caught', () => {
    const yaml = 'apiVersion: gateway.solo.io/v1\nkind: VirtualService\nmetadata:\n  name: x\nspec:\n  displayName: a\n  virtualHost:\n    routes:\n      - matchers: []\n';
    const paths = linePaths(yaml);
    expect(isRoutingLine(paths[5])).toBe(false); // displayName
    expect(isRoutingLine(paths[8])).toBe(true); // a route
    expect(isRoutingLine(paths[3])).toBe(false); // metadata.name
  });
});

describe('on Gateway API, moving a release to its next stage changes only routing lines', () => {
  test.each(PAIR_CASES)('%s: %s → %s', (name, from, to) => {
    expect(nextStageDiff(name, from, to, 'gateway-api')).toMatchSnapshot();
  });

  test('a non-routing change of an HTTPRoute would be caught', () => {
    const yaml = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: x\nspec:\n  parentRefs:\n    - name: http\n  rules:\n    - matches: []\n';
    const paths = linePaths(yaml);
    expect(isRoutingLine(paths[6])).toBe(false); // a parentRef
    expect(isRoutingLine(paths[8])).toBe(true); // a rule
    expect(isRoutingLine(paths[3])).toBe(false); // metadata.name
  });
});
