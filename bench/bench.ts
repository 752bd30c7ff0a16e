/**
 * npm run bench: how much the library adds over raw cdk8s, in one process and one run.
 *
 * Fleets of 100 to 5,000 services in one chart (./fleet.ts), timing side by side:
 *   (a) the library, all validation on: build the constructs and synthesize the YAML;
 *   (b) raw cdk8s ApiObjects producing byte-identical YAML, no validation;
 *   (c) the floor: serializing the same final objects to YAML alone.
 * Then fleets of 200 and 400 services with one chart each (./chart-fleet.ts), where cdk8s
 * validates the whole app again for every chart, (a) against (b) again. Then the one-chart fleet
 * synthesized for the Gateway API (./gateway-api-fleet.ts), (a) against (b), with the share of (a)
 * spent in the differential check (./check-cost.ts).
 *
 * (a) and (b) are measured in CPU time, each sample in a fresh process (./sample.ts), the two
 * sides of a pair one after the other in alternating order; a/b is the trimmed mean of the ratios
 * of the pairs (the lowest and highest left out), printed with its spread (min–max), so that two
 * runs of the benchmark agree within 0.05. It checks that (a) and (b) give the same YAML. It also
 * measures what importing the library costs (./import-cost.ts), the CLI's plan against one
 * synth (./plan.ts) and its diff of the 1,000-service fleet between two stages against one synth
 * (./diff.ts), prints the targets of docs/benchmarks.md and exits non-zero when one is missed.
 */
import { App, Yaml } from 'cdk8s';
import { buildChartsRaw, buildChartsWithLibrary } from './chart-fleet';
import { measureDifferentialCheck, withoutGatewayApiChecks } from './check-cost';
import { measureDiff } from './diff';
import { buildRaw, buildWithLibrary } from './fleet';
import { buildGatewayApiRaw, buildGatewayApiWithLibrary } from './gateway-api-fleet';
import { formatImportCost, IMPORT_COST_TARGET_MS, measureImportCost } from './import-cost';
import { measurePlan } from './plan';
import { assertSameYaml, fmt, fmtSummary, gc, median, printTable, sampleInProcesses, Summary, summarize, summarizeTrimmed, time } from './stats';
import { CrdSchemaCheck } from '../src';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').filter(x => x !== '').map(Number);
const CHART_SIZES = (process.env.BENCH_CHART_SIZES ?? '200,400').split(',').filter(x => x !== '').map(Number);
/** Rounds of fresh-process samples per size (a pair, or a triple for Gateway API, each). */
const ROUNDS: { [n: number]: number } = { 100: 9, 1000: 9, 5000: 3 };
const CHART_ROUNDS = 9;
/** In-process runs for what is not a ratio: (c), the validation share, peak RSS. */
const RUNS: { [n: number]: number } = { 100: 5, 1000: 3, 5000: 2 };
const CHART_RUNS = 3;
const GATEWAY_API_SIZES = (process.env.BENCH_GATEWAY_API_SIZES ?? '100,1000').split(',').filter(x => x !== '').map(Number);

/**
 * One size of the one-chart fleet. (a), (b) and a/b come from fresh processes, in CPU time; the
 * rest from runs in this process, in wall time: (c), the validation and schema shares of (a) as
 * timed here (`inProcessA`), peak RSS.
 */
