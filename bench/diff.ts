/**
 * `cdk8s-gloo-canary diff` of the 1,000-service fleet (./fleet.ts) between two stages (every
 * release at weight-10, then at weight-50) against one synth of that fleet. Each run, interleaved:
 * the synth (build the constructs, all validation on, and write the YAML), then the CLI's diff of
 * the two output files (`diffCommand`: read them, route every derived request class on both sides,
 * list the objects, print JSON),
 * both in CPU time of this process. Target: the diff takes at most 2 × one synth (the median of the
 * runs' ratios).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWithLibrary } from './fleet';
import { fmt, gc, median } from './stats';
import { diffCommand } from '../src/cli/diff-command';

const RUNS = Number(process.env.BENCH_DIFF_RUNS ?? 5);

/** CPU time (user + system) of `fn`, in milliseconds. */
function cpu(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}


/** The diff of `n` services between two stages, against one synth; the lines to print and the target. */
export function measureDiff(n = 1000): { lines: string[]; target: [string, boolean, string] } {
  // the two stages' output files, read as the CLI reads them
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-bench-diff-'));
  const base = path.join(dir, 'base.k8s.yaml');
  const head = path.join(dir, 'head.k8s.yaml');
  fs.writeFileSync(base, buildWithLibrary(n, 'weight-10').synthYaml());
  fs.writeFileSync(head, buildWithLibrary(n, 'weight-50').synthYaml());
  let changed = 0;
  const synth: number[] = [];
  const diff: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    synth.push(cpu(() => buildWithLibrary(n, 'weight-10').synthYaml()));
    gc();
    let json = '';
    diff.push(cpu(() => {
      const code = diffCommand([base, head, '--format', 'json'], dir, s => { json += s; }, s => { throw new Error(`diff failed: ${s}`); });
      if (code !== 1) throw new Error(`diff exited ${code}, expected 1 (routing changed)`);
    }));
    changed = (JSON.parse(json) as { groups: Array<{ changes: unknown[] }> }).groups.reduce((k, g) => k + g.changes.length, 0);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (changed === 0) throw new Error('the diff between weight-10 and weight-50 found no change: the benchmark measures nothing');
  const ratios = synth.map((s, i) => diff[i] / s);
  const ratio = median(ratios);
  return {
    lines: [
      `diff of ${n} services between two stages (${changed} request classes changed), CPU ms per run:`,
      `  synth ${synth.map(x => fmt(x, 0)).join(', ')}; diff ${diff.map(x => fmt(x, 0)).join(', ')}; diff/synth ${ratios.map(x => fmt(x, 2)).join(', ')}`,
    ],
    target: [`diff of ${n} services between two stages ≤ 2 × one synth (CPU)`, ratio <= 2, `${fmt(ratio, 2)}×`],
  };
}

if (require.main === module) {
  const m = measureDiff(Number(process.argv[2] ?? 1000));
  console.log([...m.lines, `${m.target[1] ? 'met' : 'MISSED'}: ${m.target[0]}: ${m.target[2]}`].join('\n'));
}
