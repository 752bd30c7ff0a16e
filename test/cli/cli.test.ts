import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { planOf } from '../../examples/petstore-canary/tutorial';
import { CanaryRelease } from '../../src';
import { main } from '../../src/cli/main';
import { buildExamples } from '../util';

const root = path.join(__dirname, '..', '..');

function cli(args: string[], cwd = root): { code: number; out: string } {
  let out = '';
  const code = main(args, cwd, s => { out += s; });
  return { code, out };
}

describe('cdk8s-gloo-canary', () => {
  let work: string;
  // the example's app command (cdk8s.yaml) runs the compiled example; compile it once up front
  beforeAll(buildExamples, 180_000);
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-cli-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('plan prints every stage of every release, computed through the app\'s own command', () => {
    const { code, out } = cli(['plan']);
    expect(code).toBe(0);
    expect(out).toBe(planOf('text'));
    expect(out).toContain('weight-10           canary 10% · stable 90%             canary 10% · stable 90%');
    expect(out).toContain('header            canary 100%                    stable 100%');
  }, 60_000);

  test('plan --format markdown gives tables to paste into a pull request', () => {
    const { code, out } = cli(['plan', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(out).toBe(planOf('markdown'));
    expect(out).toContain('| weight-50 (active) | canary 50% · stable 50% | canary 50% · stable 50% |');
  }, 60_000);

  test('synth-stages writes every stage of every release to <output>/stages/<release>/<stage>/', () => {
    const { code, out } = cli(['synth-stages', '--output', path.join(work, 'out')]);
    expect(code).toBe(0);
    expect(out).toMatch(/^synthesized 9 stages of 2 releases to /);
    const stages = path.join(work, 'out', 'stages');
    expect(fs.readdirSync(stages).sort()).toEqual(['find-pet-by-id', 'find-pets']);
    expect(fs.readdirSync(path.join(stages, 'find-pet-by-id')).sort()).toEqual(['promote', 'rollback', 'stable', 'weight-10', 'weight-50']);
    // the same YAML as synthesizing that stage in process
    const app = Testing.app();
    CanaryRelease.selectStages(app, { 'find-pet-by-id': 'weight-10' });
    const expected = Yaml.stringify(...buildPetstoreCanary(app, ACTIVE_STEP).coalmine.toJson());
    expect(fs.readFileSync(path.join(stages, 'find-pet-by-id', 'weight-10', 'coalmine.k8s.yaml'), 'utf8')).toBe(expected);
  }, 60_000);

  test('fails when the app fails, and leaves the previous stages as they were', () => {
    const stages = path.join(work, 'stages');
    fs.mkdirSync(path.join(stages, 'old'), { recursive: true });
    const { code } = cli(['synth-stages', '--output', work, '--app', `${JSON.stringify(process.execPath)} -e "process.exit(3)"`]);
    expect(code).toBe(1);
    expect(fs.readdirSync(stages)).toEqual(['old']);
    expect(fs.readdirSync(work)).toEqual(['stages']);
  });

  test('says when the app has no releases', () => {
    const app = `${JSON.stringify(process.execPath)} -e "0"`;
    expect(cli(['plan', '--app', app])).toEqual({ code: 0, out: 'the app has no canary releases\n' });
  });

  test('fails for an unknown command, format or option', () => {
    expect(cli(['deploy']).code).toBe(2);
    expect(cli(['plan', '--format', 'html']).code).toBe(1);
    expect(cli(['plan', '--verbose']).code).toBe(2);
    expect(cli([]).code).toBe(2);
    expect(cli(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('usage: cdk8s-gloo-canary <command>') });
  });

  test('validate checks every Gloo object under a folder against the CRD schemas', () => {
    fs.mkdirSync(path.join(work, 'ok', 'nested'), { recursive: true });
    fs.writeFileSync(path.join(work, 'ok', 'nested', 'vs.yaml'), Yaml.stringify(...buildPetstoreCanary(Testing.app(), ACTIVE_STEP).coalmine.toJson()));
    const good = cli(['validate', path.join(work, 'ok')]);
    expect(good).toEqual({ code: 0, out: `1 Gloo objects under ${path.join(work, 'ok')} match the Gloo CRD schemas\n` });

    fs.mkdirSync(path.join(work, 'blog'));
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'gloo-canary-example', 'coalmine-virtual-service-part-1.yaml'), path.join(work, 'blog', 'vs.yaml'));
    expect(cli(['validate', path.join(work, 'blog')]).code).toBe(1);
    expect(cli(['validate']).code).toBe(1);

    // the same through the command a user runs (the precompiled CLI, which finds the CRDs from .build/)
    const bin = path.join(root, 'bin', 'cdk8s-gloo-canary');
    expect(execFileSync(process.execPath, [bin, 'validate', path.join(work, 'ok')], { cwd: work, encoding: 'utf8' }))
      .toBe(`1 Gloo objects under ${path.join(work, 'ok')} match the Gloo CRD schemas\n`);
    expect(() => execFileSync(process.execPath, [bin, 'validate', path.join(work, 'blog')], { cwd: work, stdio: 'pipe' }))
      .toThrow(/spec\.virtualHost\.routes\[0\]\.matcher: unknown field, pruned by the API server/);
  }, 60_000);

  test('fails without cdk8s.yaml or --app', () => {
    expect(cli(['plan'], work).code).toBe(1);
  });
});
