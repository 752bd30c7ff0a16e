/**
 * npm run bench: how much the library adds over raw cdk8s, from 100 to 5,000 services, in one
 * process and one run. For each fleet size it times, side by side:
 *   (a) the library, all validation on: build the constructs and synthesize the YAML;
 *   (b) raw cdk8s ApiObjects producing byte-identical YAML, no validation;
 *   (c) the floor: serializing the same final objects to YAML alone;
 * and checks that (a) and (b) give the same YAML. It prints medians after a warm-up, the ratios,
 * peak RSS, the growth from 1,000 to 5,000 services, the share of validation in (a), what
 * importing the library costs (./import-cost.ts), then the CLI's plan against one synth
 * (./plan.ts), and exits non-zero when a target is missed
 * (docs/benchmarks.md).
 */
import { App, Yaml } from 'cdk8s';
import { buildRaw, buildWithLibrary } from './fleet';
import { formatImportCost, IMPORT_COST_TARGET_MS, measureImportCost } from './import-cost';
import { measurePlan } from './plan';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const RUNS: { [n: number]: number } = { 100: 9, 1000: 7, 5000: 3 };

interface Row { n: number; a: number; b: number; c: number; validation: number; rssMiB: number; yamlMiB: number }

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs every construct's validations once, as `app.synth()` does before it writes anything. */
function validateAll(app: App): void {
  const errors: string[] = [];
  for (const c of app.node.findAll()) errors.push(...c.node.validate());
  if (errors.length > 0) throw new Error(`the fleet does not validate:\n${errors.slice(0, 5).join('\n')}`);
}

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

function gc(): void {
  (global as any).gc?.();
}

function measure(n: number): Row {
  // correctness first: (a) and (b) must give the same YAML
  const libraryYaml = buildWithLibrary(n).synthYaml();
  const rawYaml = buildRaw(n).synthYaml();
  if (libraryYaml !== rawYaml) {
    const a = libraryYaml.split('\n');
    const b = rawYaml.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    throw new Error(`(a) and (b) differ at line ${at + 1}:\n  library: ${a[at]}\n  raw:     ${b[at]}`);
  }
  // (c) serializes the very objects (a) synthesizes
  const objects = buildWithLibrary(n).charts.flatMap(chart => chart.toJson());

  const runs = RUNS[n] ?? 3;
  const times = { a: [] as number[], b: [] as number[], c: [] as number[], validation: [] as number[] };
  for (let r = 0; r <= runs; r++) { // run 0 is the warm-up
    // (a) and (b) take turns going first, so neither always runs on the other's leftovers
    let a = 0;
    let b = 0;
    const runA = () => { gc(); a = time(() => { buildWithLibrary(n).synthYaml(); }); sampleRss(); };
    const runB = () => { gc(); b = time(() => { buildRaw(n).synthYaml(); }); sampleRss(); };
    if (r % 2 === 0) { runA(); runB(); } else { runB(); runA(); }
    gc();
    const c = time(() => { Yaml.stringify(...objects); });
    gc();
    const app = buildWithLibrary(n);
    const validation = time(() => validateAll(app));
    sampleRss();
    if (r === 0) continue;
    times.a.push(a); times.b.push(b); times.c.push(c); times.validation.push(validation);
  }
  return {
    n,
    a: median(times.a),
    b: median(times.b),
    c: median(times.c),
    validation: median(times.validation),
    rssMiB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    yamlMiB: Buffer.byteLength(libraryYaml) / 2 ** 20,
  };
}

function fmt(x: number, digits = 0): string {
  return x.toFixed(digits);
}

function main(): void {
  // first, so a missing lib/ is compiled (or reported) before the long part
  const importCost = measureImportCost();
  const rows: Row[] = [];
  for (const n of SIZES) {
    rows.push(measure(n));
    process.stderr.write(`measured ${n} services\n`);
  }
  const header = [
    'services', '(a) library ms', '(b) raw cdk8s ms', '(c) YAML only ms', 'a/b', 'a/c', 'validation % of a', 'peak RSS MiB', 'YAML MiB',
  ];
  const lines = rows.map(r => [
    String(r.n), fmt(r.a), fmt(r.b), fmt(r.c), fmt(r.a / r.b, 2), fmt(r.a / r.c, 2),
    fmt((100 * r.validation) / r.a, 1), fmt(r.rssMiB), fmt(r.yamlMiB, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`);
  print(header);
  console.log(`|${widths.map(w => `${'-'.repeat(w + 1)}:`).join('|')}|`);
  lines.forEach(print);
  console.log('\n(a) and (b) produced byte-identical YAML at every size.');

  console.log(`\n${formatImportCost(importCost)}`);

  const targets: Array<[string, boolean, string]> = [];
  targets.push([`import cost over cdk8s + cdk8s-plus-28 ≤ ${IMPORT_COST_TARGET_MS} ms`, importCost.costMs <= IMPORT_COST_TARGET_MS, `${fmt(importCost.costMs)} ms`]);
  const at = (n: number) => rows.find(r => r.n === n);
  const r1000 = at(1000);
  const r5000 = at(5000);
  if (r1000) targets.push(['a/b at 1,000 services ≤ 1.25', r1000.a / r1000.b <= 1.25, fmt(r1000.a / r1000.b, 2)]);
  if (r1000 && r5000) targets.push(['time for 5,000 ≤ 5.5 × time for 1,000', r5000.a / r1000.a <= 5.5, `${fmt(r5000.a / r1000.a, 2)}×`]);
  if (r5000) targets.push(['peak RSS at 5,000 services ≤ 1 GiB', r5000.rssMiB <= 1024, `${fmt(r5000.rssMiB)} MiB`]);
  for (const r of rows) targets.push([`validation ≤ 20% of (a) at ${r.n} services`, r.validation / r.a <= 0.2, `${fmt((100 * r.validation) / r.a, 1)}%`]);
  // the CLI's plan against one synth of a ts-node app (bench/plan.ts); BENCH_PLAN=0 skips it
  if (process.env.BENCH_PLAN !== '0') {
    const plan = measurePlan();
    console.log(`\n${plan.lines.join('\n')}`);
    targets.push(plan.target);
  }
  console.log('\ntargets:');
  for (const [name, ok, value] of targets) console.log(`  ${ok ? 'met    ' : 'MISSED '} ${name}: ${value}`);
  if (targets.some(([, ok]) => !ok)) process.exitCode = 1;
}

main();