interface Row {
  n: number;
  a: Summary;
  b: Summary;
  ratio: Summary;
  inProcessA: number;
  c: number;
  validation: number;
  schema: number;
  rssMiB: number;
  yamlMiB: number;
}
interface ChartRow { n: number; a: Summary; b: Summary; ratio: Summary; first: number; repeat: number }
interface GatewayApiRow {
  n: number;
  httpRoutes: number;
  a: Summary;
  b: Summary;
  ratio: Summary;
  /** The differential check's time in place, in runs of (a) in this process, and its share of those runs. */
  check: Summary;
  checkShare: Summary;
  /** The three checks' share of (a): 1 − (a, checks off) / a of each round. */
  checksShare: Summary;
  /** (a, checks off) / b of each round (`withoutGatewayApiChecks`, schema check disabled). */
  ratioWithoutChecks: Summary;
  /** Every construct's validations, as a share of (a) in this process. */
  validation: number;
  yamlMiB: number;
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

function measure(n: number): Row {
  const libraryYaml = buildWithLibrary(n).synthYaml();
  assertSameYaml(libraryYaml, buildRaw(n).synthYaml(), `${n} services`);
  const objects = buildWithLibrary(n).charts.flatMap(chart => chart.toJson()); // what (c) serializes
  const runs = RUNS[n] ?? 3;
  const ab = pairs(sampleInProcesses(['library', 'raw'], n, ROUNDS[n] ?? 3), 'library', 'raw');
  const inProcessA: number[] = [];
  const c: number[] = [];
  const validation: number[] = [];
  const rulesOnly: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    inProcessA.push(time(() => buildWithLibrary(n).synthYaml()));
    sampleRss();
    gc();
    c.push(time(() => { Yaml.stringify(...objects); }));
    const app = buildWithLibrary(n);
    gc();
    validation.push(time(() => validateAll(app)));
    const withoutSchema = buildWithLibrary(n);
    CrdSchemaCheck.disable(withoutSchema);
    gc();
    rulesOnly.push(time(() => validateAll(withoutSchema)));
    sampleRss();
  }
  return {
    n,
    a: summarize(ab.a),
    b: summarize(ab.b),
    ratio: summarizeTrimmed(ab.ratio),
    inProcessA: median(inProcessA),
    c: median(c),
    validation: median(validation),
    schema: Math.max(0, median(validation) - median(rulesOnly)),
    rssMiB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    yamlMiB: Buffer.byteLength(libraryYaml) / 2 ** 20,
  };
}

function measureCharts(n: number): ChartRow {
  assertSameYaml(buildChartsWithLibrary(n).synthYaml(), buildChartsRaw(n).synthYaml(), `${n} charts`);
  const ab = pairs(sampleInProcesses(['charts-library', 'charts-raw'], n, CHART_ROUNDS), 'charts-library', 'charts-raw');
  // a synth validates the app once, then again for each chart: the first pass computes, the others
  // repeat from the cache. Timed: the validations of every construct, not cdk8s's walk to find them.
  const first: number[] = [];
  const repeat: number[] = [];
  for (let r = 0; r < CHART_RUNS; r++) {
    const nodes = buildChartsWithLibrary(n).node.findAll();
    const validateNodes = () => { for (const c of nodes) c.node.validate(); };
    gc();
    first.push(time(validateNodes));
    repeat.push(time(validateNodes));
  }
  return { n, a: summarize(ab.a), b: summarize(ab.b), ratio: summarizeTrimmed(ab.ratio), first: median(first), repeat: median(repeat) };
}

/**
 * The fleet for Gateway API: (a), (a) with the target's three checks off, and (b), each round in
 * fresh processes side by side, so a/b, a/b with the checks off and the checks' share of (a) come
 * from the same rounds; and, in this process, the time the differential check takes in place.
 */
function measureGatewayApi(n: number): GatewayApiRow {
  const meter = measureDifferentialCheck();
  meter.reset();
  const libraryYaml = buildGatewayApiWithLibrary(n).synthYaml();
  const httpRoutes = (libraryYaml.match(/^kind: HTTPRoute$/gm) ?? []).length;
  // one check per VirtualService and generation: fewer calls would mean the wrappers missed some
  if (meter.calls !== httpRoutes) throw new Error(`the differential check ran ${meter.calls} times for ${httpRoutes} HTTPRoutes`);
  assertSameYaml(libraryYaml, buildGatewayApiRaw(n).synthYaml(), `${n} services for Gateway API`);
  // with the three checks the target adds turned off: what the rest of the library costs
  const off = withoutGatewayApiChecks(() => {
    const app = buildGatewayApiWithLibrary(n);
    CrdSchemaCheck.disable(app);
    return app.synthYaml();
  });
  if (off.comparisons !== httpRoutes) throw new Error(`with the checks off, the stub ran ${off.comparisons} times for ${httpRoutes} HTTPRoutes`);
  assertSameYaml(off.result, libraryYaml, `${n} services for Gateway API, checks off`);

  const rounds = ROUNDS[n] ?? 3;
  const samples = sampleInProcesses(['gateway-api-library', 'gateway-api-checks-off', 'gateway-api-raw'], n, rounds);
  const a = samples['gateway-api-library'];
  const aOff = samples['gateway-api-checks-off'];
  const b = samples['gateway-api-raw'];

  const runs = RUNS[n] ?? 3;
  const check: number[] = [];
  const inProcess: number[] = [];
  for (let r = 0; r < runs; r++) {
    meter.reset();
    gc();
    inProcess.push(time(() => buildGatewayApiWithLibrary(n).synthYaml()));
    check.push(meter.ms);
    sampleRss();
  }
  const validation: number[] = [];
  for (let r = 0; r < runs; r++) {
    const app = buildGatewayApiWithLibrary(n);
    gc();
    validation.push(time(() => validateAll(app))); // the check included, as in (a)
    sampleRss();
  }
  return {
    n,
    httpRoutes,
    a: summarize(a),
    b: summarize(b),
    ratio: summarizeTrimmed(a.map((x, r) => x / b[r])),
    check: summarize(check),
    checkShare: summarize(check.map((c, r) => c / inProcess[r])),
    checksShare: summarizeTrimmed(a.map((x, r) => 1 - aOff[r] / x)),
    ratioWithoutChecks: summarizeTrimmed(aOff.map((x, r) => x / b[r])),
    validation: median(validation) / median(inProcess),
    yamlMiB: Buffer.byteLength(libraryYaml) / 2 ** 20,
  };
}

