import { HeaderMatchType } from '../canary/canary-header';
import { DescribedService, ReleaseDescription } from '../canary/release-registry';
import { hostAccepted } from '../gateway-api/http-route-matching';
import { GatewayApiOutcome, GatewayApiRouting, HttpRouteSimulator } from '../gateway-api/http-route-simulator';
import { asArray, asString, isManifestOf, jsonAt } from '../private/json';
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

/** What a plan was computed on: the target, and the object whose requests were simulated. */
export interface PlanTarget {
  /** `gloo` (the Gloo simulator) or `gateway api` (the Gateway API simulator). */
  readonly name: 'gloo' | 'gateway api';
  /** The simulated object: a VirtualService, or an HTTPRoute. */
  readonly kind: string;
  readonly objectName: string;
  readonly namespace?: string;
  /** The output folder the manifests came from, relative to the stage's folder (`''` for itself). */
  readonly folder: string;
}

/** The plan of one release on one target. */
export interface ReleasePlan {
  readonly release: ReleaseDescription;
  readonly target: PlanTarget;
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
  release.routes.forEach((p, i) => {
    // a route that calls a REST function is asked with the function's method (shown when not GET)
    const method = release.routeMethods?.[i] ?? 'GET';
    const label = method === 'GET' ? p : `${method} ${p}`;
    if (withHeader) classes.push({ label: `${label} with ${h.name}: ${shown}`, request: { path: p, method, headers: { [h.name]: value } } });
    classes.push({ label: `${label} without ${h.name}`, request: { path: p, method } });
  });
  return classes;
}

/**
 * Where each request class goes in one stage, computed with the simulator over the stage's
 * synthesized manifests, e.g. `canary 10% · stable 90%`.
 */
