import { HeaderMatchType } from '../canary/canary-header';
import { ReleaseDescription } from '../canary/release-registry';
import { asArray, jsonAt } from '../private/json';
import { RoutingSimulator, SimulatedRequest, SimulationResult } from '../simulate/simulator';

/** A class of requests the plan shows: one route's path, with or without the canary header. */
export interface RequestClass {
  readonly label: string;
  readonly request: SimulatedRequest;
}

/** One row of a release's plan: a stage and where each request class goes. */
export interface PlanRow {
  readonly stage: string;
  readonly active: boolean;
  readonly cells: string[];
}

/** The plan of one release. */
export interface ReleasePlan {
  readonly release: ReleaseDescription;
  readonly columns: string[];
  readonly rows: PlanRow[];
}

/** How to show the plan. */
export interface PlanOptions {
  /** Show the canary header's value in the labels; it is masked as `***` otherwise. */
  readonly showHeaderValues?: boolean;
}

/**
 * The request classes of a release: for each route, with the header (only when some stage has a
 * header route), then without it. The header's value is masked unless `showHeaderValues` is set:
 * the plan is meant to be pasted into pull requests, and the value is what lets a client in.
 */
export function requestClasses(release: ReleaseDescription, options: PlanOptions = {}): RequestClass[] {
  const h = release.header;
  const value = h.match === HeaderMatchType.PRESENT ? 'any' : (h.value ?? 'true');
  const shown = h.match === HeaderMatchType.PRESENT || options.showHeaderValues ? value : '***';
  const withHeader = release.hasHeaderStage ?? true;
  const classes: RequestClass[] = [];
  for (const p of release.routes) {
    if (withHeader) classes.push({ label: `${p} with ${h.name}: ${shown}`, request: { path: p, headers: { [h.name]: value } } });
    classes.push({ label: `${p} without ${h.name}`, request: { path: p } });
  }
  return classes;
}

/**
 * Where each request class goes in one stage, computed with the simulator over the stage's
 * synthesized manifests, e.g. `canary 10% · stable 90%`.
 */
export function describeRouting(release: ReleaseDescription, result: SimulationResult): string {
  if (!result.matched) return 'no route (404)';
  if (result.destinations.length === 0) return result.unresolved ? `unresolved ${result.unresolved}` : 'no destination';
  const byTarget = new Map<string, number>();
  for (const d of result.destinations) {
    const label = d.upstream === release.canary ? 'canary' : d.upstream === release.stable ? 'stable' : d.upstream;
    byTarget.set(label, (byTarget.get(label) ?? 0) + d.percent);
  }
  const total = [...byTarget.values()].reduce((a, b) => a + b, 0);
  if (Math.abs(total - 100) > 1e-6) throw new Error(`shares of ${release.releaseName} add up to ${total}%, not 100%`);
  const parts = [...byTarget.entries()].filter(([, p]) => p > 0).map(([t, p]) => `${t} ${formatPercent(p)}`);
  const mirror = result.mirror ? ` (+${formatPercent(result.mirror.percent)} mirrored to ${result.mirror.upstream === release.canary ? 'canary' : result.mirror.upstream})` : '';
  return (parts.length > 0 ? parts.join(' · ') : 'nothing (all weights 0)') + mirror;
}

/** The synthesized manifests of one stage of one release. */
export interface StageManifests {
  readonly release: ReleaseDescription;
  readonly stage: string;
  readonly manifests: unknown[];
}

/** The plans of every release, from the manifests of each of its stages. */
export function buildPlans(runs: StageManifests[], options: PlanOptions = {}): ReleasePlan[] {
  const plans = new Map<string, { release: ReleaseDescription; columns: string[]; rows: PlanRow[] }>();
  for (const run of runs) {
    const classes = requestClasses(run.release, options);
    let plan = plans.get(run.release.path);
    if (!plan) {
      plan = { release: run.release, columns: classes.map(c => c.label), rows: [] };
      plans.set(run.release.path, plan);
    }
    const simulator = new RoutingSimulator(run.manifests);
    const vs = virtualServiceOf(run.release, run.manifests);
    plan.rows.push({
      stage: run.stage,
      active: run.stage === run.release.activeStage,
      cells: classes.map(c => describeRouting(run.release, simulator.simulate(vs.name, c.request, vs.namespace))),
    });
  }
  return [...plans.values()];
}

/**
 * The VirtualService whose requests the plan simulates: the release's container, or for a release
 * on a RouteTable, the first VirtualService whose routes delegate to that table.
 */
function virtualServiceOf(release: ReleaseDescription, manifests: unknown[]): { name: string; namespace?: string } {
  const c = release.container;
  if (c.kind === 'VirtualService') return c;
  const delegating = manifests.find(m => jsonAt(m, 'kind') === 'VirtualService' && asArray(jsonAt(m, 'spec', 'virtualHost', 'routes')).some(r =>
    jsonAt(r, 'delegateAction', 'ref', 'name') === c.name && (jsonAt(r, 'delegateAction', 'ref', 'namespace') ?? jsonAt(m, 'metadata', 'namespace')) === c.namespace));
  if (!delegating) {
    throw new Error(`${release.releaseName} (${release.path}) routes on RouteTable ${c.namespace ?? ''}/${c.name}, but no VirtualService of the app delegates to it, so no request reaches it`);
  }
  // a synthesized VirtualService has its metadata
  const { metadata } = delegating as { metadata: { name: string; namespace?: string } };
  return { name: metadata.name, namespace: metadata.namespace };
}

/** Renders plans as aligned text tables, or as Markdown ready to paste into a pull request. */
export function formatPlans(plans: ReleasePlan[], format: 'text' | 'markdown'): string {
  return plans.map(plan => {
    const r = plan.release;
    const title = `${r.releaseName} (${r.path}): stable ${r.stable}, canary ${r.canary}`;
    const header = ['stage', ...plan.columns];
    const rows = plan.rows.map(row => [row.active ? `${row.stage} (active)` : row.stage, ...row.cells]);
    if (format === 'markdown') {
      const line = (cells: string[]) => `| ${cells.map(c => c.replace(/\|/g, '\\|')).join(' | ')} |`;
      return [`**${title}**`, '', line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
    }
    const widths = header.map((_h, i) => Math.max(...[header, ...rows].map(cells => cells[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return [title, line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }).join('\n\n') + '\n';
}

function formatPercent(p: number): string {
  return `${Number(p.toFixed(2))}%`;
}
