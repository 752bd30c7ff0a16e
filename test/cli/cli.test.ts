import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { ACTIVE_STEP } from '../../examples/petstore-canary/active-step';
import { buildPetstoreCanary } from '../../examples/petstore-canary/app';
import { applyTarget } from '../../examples/petstore-canary/targets';
import { planOf } from '../../examples/petstore-canary/tutorial';
import { CanaryRelease } from '../../src';
import { buildExamples, runCli, shopReleaseSource } from '../util';

const root = path.join(__dirname, '..', '..');

function cli(args: string[], cwd = root): { code: number; out: string } {
  const { code, out } = runCli(args, cwd);
  return { code, out };
}

/** Like `cli`, and also what the command wrote to stderr. */
function cliWithErr(args: string[], cwd = root): { code: number; out: string; err: string } {
  return runCli(args, cwd);
}

/**
 * Writes a small JavaScript cdk8s app into `dir` (with a cdk8s.yaml whose app: is `node main.js`):
 * one release `checkout` with the given stages, committed at `active`. `body` replaces its synth.
 * Each run appends its process id to `runs.txt`.
 */
function writeApp(dir: string, options: { stages?: string; active?: string; body?: string } = {}): void {
  const lib = path.join(root, '.build', 'src');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
  fs.writeFileSync(path.join(dir, 'main.js'), `
const fs = require('fs');
const { App, Chart } = require(${JSON.stringify(require.resolve('cdk8s'))});
const { CanaryRelease, CanaryStage, Upstream, VirtualService } = require(${JSON.stringify(lib)});
fs.appendFileSync(${JSON.stringify(path.join(dir, 'runs.txt'))}, process.pid + '\\n');
const app = new App();
${shopReleaseSource(options.stages ?? '[CanaryStage.stable(), CanaryStage.header(), CanaryStage.weight(10), CanaryStage.promote()]', options.active ?? 'header')}
${options.body ?? 'app.synth();'}
`);
}

