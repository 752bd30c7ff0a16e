/** Timing and summary helpers of the benchmark. */
import { spawnSync } from 'child_process';

/** Milliseconds `fn` takes. */
export function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A median and the spread of the samples around it. */
export interface Summary { readonly median: number; readonly min: number; readonly max: number }

export function summarize(xs: number[]): Summary {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

export function fmt(x: number, digits = 0): string {
  return x.toFixed(digits);
}

/** `median (min–max)`. */
export function fmtSummary(s: Summary, digits = 0): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** Collects garbage, when node runs with --expose-gc, so a run does not pay for the previous one. */
export function gc(): void {
  (global as any).gc?.();
}

/**
 * The mean of `xs` without its lowest and highest value (when there are at least five): one
 * sample disturbed by the machine cannot move it far.
 */
export function trimmedMean(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const kept = s.length >= 5 ? s.slice(1, -1) : s;
  return kept.reduce((sum, x) => sum + x, 0) / kept.length;
}

/** A trimmed mean (`median` holds it, for the printing helpers) and the spread of the samples. */
export function summarizeTrimmed(xs: number[]): Summary {
  return { median: trimmedMean(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/**
 * Runs each of `workloads` in a fresh process (./sample.ts), once per round, `rounds` times,
 * rotating which goes first, and returns the CPU milliseconds of each (the mean of the runs of one
 * process, after its warm-up), by workload, round by round: the entries of one round ran side by
 * side and saw the same machine, so ratios are taken within a round.
 */
export function sampleInProcesses(workloads: string[], n: number, rounds: number, reps = 2): { [workload: string]: number[] } {
  const out: { [workload: string]: number[] } = Object.fromEntries(workloads.map(w => [w, [] as number[]]));
  const script = require.resolve('./sample');
  for (let r = 0; r < rounds; r++) {
    const order = workloads.map((_, i) => workloads[(i + r) % workloads.length]);
    for (const w of order) {
      const child = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=64', script, w, String(n), String(reps)], {
        encoding: 'utf8', maxBuffer: 2 ** 20,
      });
      if (child.status !== 0) throw new Error(`the ${w} sample of ${n} failed:\n${child.stderr}`);
      const { cpuMs } = JSON.parse(child.stdout) as { cpuMs: number[] };
      out[w].push(cpuMs.reduce((sum, x) => sum + x, 0) / cpuMs.length);
    }
  }
  return out;
}

/** Prints a Markdown table with right-aligned columns. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(l => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`);
  print(header);
  console.log(`|${widths.map(w => `${'-'.repeat(w + 1)}:`).join('|')}|`);
  rows.forEach(print);
}

/** Throws, showing the first differing line, unless the two YAML texts are the same. */
export function assertSameYaml(library: string, raw: string, what: string): void {
  if (library === raw) return;
  const a = library.split('\n');
  const b = raw.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  throw new Error(`${what}: (a) and (b) differ at line ${at + 1}:\n  library: ${a[at]}\n  raw:     ${b[at]}`);
}
