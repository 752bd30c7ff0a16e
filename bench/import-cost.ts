/**
 * What `require('cdk8s-gloo-canary')` costs an app that already loads cdk8s and cdk8s-plus-28. Each of
 * 10 fresh `node -e` processes times, with its own clock, `require('cdk8s'); require('cdk8s-plus-28')`
 * and then `require(<repo>/lib/index.js)`; the bench reports the medians. Timing inside the process
 * leaves out Node.js's start-up, whose noise on a busy machine is larger than the cost measured.
 * Part of `npm run bench`; on its own: `node .build/bench/import-cost.js`. Needs lib/; compiles it
 * (`npx projen compile`) when it is missing or older than a source file.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The target of issue 9: at most this much over cdk8s + cdk8s-plus-28. */
export const IMPORT_COST_TARGET_MS = 60;

export interface ImportCost {
  /** Median ms to require cdk8s and cdk8s-plus-28 in a fresh process. */
  readonly baselineMs: number;
  /** Median ms to require the library after them: the import cost. */
  readonly costMs: number;
  /** Fastest and slowest import cost of the runs, ms. */
  readonly costRange: [number, number];
  readonly runs: number;
}

function repoRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'cdk8s-gloo-canary') return dir;
  }
  throw new Error(`cannot find the repository root above ${__dirname}`);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles lib/ with jsii when it is missing or older than src/. */
function ensureLib(root: string): string {
  const index = path.join(root, 'lib', 'index.js');
  const state = !fs.existsSync(index) ? 'missing' : fs.statSync(index).mtimeMs < newestSource(path.join(root, 'src')) ? 'older than src/' : '';
  if (state) {
    process.stderr.write(`import cost: lib/ is ${state}; compiling it with npx projen compile\n`);
    try {
      execFileSync('npx', ['projen', 'compile'], { cwd: root, stdio: 'inherit' });
    } catch {
      throw new Error('import cost: npx projen compile failed, so lib/ cannot be measured; see the errors above');
    }
  }
  return index;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One fresh process: ms for cdk8s + cdk8s-plus-28, then ms for the library. */
function timeImports(root: string, index: string): { base: number; lib: number } {
  const code = [
    'const ms = t => Number(process.hrtime.bigint() - t) / 1e6;',
    "let t = process.hrtime.bigint(); require('cdk8s'); require('cdk8s-plus-28'); const base = ms(t);",
    `t = process.hrtime.bigint(); require(${JSON.stringify(index)}); const lib = ms(t);`,
    'console.log(JSON.stringify({ base, lib }));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import cost: requiring the library failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Measures the import cost in `runs` fresh processes (after one warm-up process). */
export function measureImportCost(runs = 10): ImportCost {
  const root = repoRoot();
  const index = ensureLib(root);
  timeImports(root, index); // warms the file system cache
  const samples = Array.from({ length: runs }, () => timeImports(root, index));
  const costs = samples.map(s => s.lib);
  return {
    baselineMs: median(samples.map(s => s.base)),
    costMs: median(costs),
    costRange: [Math.min(...costs), Math.max(...costs)],
    runs,
  };
}

/** One line for the bench's output. */
export function formatImportCost(c: ImportCost): string {
  return `import cost (median of ${c.runs} fresh processes): require('cdk8s') + require('cdk8s-plus-28') ${c.baselineMs.toFixed(0)} ms, `
    + `then require('cdk8s-gloo-canary') +${c.costMs.toFixed(0)} ms (runs: ${c.costRange[0].toFixed(0)} to ${c.costRange[1].toFixed(0)})`;
}

if (require.main === module) {
  const cost = measureImportCost();
  console.log(formatImportCost(cost));
  const ok = cost.costMs <= IMPORT_COST_TARGET_MS;
  console.log(`  ${ok ? 'met    ' : 'MISSED '} import cost ≤ ${IMPORT_COST_TARGET_MS} ms: ${cost.costMs.toFixed(0)} ms`);
  if (!ok) process.exitCode = 1;
}
