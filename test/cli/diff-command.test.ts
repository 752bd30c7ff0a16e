import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExamples, REPO_ROOT, runCli, shopReleaseSource } from '../util';

const STAGES = '[CanaryStage.stable(), CanaryStage.header(), CanaryStage.weight(10), CanaryStage.weight(50), CanaryStage.promote()]';

/**
 * A JavaScript cdk8s app in `dir` (cdk8s.yaml `app: node main.js`, the library compiled to .build/):
 * the shop's release `checkout` at `stage`, and a payments route on `paymentsPrefix`.
 */
function writeApp(dir: string, stage: string, paymentsPrefix = '/payments'): void {
  const lib = path.join(REPO_ROOT, '.build', 'src');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
  fs.writeFileSync(path.join(dir, 'main.js'), `
const { App, Chart } = require(${JSON.stringify(require.resolve('cdk8s'))});
const { CanaryRelease, CanaryStage, Destination, PathMatch, RouteAction, Upstream, VirtualService } = require(${JSON.stringify(lib)});
const app = new App();
${shopReleaseSource(STAGES, stage)}
const payments = new Upstream(chart, 'payments', { serviceName: 'payments', serviceNamespace: 'shop', servicePort: 80 });
vs.addRoute({ matchers: [{ path: PathMatch.prefix(${JSON.stringify(paymentsPrefix)}) }], action: RouteAction.forward(Destination.upstream(payments)) });
app.synth();
`);
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** The temporary folders `diff --base` makes. */
function diffFolders(): string[] {
  return fs.readdirSync(os.tmpdir()).filter(f => f.startsWith('gloo-canary-diff-'));
}

describe('cdk8s-gloo-canary diff', () => {
  let work: string;
  beforeAll(buildExamples, 180_000);
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-diff-cli-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  /** The app synthesized at `stage` into `work/<name>`, as cdk8s synth writes it. */
  function synthesized(name: string, stage: string, paymentsPrefix?: string): string {
    const app = path.join(work, `${name}-app`);
    fs.mkdirSync(app);
    writeApp(app, stage, paymentsPrefix);
    execFileSync(process.execPath, ['main.js'], { cwd: app, env: { ...process.env, CDK8S_OUTDIR: path.join(work, name) } });
    return path.join(work, name);
  }

  test('of two output folders: exit 1 and the request classes that move; exit 0 when none does', () => {
    const base = synthesized('base', 'weight-10');
    const head = synthesized('head', 'weight-50');
    const changed = runCli(['diff', base, head], work);
    expect({ code: changed.code, err: changed.err }).toEqual({ code: 1, err: '' });
    expect(changed.out).toContain('VirtualService gloo-system/shop (shop.example.com): ');
    expect(changed.out).toContain('  GET /checkout, /checkout/, /checkout/x, /checkoutx: checkout-v1 90% · checkout-v2 10% → checkout-v1 50% · checkout-v2 50%\n');
    expect(runCli(['diff', base, base], work)).toMatchObject({ code: 0, err: '' });
    // a file on each side works as well
    const file = (dir: string) => path.join(dir, fs.readdirSync(dir).find(f => f.endsWith('.yaml'))!);
    expect(runCli(['diff', file(base), file(head)], work).code).toBe(1);
  }, 60_000);

  test('--format markdown starts with the marker a CI job finds its comment by, a summary, then details', () => {
    const out = runCli(['diff', synthesized('base', 'weight-10'), synthesized('head', 'weight-50'), '--format', 'markdown'], work).out;
    expect(out.split('\n').slice(0, 4)).toEqual([
      '<!-- cdk8s-gloo-canary diff -->', '### Routing changes (cdk8s-gloo-canary diff)', '', '**4 request classes route differently (11 asked; target gloo)**',
    ]);
    expect(out).toContain('<details><summary>Requests that route differently</summary>');
    const json = JSON.parse(runCli(['diff', path.join(work, 'base'), path.join(work, 'head'), '--format', 'json'], work).out);
    expect(json.routingChanged).toBe(true);
  }, 60_000);

  test.each([
    [['diff', 'nope', 'nope2'], 'diff: nope: no such folder or file\n'],
    [['diff', 'notes.txt', 'notes.txt'], 'diff: notes.txt: not a YAML file (expected .yaml or .yml)\n'],
    [['diff', 'config.yaml', 'config.yaml'], 'diff: config.yaml: no Gloo VirtualService or Gateway API HTTPRoute in it, so there is no routing to compare\n'],
    [['diff', 'empty', 'empty'], 'diff: empty: no YAML files in it or its folders (expected a folder cdk8s synth wrote)\n'],
    [['diff', 'one'], 'diff: expected two synthesized outputs (folders or files), base then head, or --base <git-ref>; got 1\n'],
    [['diff', 'a', 'b', '--format', 'html'], 'diff: --format: got "html", expected text, markdown or json\n'],
    [['diff', 'config.yaml', 'config.yaml', '--expect', 'a=b=c'], 'diff: --expect: got "a=b=c", expected <release> or <release>=<stage>\n'],
  ])('%j: exit 2 with one line naming what and where', (args, message) => {
    fs.writeFileSync(path.join(work, 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(work, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    fs.mkdirSync(path.join(work, 'empty'));
    const r = runCli(args, work);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(message)).toBe(true);
  });

  test('YAML that does not parse names the file and line', () => {
    const base = synthesized('base', 'weight-10');
    fs.writeFileSync(path.join(work, 'bad.yaml'), 'apiVersion: gateway.solo.io/v1\nkind: VirtualService\nmetadata:\n  name: shop\nspec: [unclosed\n');
    for (const args of [['bad.yaml', 'bad.yaml'], [base, 'bad.yaml']]) {
      const r = runCli(['diff', ...args], work);
      expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: '' });
      expect(r.err).toMatch(/^diff: \S*bad\.yaml: .*line \d+/);
    }
  }, 60_000);

  test('--expect needs the releases, which only the git form has', () => {
    const base = synthesized('base', 'weight-10');
    const r = runCli(['diff', base, base, '--expect', 'checkout'], work);
    expect(r.code).toBe(2);
    expect(r.err).toBe('diff: --expect needs the releases, which only the app says: run diff --base <git-ref> in the app\'s folder\n');
  }, 60_000);

  describe('--base <git-ref>', () => {
    let repo: string;
    beforeEach(() => {
      repo = path.join(work, 'repo');
      fs.mkdirSync(repo);
      git(repo, 'init', '-q', '-b', 'main');
      writeApp(repo, 'weight-10');
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'weight-10');
    });

    test('synthesizes the app at the ref and in the working tree: the release\'s step, by release; --expect passes for it alone', () => {
      const before = diffFolders();
      writeApp(repo, 'weight-50');
      const r = runCli(['diff', '--base', 'HEAD'], repo);
      expect({ code: r.code, err: r.err }).toEqual({ code: 1, err: '' });
      expect(r.out).toContain('releases:\n  checkout: weight-10 → weight-50, 4 request classes changed\n');
      expect(r.out).toContain('  checkout: weight-10 → weight-50:\n    GET /checkout, /checkout/, /checkout/x, /checkoutx: checkout-v1 90% · checkout-v2 10% → checkout-v1 50% · checkout-v2 50%\n');
      expect(runCli(['diff', '--base', 'HEAD', '--expect', 'checkout=weight-50'], repo)).toMatchObject({ code: 0, err: '' });
      expect(runCli(['diff', '--base', 'HEAD', '--expect', 'checkout=promote'], repo))
        .toMatchObject({ code: 1, err: 'diff --expect: release checkout is at stage weight-50 in head, expected promote\n' });
      // an unrelated route changed as well: the expectation fails, naming the request
      writeApp(repo, 'weight-50', '/pay');
      const other = runCli(['diff', '--base', 'HEAD', '--expect', 'checkout=weight-50'], repo);
      expect(other.code).toBe(1);
      expect(other.err).toContain('diff --expect: VirtualService gloo-system/shop: GET /pay routes differently, outside the expected release\n');
      // the worktree and temporary folders are gone
      expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
      expect(diffFolders()).toEqual(before);
    }, 120_000);

    test('a signal while the app runs at the base ends it after the cleanup: no worktree, no folder left', async () => {
      const before = diffFolders();
      // the base's app takes a while, so the signal comes while it runs
      fs.writeFileSync(path.join(repo, 'main.js'), `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);\n${fs.readFileSync(path.join(repo, 'main.js'), 'utf8')}`);
      git(repo, 'commit', '-q', '-am', 'slow');
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'cdk8s-gloo-canary'), 'diff', '--base', 'HEAD'], { cwd: repo, stdio: 'ignore' });
      const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
      for (let i = 0; i < 100 && git(repo, 'worktree', 'list').trim().split('\n').length < 2; i++) await new Promise(r => setTimeout(r, 100));
      expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(2);
      child.kill('SIGTERM');
      expect(await exited).toBe(128 + os.constants.signals.SIGTERM);
      expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
      expect(diffFolders()).toEqual(before);
    }, 120_000);

    test('a base whose app has no routes yet (the pull request that adds the first) is a diff, not an error', () => {
      fs.writeFileSync(path.join(repo, 'main.js'), `const { App, Chart } = require(${JSON.stringify(require.resolve('cdk8s'))});\nconst app = new App();\nnew Chart(app, 'empty');\napp.synth();\n`);
      git(repo, 'commit', '-q', '-am', 'no routes yet');
      writeApp(repo, 'weight-10');
      const r = runCli(['diff', '--base', 'HEAD'], repo);
      expect({ code: r.code, err: r.err }).toEqual({ code: 1, err: '' });
      expect(r.out).toContain('  checkout: (new) → weight-10:\n    GET /checkout, /checkout/, /checkout/x, /checkoutx: no route (404) → checkout-v1 90% · checkout-v2 10%\n');
    }, 120_000);

    test('a ref that does not exist, or an app that fails there: exit 2, one line, nothing left behind', () => {
      const before = diffFolders();
      expect(runCli(['diff', '--base', 'no-such-ref'], repo)).toMatchObject({ code: 2, out: '', err: `diff: --base no-such-ref: no such commit in ${fs.realpathSync(repo)}\n` });
      fs.writeFileSync(path.join(repo, 'main.js'), 'throw new Error("broken at the base");\n');
      git(repo, 'commit', '-q', '-am', 'broken');
      writeApp(repo, 'weight-50');
      const r = runCli(['diff', '--base', 'HEAD'], repo);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^diff: the app at HEAD did not synthesize: the app failed: Error: broken at the base/);
      expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
      expect(diffFolders()).toEqual(before);
    }, 120_000);
  });
});
