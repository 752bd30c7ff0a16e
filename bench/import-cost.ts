/**
 * What `require('cdk8s-gloo-canary')` costs an app that already loads cdk8s and cdk8s-plus-28: the
 * median wall time of fresh `node -e` processes that require cdk8s and cdk8s-plus-28, against the
 * same plus the compiled library (lib/index.js), taking turns. Part of `npm run bench`; on its own:
 * `node .build/bench/import-cost.js`. Needs lib/; compiles it (`npx projen compile`) when it is
 * missing or older than a source file.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The target of issue 9: at most this much over cdk8s + cdk8s-plus-28. */
export const IMPORT_COST_TARGET_MS = 60;

export interface ImportCost {
  /** Median ms of a process that requires cdk8s and cdk8s-plus-28. */
  readonly baselineMs: number;
  /** Median ms of the same process also requiring the library. */
  readonly withLibraryMs: number;
  /** withLibraryMs - baselineMs. */
  readonly costMs: number;
  /** Fastest and slowest of the runs with the library, ms. */
  readonly withLibraryRange: [number, number];
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

function timeNode(root: string, code: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`import cost: node -e "${code}" failed:\n${result.stderr}`);
  return ms;
}

/** Measures the import cost with `runs` fresh processes of each kind (plus one warm-up of each). */
export function measureImportCost(runs = 10): ImportCost {
  const root = repoRoot();
  const index = ensureLib(root);
  const baseline = "require('cdk8s'); require('cdk8s-plus-28');";
  const withLibrary = `${baseline} require(${JSON.stringify(index)});`;
  const base: number[] = [];
  const lib: number[] = [];
  for (let r = 0; r <= runs; r++) { // run 0 is the warm-up (file system cache)
    // the two take turns going first, so neither always runs right after the other
    const first = r % 2 === 0 ? baseline : withLibrary;
    const second = first === baseline ? withLibrary : baseline;
    const times = new Map([[first, timeNode(root, first)], [second, timeNode(root, second)]]);
    if (r === 0) continue;
    base.push(times.get(baseline)!);
    lib.push(times.get(withLibrary)!);
  }
  const baselineMs = median(base);
  const withLibraryMs = median(lib);
  return { baselineMs, withLibraryMs, costMs: withLibraryMs - baselineMs, withLibraryRange: [Math.min(...lib), Math.max(...lib)], runs };
}

/** One line for the bench's output. */
export function formatImportCost(c: ImportCost): string {
  return `import cost (median of ${c.runs} fresh processes each): cdk8s + cdk8s-plus-28 ${c.baselineMs.toFixed(0)} ms, `
    + `plus cdk8s-gloo-canary ${c.withLibraryMs.toFixed(0)} ms (${c.withLibraryRange[0].toFixed(0)} to ${c.withLibraryRange[1].toFixed(0)}): `
    + `+${c.costMs.toFixed(0)} ms`;
}

if (require.main === module) {
  const cost = measureImportCost();
  console.log(formatImportCost(cost));
  const ok = cost.costMs <= IMPORT_COST_TARGET_MS;
  console.log(`  ${ok ? 'met    ' : 'MISSED '} import cost ≤ ${IMPORT_COST_TARGET_MS} ms: ${cost.costMs.toFixed(0)} ms`);
  if (!ok) process.exitCode = 1;
}
