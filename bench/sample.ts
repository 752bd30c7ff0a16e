/**
 * One sample of the benchmark, in a process of its own: `node sample.js <workload> <n> <reps>`
 * builds and synthesizes one fleet `reps` times after a warm-up, and prints the CPU time of each
 * run (user + system, `process.cpuUsage()`) as JSON.
 *
 * A fresh process per sample gives every sample the same start: no garbage, JIT state or heap
 * growth left by the other side of the pair. CPU time, unlike wall time, does not count the time
 * the process waits while other processes have the cores, so two runs of the benchmark on a shared
 * machine agree (docs/benchmarks.md shows two runs side by side).
 */
import { buildChartsRaw, buildChartsWithLibrary } from './chart-fleet';
import { withoutGatewayApiChecks } from './check-cost';
import { buildRaw, buildWithLibrary } from './fleet';
import { buildGatewayApiRaw, buildGatewayApiWithLibrary } from './gateway-api-fleet';
import { gc } from './stats';
import { CrdSchemaCheck } from '../src';

/** What a sample runs, by name: each builds one app and synthesizes its YAML. */
export const WORKLOADS: { [name: string]: (n: number) => unknown } = {
  'library': n => buildWithLibrary(n).synthYaml(),
  'raw': n => buildRaw(n).synthYaml(),
  'charts-library': n => buildChartsWithLibrary(n).synthYaml(),
  'charts-raw': n => buildChartsRaw(n).synthYaml(),
  'gateway-api-library': n => buildGatewayApiWithLibrary(n).synthYaml(),
  'gateway-api-raw': n => buildGatewayApiRaw(n).synthYaml(),
  'gateway-api-checks-off': n => withoutGatewayApiChecks(() => {
    const app = buildGatewayApiWithLibrary(n);
    CrdSchemaCheck.disable(app);
    return app.synthYaml();
  }),
};

/** CPU milliseconds `fn` takes in this process, all threads (the garbage collector's included). */
export function cpuTime(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const [workload, n, reps] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 2)];
  const run = WORKLOADS[workload];
  if (!run || !(n > 0)) throw new Error(`usage: sample.js <${Object.keys(WORKLOADS).join('|')}> <n> [reps]`);
  run(n); // the warm-up: JIT and module loading are not what the benchmark compares
  const cpuMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    gc();
    cpuMs.push(cpuTime(() => run(n)));
  }
  process.stdout.write(JSON.stringify({ cpuMs }));
}

if (require.main === module) main();
