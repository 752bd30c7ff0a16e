/** Timing and summary helpers of the benchmark. */

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
 * Runs `a` and `b` in alternating order, `runs` times each after one warm-up of each, and returns
 * their times and the ratio a/b of each pair: the two runs of a pair see the same machine load, so
 * the paired ratios spread far less than the times do.
 */
export function interleave(runs: number, a: () => void, b: () => void, after?: () => void): { a: number[]; b: number[]; ratio: number[] } {
  const out = { a: [] as number[], b: [] as number[], ratio: [] as number[] };
  for (let r = 0; r <= runs; r++) {
    let ta = 0;
    let tb = 0;
    const runA = () => { gc(); ta = time(a); after?.(); };
    const runB = () => { gc(); tb = time(b); after?.(); };
    if (r % 2 === 0) { runA(); runB(); } else { runB(); runA(); }
    if (r === 0) continue; // the warm-up
    out.a.push(ta); out.b.push(tb); out.ratio.push(ta / tb);
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
