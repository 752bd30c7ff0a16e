/**
 * The plan against one synth, for an app as `cdk8s init` makes it: `app: npx ts-node main.ts`, the
 * library installed in its node_modules, one release of six stages. Generated in a temporary folder
 * (the library is this repository's compiled source, its dependencies and tools linked from here).
 * Times, interleaved, after a warm-up of each:
 *   - one `npx cdk8s synth`,
 *   - the app command alone (`npx ts-node main.ts`, no cdk8s CLI in between),
 *   - `cdk8s-gloo-canary plan` (one app start, then one in-process synth per stage).
 */
import { execFileSync, execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_PLAN_RUNS ?? 3);

const MAIN_TS = `import { App, Chart } from 'cdk8s';
import { CanaryRelease, CanaryStage, Upstream, VirtualService } from 'cdk8s-gloo-canary';

const app = new App();
const chart = new Chart(app, 'shop');
const v1 = new Upstream(chart, 'checkout-v1', { serviceName: 'checkout-v1', serviceNamespace: 'shop', servicePort: 8080 });
const v2 = new Upstream(chart, 'checkout-v2', { serviceName: 'checkout-v2', serviceNamespace: 'shop', servicePort: 8080 });
const vs = new VirtualService(chart, 'shop', { metadata: { name: 'shop', namespace: 'gloo-system' }, domains: ['shop.example.com'] });
new CanaryRelease(chart, 'checkout', {
  routeContainer: vs,
  routes: [{ path: '/checkout' }],
  stable: v1,
  canary: v2,
  stages: [CanaryStage.stable(), CanaryStage.header(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote(), CanaryStage.rollback()],
  stage: 'weight-10',
});
app.synth();
`;

/** Writes the app into a new temporary folder; returns the folder. */
function writeApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-bench-plan-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  for (const dep of ['cdk8s', 'constructs', 'ts-node', 'typescript', '@types', 'cdk8s-cli']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep));
  }
  for (const bin of ['ts-node', 'cdk8s']) fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', bin)), path.join(modules, '.bin', bin));
  // the library as an installed package: in node_modules, its code the compiled source of this repository
  const lib = path.join(modules, 'cdk8s-gloo-canary');
  fs.mkdirSync(lib);
  fs.writeFileSync(path.join(lib, 'package.json'), JSON.stringify({ name: 'cdk8s-gloo-canary', main: 'index.js', types: 'index.d.ts' }));
  fs.writeFileSync(path.join(lib, 'index.js'), `module.exports = require(${JSON.stringify(path.join(ROOT, '.build', 'src', 'index.js'))});\n`);
  fs.writeFileSync(path.join(lib, 'index.d.ts'), `export * from ${JSON.stringify(path.join(ROOT, 'src', 'index'))};\n`);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    include: ['main.ts'],
  }));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\n');
  fs.writeFileSync(path.join(dir, 'main.ts'), MAIN_TS);
  return dir;
}

function wallMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Measures; returns the report's lines and the target's verdict. */
export function measurePlan(): { lines: string[]; target: [string, boolean, string] } {
  const dir = writeApp();
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  const opts = { cwd: dir, env, stdio: 'pipe' as const };
  const cli = path.join(ROOT, 'bin', 'cdk8s-gloo-canary');
  let planText = '';
  const runs = {
    synth: () => execSync('npx cdk8s synth', opts),
    app: () => execSync('npx ts-node main.ts', { ...opts, env: { ...env, CDK8S_OUTDIR: path.join(dir, 'direct') } }),
    plan: () => { planText = execFileSync(process.execPath, [cli, 'plan'], { ...opts, encoding: 'utf8' }); },
  };
  const times: { [k in keyof typeof runs]: number[] } = { synth: [], app: [], plan: [] };
  try {
    for (let r = 0; r <= RUNS; r++) { // run 0 is the warm-up
      for (const name of Object.keys(runs) as Array<keyof typeof runs>) {
        const ms = wallMs(runs[name]);
        if (r > 0) times[name].push(ms);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const stages = planText.split('\n').filter(l => /^(stable|header|weight-|promote|rollback)/.test(l)).length;
  if (stages !== 6) throw new Error(`the plan shows ${stages} stages, expected 6:\n${planText}`);
  const [synth, app, plan] = [median(times.synth), median(times.app), median(times.plan)];
  const ratio = plan / synth;
  return {
    lines: [
      `plan of a ts-node app (one release, 6 stages), medians of ${RUNS} after a warm-up:`,
      `  one \`npx cdk8s synth\`:          ${Math.round(synth)} ms`,
      `  the app command alone:          ${Math.round(app)} ms`,
      `  \`cdk8s-gloo-canary plan\`:       ${Math.round(plan)} ms (${(plan / synth).toFixed(2)}x one cdk8s synth, ${(plan / app).toFixed(2)}x the app command)`,
    ],
    target: ['plan of 6 stages ≤ 1.5 × one `npx cdk8s synth`', ratio <= 1.5, `${ratio.toFixed(2)}×`],
  };
}

if (require.main === module) {
  const { lines, target } = measurePlan();
  console.log(lines.join('\n'));
  console.log(`  ${target[1] ? 'met    ' : 'MISSED '} ${target[0]}: ${target[2]}`);
}
