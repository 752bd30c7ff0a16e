import { execFileSync } from 'child_process';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { main } from '../src/cli/main';

/** The YAML text of a chart, as `cdk8s synth` writes it. */
export function synthYaml(chart: Chart): string {
  return Yaml.stringify(...chart.toJson());
}

/** The manifests of a chart of the given kind. */
export function manifestsOfKind(chart: Chart, kind: string): any[] {
  return Testing.synth(chart).filter((m: any) => m.kind === kind);
}

/** The one manifest of the given kind. */
export function onlyManifest(chart: Chart, kind: string): any {
  const found = manifestsOfKind(chart, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** The routes of the one VirtualService of a chart. */
export function vsRoutes(chart: Chart): any[] {
  return onlyManifest(chart, 'VirtualService').spec.virtualHost.routes ?? [];
}

/** A fresh chart in a fresh app. */
export function newChart(id = 'test'): Chart {
  return new Chart(Testing.app(), id);
}

/** The repository root. */
export const REPO_ROOT = path.join(__dirname, '..');

/**
 * Compiles the examples (and the CLI) to .build/ as `npm run synth` does: seconds on a fresh
 * clone, a no-op afterwards. For tests that run the compiled commands.
 */
export function buildExamples(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-examples.js')], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/** The app of a construct. */
export function appOf(c: Construct): App {
  return c.node.root as App;
}

/** Runs the CLI in this process, in `cwd`: its exit code, and what it wrote to stdout and to stderr. */
export function runCli(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
  try {
    const code = main(args, cwd, s => { out += s; });
    return { code, out, err };
  } finally {
    spy.mockRestore();
  }
}

/**
 * JavaScript for the small apps the CLI tests write: under the App `app`, the chart `shop` with the
 * Upstreams of the Services `shop/checkout-v1` and `shop/checkout-v2`, the VirtualService
 * `gloo-system/shop` for `shop.example.com`, and the release `checkout` of `/checkout` with the
 * header `x-canary: let-me-in`. `stages` is a JavaScript expression; `stage` the active one's name.
 */
export function shopReleaseSource(stages: string, stage: string): string {
  return `const chart = new Chart(app, 'shop');
const v1 = new Upstream(chart, 'v1', { serviceName: 'checkout-v1', serviceNamespace: 'shop', servicePort: 8080 });
const v2 = new Upstream(chart, 'v2', { serviceName: 'checkout-v2', serviceNamespace: 'shop', servicePort: 8080 });
const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' }, domains: ['shop.example.com'] });
new CanaryRelease(vs, 'checkout', {
  routeContainer: vs,
  routes: [{ path: '/checkout' }], stable: v1, canary: v2, header: { name: 'x-canary', value: 'let-me-in' },
  stages: ${stages},
  stage: ${JSON.stringify(stage)},
});`;
}