export function describeRouting(release: ReleaseDescription, result: SimulationResult): string {
  if (!result.matched) return 'no route (404)';
  if (result.directResponse) return `direct response ${result.directResponse.status}`;
  if (result.redirect) return `redirect ${result.redirect.status} to ${result.redirect.location}`;
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

/**
 * Where each request class goes in one stage under the Gateway API target, computed with the
 * Gateway API simulator, in the words of `describeRouting`: backends are Services, and the
 * release's stable and canary are the Services behind its Upstreams. A request that another
 * HTTPRoute than the release's (`own`, `namespace/name`) takes says which one.
 */
export function describeGatewayRouting(release: ReleaseDescription, routing: GatewayApiRouting, own: string): string {
  const by = routing.route !== undefined && routing.route !== own ? ` (by HTTPRoute ${routing.route})` : '';
  switch (routing.outcome) {
    case GatewayApiOutcome.NOT_FOUND: return 'no route (404)';
    case GatewayApiOutcome.REDIRECT: return `redirect${by}`;
    case GatewayApiOutcome.NO_BACKEND: return `no backend (500)${by}`;
    default: break;
  }
  const byTarget = new Map<string, number>();
  for (const b of routing.backends) {
    const label = serviceLabel(release, b);
    byTarget.set(label, (byTarget.get(label) ?? 0) + b.percent);
  }
  const total = [...byTarget.values()].reduce((a, b) => a + b, 0);
  if (Math.abs(total - 100) > 1e-6) throw new Error(`shares of ${release.releaseName} add up to ${total}%, not 100%`);
  const parts = [...byTarget.entries()].map(([t, p]) => `${t} ${formatPercent(p)}`);
  const mirrors = routing.mirrors.map(m => ` (+${formatPercent(m.percent)} mirrored to ${serviceLabel(release, m)})`).join('');
  return parts.join(' · ') + mirrors + by;
}

/** `canary` or `stable` for the Services behind the release's Upstreams, else `namespace/name:port`. */
function serviceLabel(release: ReleaseDescription, backend: { name: string; namespace: string; port?: number }): string {
  const is = (s: DescribedService | undefined) => s !== undefined && s.name === backend.name && s.namespace === backend.namespace
    && (backend.port === undefined || backend.port === s.port);
  if (is(release.canaryService)) return 'canary';
  if (is(release.stableService)) return 'stable';
  return `${backend.namespace}/${backend.name}${backend.port === undefined ? '' : `:${backend.port}`}`;
}

/** The synthesized manifests of one stage of one release, from one output folder. */
export interface StageManifests {
  readonly release: ReleaseDescription;
  readonly stage: string;
  readonly manifests: unknown[];
  /**
   * The output folder the manifests come from, relative to the stage's folder.
   * @default '' - the stage's folder itself
   */
  readonly folder?: string;
}

/**
 * The plans of every release, from the manifests of each of its stages: one plan per release and
 * output. Where the manifests hold the HTTPRoute the release's container synthesized as (the
 * Gateway API target), the shares come from the Gateway API simulator over the HTTPRoutes attached
 * to that route's Gateway; otherwise from the Gloo simulator over the VirtualService.
 */
export function buildPlans(runs: StageManifests[], options: PlanOptions = {}): ReleasePlan[] {
  const plans = new Map<string, ReleasePlan>();
  for (const run of runs) {
    const classes = requestClasses(run.release, options);
    const folder = run.folder ?? '';
    const route = httpRouteOf(run.release, run.manifests, run.stage);
    let target: PlanTarget;
    let cells: string[];
    if (route) {
      target = { name: 'gateway api', kind: 'HTTPRoute', objectName: route.name, namespace: route.namespace, folder };
      cells = gatewayCells(run.release, route, run.manifests, classes);
    } else {
      const vs = virtualServiceOf(run.release, run.manifests);
      const simulator = new RoutingSimulator(run.manifests);
      target = { name: 'gloo', kind: 'VirtualService', objectName: vs.name, namespace: vs.namespace, folder };
      cells = classes.map(c => describeRouting(run.release, simulator.simulate(vs.name, c.request, vs.namespace)));
    }
    const key = JSON.stringify([run.release.path, target]);
    let plan = plans.get(key);
    if (!plan) {
      plan = { release: run.release, target, columns: classes.map(c => c.label), rows: [] };
      plans.set(key, plan);
    }
    plan.rows.push({ stage: run.stage, active: run.stage === run.release.activeStage, cells });
  }
  return [...plans.values()];
}

/** An HTTPRoute the plan simulates: its manifest, name and namespace. */
interface PlannedRoute {
  readonly manifest: unknown;
  readonly name: string;
  readonly namespace: string;
}

function isHttpRoute(m: unknown): boolean {
  return isManifestOf(m, 'gateway.networking.k8s.io', 'HTTPRoute');
}

/**
 * The HTTPRoute the release's container synthesized as, when the manifests hold it (the Gateway
 * API target); `undefined` for a Gloo container. Throws when the release says it is on the Gateway
 * API target and the manifests hold no such HTTPRoute.
 */
function httpRouteOf(release: ReleaseDescription, manifests: unknown[], stage: string): PlannedRoute | undefined {
  const c = release.container;
  const namespace = c.namespace ?? 'default';
  const manifest = c.kind === 'HTTPRoute'
    ? manifests.find(m => isHttpRoute(m) && jsonAt(m, 'metadata', 'name') === c.name && (jsonAt(m, 'metadata', 'namespace') ?? 'default') === namespace)
    : undefined;
  if (manifest !== undefined) return { manifest, name: c.name, namespace };
  if (release.target === 'gateway api' || c.kind === 'HTTPRoute') {
    throw new Error(`${release.releaseName} (${release.path}) routes on HTTPRoute ${namespace}/${c.name} (target gateway api),`
      + ` but the manifests of its stage ${stage} hold no such HTTPRoute: expected the app to write it where CDK8S_OUTDIR says`);
  }
  return undefined;
}

/**
 * The cells of one stage under the Gateway API target: each request class, sent to a host the
 * route's first hostname accepts, through every HTTPRoute of the manifests attached to the route's
 * Gateway (its first parentRef), as the Gateway would merge them.
 */
function gatewayCells(release: ReleaseDescription, route: PlannedRoute, manifests: unknown[], classes: RequestClass[]): string[] {
  const parent = asArray(jsonAt(route.manifest, 'spec', 'parentRefs'))[0];
  const gatewayName = asString(jsonAt(parent, 'name'));
  if (gatewayName === undefined) {
    throw new Error(`${release.releaseName} (${release.path}): HTTPRoute ${route.namespace}/${route.name} spec.parentRefs: got ${JSON.stringify(jsonAt(route.manifest, 'spec', 'parentRefs') ?? null)}, expected a parentRef with the name of the Gateway it attaches to`);
  }
  const gatewayNamespace = asString(jsonAt(parent, 'namespace')) ?? route.namespace;
  const simulator = HttpRouteSimulator.forGateway(gatewayName, manifests, { gatewayNamespace });
  const hostname = asString(asArray(jsonAt(route.manifest, 'spec', 'hostnames'))[0]);
  const host = hostAccepted(hostname);
  return classes.map(c => describeGatewayRouting(release, simulator.route({ ...c.request, host }), `${route.namespace}/${route.name}`));
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

/**
 * Renders plans as aligned text tables, or as Markdown ready to paste into a pull request. When
 * any plan is not a Gloo plan of the stage's folder itself, or a release has several plans (an app
 * that synthesizes two targets), every table says under its title which target and object its
 * shares were simulated on; a plan of Gloo apps alone reads as it always did.
 */
export function formatPlans(plans: ReleasePlan[], format: 'text' | 'markdown'): string {
  const withTargets = plans.some(p => p.target.name !== 'gloo' || p.target.folder !== '')
    || new Set(plans.map(p => p.release.path)).size < plans.length;
  return plans.map(plan => {
    const r = plan.release;
    const title = `${r.releaseName} (${r.path}): stable ${r.stable}, canary ${r.canary}`;
    const target = withTargets ? [targetLine(plan)] : [];
    const header = ['stage', ...plan.columns];
    const rows = plan.rows.map(row => [row.active ? `${row.stage} (active)` : row.stage, ...row.cells]);
    if (format === 'markdown') {
      const line = (cells: string[]) => `| ${cells.map(c => c.replace(/\|/g, '\\|')).join(' | ')} |`;
      return [`**${title}**`, '', ...target.flatMap(t => [t, '']), line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
    }
    const widths = header.map((_h, i) => Math.max(...[header, ...rows].map(cells => cells[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return [title, ...target, line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }).join('\n\n') + '\n';
}

/**
 * `target: gateway api (HTTPRoute default/coalmine in gateway-api/): stable Service
 * default/petstore-v1:8080, canary Service default/petstore-v2:8080`: which simulator computed the
 * shares, over which object of which output folder, and for Gateway API the Services that are
 * stable and canary.
 */
function targetLine(plan: ReleasePlan): string {
  const t = plan.target;
  const object = `${t.kind} ${t.namespace === undefined ? '' : `${t.namespace}/`}${t.objectName}`;
  const folder = t.folder === '' ? '' : ` in ${t.folder}/`;
  const r = plan.release;
  const service = (s: DescribedService | undefined) => (s === undefined ? undefined : `Service ${s.namespace}/${s.name}:${s.port}`);
  const services = t.name === 'gateway api' && r.stableService && r.canaryService
    ? `: stable ${service(r.stableService)}, canary ${service(r.canaryService)}`
    : '';
  return `target: ${t.name} (${object}${folder})${services}`;
}

function formatPercent(p: number): string {
  return `${Number(p.toFixed(2))}%`;
}