/** The samples of two workloads as pairs: their CPU times and the ratio of each round. */
function pairs(samples: { [workload: string]: number[] }, a: string, b: string): { a: number[]; b: number[]; ratio: number[] } {
  return { a: samples[a], b: samples[b], ratio: samples[a].map((x, r) => x / samples[b][r]) };
}

function main(): void {
  // first, so a missing lib/ is compiled (or reported) before the long part
  const importCost = measureImportCost();
  const rows: Row[] = [];
  for (const n of SIZES) {
    rows.push(measure(n));
    process.stderr.write(`measured ${n} services\n`);
  }
  const chartRows: ChartRow[] = [];
  for (const n of CHART_SIZES) {
    chartRows.push(measureCharts(n));
    process.stderr.write(`measured ${n} charts\n`);
  }
  const gatewayApiRows: GatewayApiRow[] = [];
  for (const n of GATEWAY_API_SIZES) {
    gatewayApiRows.push(measureGatewayApi(n));
    process.stderr.write(`measured ${n} services for Gateway API\n`);
  }

  if (rows.length > 0) {
    console.log('One chart; (a) and (b) in CPU ms, median (min–max), one fresh process per sample; a/b the trimmed mean of the pairs:\n');
    printTable(
      ['services', '(a) library', '(b) raw cdk8s', '(c) YAML only', 'a/b', 'a/c', 'validation % of a', 'of which CRD schema', 'peak RSS MiB', 'YAML MiB'],
      rows.map(r => [
        String(r.n), fmtSummary(r.a), fmtSummary(r.b), fmt(r.c), fmtSummary(r.ratio, 2), fmt(r.inProcessA / r.c, 2),
        fmt((100 * r.validation) / r.inProcessA, 1), `${fmt((100 * r.schema) / r.inProcessA, 1)}%`, fmt(r.rssMiB), fmt(r.yamlMiB, 1),
      ]));
  }
  if (chartRows.length > 0) {
    console.log('\nOne chart per service; (a) and (b) in CPU ms, median (min–max), one fresh process per sample; a/b the trimmed mean of the pairs:\n');
    printTable(
      ['charts', '(a) library', '(b) raw cdk8s', 'a/b', 'first validation ms', 'each repeat ms'],
      chartRows.map(r => [String(r.n), fmtSummary(r.a), fmtSummary(r.b), fmtSummary(r.ratio, 2), fmt(r.first, 1), fmt(r.repeat, 1)]));
  }
  if (gatewayApiRows.length > 0) {
    console.log('\nOne chart, synthesized for Gateway API (HTTPRoutes of 16 routes); times in ms, median (min–max):\n');
    const percent = (x: Summary) => fmtSummary({ median: 100 * x.median, min: 100 * x.min, max: 100 * x.max }, 1);
    printTable(
      ['services', 'HTTPRoutes', '(a) library', '(b) raw cdk8s', 'a/b', 'a/b, checks off', 'three checks % of a', 'differential check ms',
        'differential check % of a', 'validation % of a', 'YAML MiB'],
      gatewayApiRows.map(r => [
        String(r.n), String(r.httpRoutes), fmtSummary(r.a), fmtSummary(r.b), fmtSummary(r.ratio, 2), fmtSummary(r.ratioWithoutChecks, 2),
        percent(r.checksShare), fmtSummary(r.check), percent(r.checkShare), fmt(100 * r.validation, 1), fmt(r.yamlMiB, 1),
      ]));
    console.log('\n(a), (a) with the checks off and (b): CPU ms, one fresh process per sample, side by side in each round; ratios are trimmed');
    console.log('means of the rounds. Checks off: the differential check, the HTTPRoute rules and the CRD schema check turned off');
    console.log('(bench/check-cost.ts); the three checks\' share of (a) is 1 − (checks off) / (a) of each round. The differential check alone:');
    console.log('glooModelManifests and compareRouting, timed in place in runs in this process. Validation: every construct\'s validations once.');
  }
  console.log('\n(a) and (b) produced byte-identical YAML at every size.');
  console.log(`\n${formatImportCost(importCost)}`);

  const targets: Array<[string, boolean, string]> = [];
  targets.push([`import cost over cdk8s + cdk8s-plus-28 ≤ ${IMPORT_COST_TARGET_MS} ms`, importCost.costMs <= IMPORT_COST_TARGET_MS, `${fmt(importCost.costMs)} ms`]);
  const at = (n: number) => rows.find(r => r.n === n);
  const r1000 = at(1000);
  const r5000 = at(5000);
  if (r1000) targets.push(['a/b at 1,000 services ≤ 1.25', r1000.ratio.median <= 1.25, fmtSummary(r1000.ratio, 2)]);
  if (r1000 && r5000) targets.push(['time for 5,000 ≤ 5.5 × time for 1,000', r5000.a.median / r1000.a.median <= 5.5, `${fmt(r5000.a.median / r1000.a.median, 2)}×`]);
  if (r5000) targets.push(['peak RSS at 5,000 services ≤ 1 GiB', r5000.rssMiB <= 1024, `${fmt(r5000.rssMiB)} MiB`]);
  for (const r of rows) targets.push([`validation ≤ 20% of (a) at ${r.n} services`, r.validation / r.inProcessA <= 0.2, `${fmt((100 * r.validation) / r.inProcessA, 1)}%`]);
  for (const r of chartRows) {
    targets.push([`a/b at ${r.n} charts ≤ 1.25`, r.ratio.median <= 1.25, fmtSummary(r.ratio, 2)]);
  }
  const g1000 = gatewayApiRows.find(r => r.n === 1000);
  if (g1000) {
    targets.push(['a/b at 1,000 services for Gateway API, the three checks off, ≤ 1.25', g1000.ratioWithoutChecks.median <= 1.25, fmtSummary(g1000.ratioWithoutChecks, 2)]);
    targets.push(['the three Gateway API checks together ≤ 20% of (a) at 1,000 services', g1000.checksShare.median <= 0.2,
      `${fmt(100 * g1000.checksShare.median, 1)}% (${fmt(100 * g1000.checksShare.min, 1)}–${fmt(100 * g1000.checksShare.max, 1)}%)`]);
  }
  if (chartRows.length >= 2) {
    const [small, large] = [chartRows[0], chartRows[chartRows.length - 1]];
    const libraryGrowth = large.a.median / small.a.median;
    const rawGrowth = large.b.median / small.b.median;
    // Compared through the paired ratios, which share the machine's load (the growths of the two
    // medians each carry their own noise): the library grows no worse than raw cdk8s when a/b does
    // not rise with the number of charts, beyond the 0.05 that two runs of a/b may differ by.
    const drift = large.ratio.median - small.ratio.median;
    targets.push([`library growth ${small.n}→${large.n} charts ≤ raw cdk8s growth (a/b rises by ≤ 0.05)`, drift <= 0.05,
      `a/b ${fmt(small.ratio.median, 2)} → ${fmt(large.ratio.median, 2)}; growth: library ${fmt(libraryGrowth, 2)}×, raw ${fmt(rawGrowth, 2)}×`]);
  }
  // the CLI's plan against one synth of a ts-node app (bench/plan.ts); BENCH_PLAN=0 skips it
  if (process.env.BENCH_PLAN !== '0') {
    const plan = measurePlan();
    console.log(`\n${plan.lines.join('\n')}`);
    targets.push(plan.target);
  }
  // diff of the fleet between two stages against one synth (bench/diff.ts); BENCH_DIFF=0 skips it
  if (process.env.BENCH_DIFF !== '0') {
    const diff = measureDiff();
    console.log(`\n${diff.lines.join('\n')}`);
    targets.push(diff.target);
  }
  console.log('\ntargets:');
  for (const [name, ok, value] of targets) console.log(`  ${ok ? 'met    ' : 'MISSED '} ${name}: ${value}`);
  if (targets.some(([, ok]) => !ok)) process.exitCode = 1;
}

main();