/** An app that writes one manifest where CDK8S_OUTDIR says, and has no release. */
function writeManifestOnlyApp(dir: string): void {
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node main.js\n');
  fs.writeFileSync(path.join(dir, 'main.js'), `const fs = require('fs');
fs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });
fs.writeFileSync(process.env.CDK8S_OUTDIR + '/config.k8s.yaml', 'kind: ConfigMap\\n');
`);
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
    expect(out).toContain('weight-10           canary 10% · stable 90%');
    expect(out).toContain('header            canary 100%                   stable 100%');
    expect(out).not.toContain('x-canary: true');
    // the example synthesizes both targets: each release is planned on each, Gloo first
    expect(out.split('\n').filter(l => l.startsWith('target: '))).toEqual([
      'target: gloo (VirtualService gloo-system/coalmine)',
      'target: gateway api (HTTPRoute default/coalmine in gateway-api/): stable Service default/petstore-v1:8080, canary Service default/petstore-v2:8080',
      'target: gloo (VirtualService gloo-system/coalmine)',
      'target: gateway api (HTTPRoute default/coalmine in gateway-api/): stable Service default/petstore-v1:8080, canary Service default/petstore-v2:8080',
    ]);
  }, 60_000);

  test('plan --format markdown gives tables to paste into a pull request', () => {
    const { code, out } = cli(['plan', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(out).toBe(planOf('markdown'));
    // no header column for a release without a header stage; the header's value masked
    expect(out).toContain('| stage | /findPetWithId without x-canary |');
    expect(out).toContain('| weight-50 (active) | canary 50% · stable 50% |');
    expect(out).toContain('| stage | /findPets with x-canary: *** | /findPets without x-canary |');
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
    // and the Gateway API target of the same stage beside it, as the example writes it
    const gatewayApp = Testing.app();
    applyTarget(gatewayApp, 'gateway-api');
    CanaryRelease.selectStages(gatewayApp, { 'find-pet-by-id': 'weight-10' });
    const gatewayExpected = Yaml.stringify(...buildPetstoreCanary(gatewayApp, ACTIVE_STEP).coalmine.toJson());
    expect(gatewayExpected).toContain('kind: HTTPRoute');
    expect(fs.readFileSync(path.join(stages, 'find-pet-by-id', 'weight-10', 'gateway-api', 'coalmine.k8s.yaml'), 'utf8')).toBe(gatewayExpected);
  }, 60_000);

  test('fails when the app fails, and leaves the previous stages as they were (shell command)', () => {
    const stages = path.join(work, 'stages');
    fs.mkdirSync(path.join(stages, 'old'), { recursive: true });
    const { code } = cli(['synth-stages', '--output', work, '--app', `${JSON.stringify(process.execPath)} -e "process.exit(3)"`]);
    expect(code).toBe(1);
    expect(fs.readdirSync(stages)).toEqual(['old']);
    expect(fs.readdirSync(work)).toEqual(['stages']);
  });

  test('says when the app has no releases', () => {
    writeManifestOnlyApp(work);
    expect(cli(['plan'], work)).toEqual({ code: 0, out: 'the app has no canary releases\n' });
  });

  test('starts a node app once and synthesizes every stage in that process', () => {
    writeApp(work);
    const { code, out, err } = cliWithErr(['plan', '--show-header-values'], work);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe([
      'checkout (shop/vs/checkout): stable shop-checkout-v1-8080, canary shop-checkout-v2-8080',
      'stage            /checkout with x-canary: let-me-in  /checkout without x-canary',
      '---------------  ----------------------------------  --------------------------',
      'stable           stable 100%                         stable 100%',
      'header (active)  canary 100%                         stable 100%',
      'weight-10        canary 10% · stable 90%             canary 10% · stable 90%',
      'promote          canary 100%                         canary 100%',
      '',
    ].join('\n'));
    // one process: a run to find the releases (reused for the active stage), then one per other stage
    const pids = fs.readFileSync(path.join(work, 'runs.txt'), 'utf8').trim().split('\n');
    expect(pids).toHaveLength(4);
    expect(new Set(pids).size).toBe(1);
    expect(pids[0]).not.toBe(String(process.pid));
  }, 60_000);

  test('runs the entry as the main module, so an app guarded by require.main === module synthesizes', () => {
    writeApp(work, { body: 'if (require.main === module) app.synth();' });
    expect(cli(['synth-stages'], work)).toMatchObject({ code: 0, out: expect.stringMatching(/^synthesized 4 stages of 1 releases/) });
  }, 60_000);

  test('falls back to one process per stage for other app commands, and says so in one line', () => {
    writeApp(work);
    const { code, err } = cliWithErr(['plan', '--app', 'node main.js && true'], work);
    expect(code).toBe(0);
    expect(err).toMatch(/^note: running "node main\.js && true" once per stage, since it uses shell syntax; [^\n]*\n$/);
    expect(new Set(fs.readFileSync(path.join(work, 'runs.txt'), 'utf8').trim().split('\n')).size).toBe(4);
  }, 60_000);

  test('--release and --stage narrow synth-stages to one stage, keeping the others', () => {
    writeApp(work);
    expect(cli(['synth-stages'], work).code).toBe(0);
    const weight = path.join(work, 'dist', 'stages', 'checkout', 'weight-10', 'shop.k8s.yaml');
    fs.writeFileSync(weight, 'stale');
    const { code, out } = cli(['synth-stages', '--release', 'checkout', '--stage', 'weight-10'], work);
    expect({ code, out }).toEqual({ code: 0, out: `synthesized 1 stages of 1 releases to ${path.join(work, 'dist', 'stages')}\n` });
    expect(fs.readFileSync(weight, 'utf8')).toContain('weight: 10');
    expect(fs.readdirSync(path.join(work, 'dist', 'stages', 'checkout')).sort()).toEqual(['header', 'promote', 'stable', 'weight-10']);
    expect(fs.readdirSync(path.join(work, 'dist'))).toEqual(['stages']);
  }, 60_000);

  describe('fails in one line on stderr, leaving dist/ as it was', () => {
    function expectOneLineFailure(args: string[], message: RegExp, cwd = work) {
      const { code, out, err } = cliWithErr(args, cwd);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err.trimEnd()).toMatch(message);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
    }
    let stale: string;
    beforeEach(() => {
      stale = path.join(work, 'dist', 'stages', 'old', 'x.yaml');
      fs.mkdirSync(path.dirname(stale), { recursive: true });
      fs.writeFileSync(stale, 'old');
    });
    afterEach(() => {
      expect(fs.readFileSync(stale, 'utf8')).toBe('old');
      expect(fs.readdirSync(path.join(work, 'dist'))).toEqual(['stages']);
      expect(fs.readdirSync(path.join(work, 'dist', 'stages'))).toEqual(['old']);
    });

    test('fails when there is no cdk8s.yaml', () => {
      expectOneLineFailure(['synth-stages'], /^no cdk8s\.yaml in .*: run the command in your cdk8s app's folder, or give the app command with --app "<cmd>"$/);
    });

    test('fails when the app fails', () => {
      writeApp(work, { active: 'weight-99' });
      expectOneLineFailure(['synth-stages'],
        /^the app failed: GlooInputError: \[shop\/vs\/checkout\] stage: got "weight-99", expected one of the stage names: stable, header, weight-10, promote \(run "node main\.js" in .* to see its whole output\)$/);
    });

    test('fails when the app exits non-zero, with the line it printed', () => {
      writeApp(work, { body: 'console.error("could not reach the registry"); process.exit(3);' });
      expectOneLineFailure(['synth-stages'], /^the app failed: could not reach the registry \(run "node main\.js"/);
    });

    test('fails when an app run once per stage fails', () => {
      writeApp(work, { body: 'throw new Error("boom")' });
      const { code, err } = cliWithErr(['synth-stages', '--app', 'node main.js && true'], work);
      expect(code).toBe(1);
      expect(err.trimEnd().split('\n')[1]).toMatch(/^the app failed: Error: boom \(run "node main\.js && true"/);
    });

    test('fails when the app writes nothing', () => {
      writeApp(work, { body: '' });
      expectOneLineFailure(['synth-stages'], /^the app wrote no manifests to .*, the folder CDK8S_OUTDIR named: write there \(new App\(\) without outdir does/);
    });

    test('fails when the app writes to a folder of its own', () => {
      writeApp(work, { body: `app.outdir = ${JSON.stringify(path.join(os.tmpdir(), 'gloo-cli-elsewhere'))}; app.synth();` });
      expectOneLineFailure(['plan'], /^the app wrote no manifests to .*CDK8S_OUTDIR/);
      fs.rmSync(path.join(os.tmpdir(), 'gloo-cli-elsewhere'), { recursive: true, force: true });
    });

    test('fails when no release has the name given, naming the releases', () => {
      writeApp(work);
      expectOneLineFailure(['synth-stages', '--release', 'chekout'], /^the app has no release named "chekout": use one of checkout$/);
    });

    test('fails when the release has no such stage, naming its stages', () => {
      writeApp(work);
      expectOneLineFailure(['synth-stages', '--release', 'checkout', '--stage', 'weight-50'],
        /^release checkout has no stage "weight-50": use one of stable, header, weight-10, promote$/);
    });

    test('fails when the app has no release at all', () => {
      writeManifestOnlyApp(work);
      expectOneLineFailure(['synth-stages', '--release', 'checkout'], /^the app has no canary releases, so none named "checkout"/);
    });
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

  test('validate reports a missing name, a malformed namespace and a missing namespace, naming the file and document', () => {
    fs.mkdirSync(path.join(work, 'meta'));
    const vs = (metadata: string) => `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: ${metadata}
spec: { virtualHost: { domains: ['*'] } }
`;
    fs.writeFileSync(path.join(work, 'meta', 'vs.yaml'), [
      vs('{ namespace: gloo-system }'),
      vs('{ name: shop, namespace: Gloo_System }'),
      vs('{ name: Shop }'),
    ].join('---\n'));
    const r = cliWithErr(['validate', path.join(work, 'meta')]);
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('undefined');
    expect(r.err).toContain('vs.yaml document 0: gateway.solo.io/v1/VirtualService gloo-system/(no name) metadata.name: missing: every object needs a name');
    expect(r.err).toContain('vs.yaml document 1: gateway.solo.io/v1/VirtualService Gloo_System/shop metadata.namespace: "Gloo_System" is not a namespace the API server takes');
    expect(r.err).toContain('vs.yaml document 2: gateway.solo.io/v1/VirtualService Shop metadata.name: "Shop" is not a name the API server takes');
    expect(r.err).toContain('vs.yaml document 2: gateway.solo.io/v1/VirtualService Shop metadata.namespace: missing; kubectl apply would put it');
  });
});
