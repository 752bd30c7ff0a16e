import { delegateTarget, objectKey, routesOf } from './input-set';
import { redirectCodeName } from '../private/redirect-codes';
import { Json, ManifestShape, RouteShape } from '../simulate/gloo-manifest';
import { deriveRequests, describeRequest, routingMeaning } from '../simulate/request-set';
import { RoutingSimulator, SimulatedRequest } from '../simulate/simulator';

/** What comparing the input with the synthesized code found. */
export interface Comparison {
  /** Fields that differ, one line each (`Kind ns/name field: input X, generated Y`). */
  readonly objectDifferences: string[];
  /** Requests routed differently, one line each. */
  readonly routingDifferences: string[];
  /** How many requests were compared. */
  readonly requests: number;
  /** Containers whose routes were reordered where no request can tell (the routing check shows it). */
  readonly reordered: string[];
}

const MAX_LINES = 50;
/** Lists whose order cannot change routing: ORed matchers, ANDed conditions, domains, methods, weighted shares. */
const UNORDERED = new Set(['matchers', 'headers', 'queryParameters', 'methods', 'domains', 'destinations']);

/** Compares the input (Gloo 1.x objects and workloads) with what the generated code synthesized. */
export function compareAdoption(input: ManifestShape[], output: ManifestShape[]): Comparison {
  const objectDifferences: string[] = [];
  const reordered: string[] = [];
  const out = new Map(output.map(o => [objectKey(o), o]));
  const inKeys = new Set(input.map(objectKey));
  for (const m of input) {
    const key = objectKey(m);
    const o = out.get(key);
    if (!o) {
      objectDifferences.push(`${key}: in the input, not generated`);
      continue;
    }
    // normalising keeps an object's fields (sorted, defaults spelled one way): still a manifest
    const a = normalise(m) as ManifestShape;
    const b = normalise(o) as ManifestShape;
    const routes = routesOf(a).routes;
    const generated = routesOf(b).routes;
    if (JSON.stringify(routes) !== JSON.stringify(generated) && JSON.stringify(sortedJson(routes)) === JSON.stringify(sortedJson(generated))) {
      reordered.push(`${key}: routes reordered where no request can match both (the routing comparison above checks it)`);
      setRoutes(a, sortedJson(routes));
      setRoutes(b, sortedJson(generated));
    }
    diff(a, b, key, '', objectDifferences);
  }
  for (const key of out.keys()) if (!inKeys.has(key)) objectDifferences.push(`${key}: generated, not in the input`);

  const routingDifferences: string[] = [];
  // a RouteTable no VirtualService of the input delegates to is routed under a parent made for the
  // proof, which delegates every path to it, on both sides: its routes are proven too
  const parents = proofParents(input);
  const before = new RoutingSimulator([...input, ...parents]);
  const after = new RoutingSimulator([...output, ...parents]);
  const tableRoutes = input.filter(m => m.kind === 'RouteTable').flatMap(t => routesOf(t).routes);
  let requests = 0;
  for (const vs of [...input.filter(m => m.kind === 'VirtualService'), ...parents]) {
    for (const req of deriveRequests([...routesOf(vs).routes, ...tableRoutes])) {
      requests++;
      const was = meaning(before, vs, req);
      const is = meaning(after, vs, req);
      if (was !== is) {
        routingDifferences.push(`${objectKey(vs)} ${describeRequest(req)}: input routes to ${was}, generated to ${is}`);
      }
    }
  }
  const routes = input.reduce((n, m) => n + routesOf(m).routes.length, 0);
  if (requests === 0 && routes > 0) {
    routingDifferences.push(`no request was compared, though the input has ${routes} routes: a proof that routes nothing proves nothing`);
  }
  return {
    objectDifferences: objectDifferences.slice(0, MAX_LINES),
    routingDifferences: routingDifferences.slice(0, MAX_LINES),
    requests,
    reordered,
  };
}

/** The name of the VirtualService the proof puts above a RouteTable that has no parent in the input. */
const PROOF_PARENT_PREFIX = 'adopt-proof-parent-of-';

/** A VirtualService delegating every path to each RouteTable that no VirtualService of the input reaches. */
function proofParents(input: ManifestShape[]): ManifestShape[] {
  const tables = input.filter(m => m.kind === 'RouteTable');
  const key = (ns: string | undefined, name: string | undefined) => `${ns ?? ''}/${name}`;
  const reached = new Set<string>();
  const visit = (m: ManifestShape) => {
    for (const r of routesOf(m).routes) {
      const target = delegateTarget(r);
      if (target === undefined || reached.has(target)) continue;
      reached.add(target);
      const table = tables.find(t => key(t.metadata.namespace, t.metadata.name) === target);
      if (table) visit(table);
    }
  };
  input.filter(m => m.kind === 'VirtualService').forEach(visit);
  return tables.filter(t => !reached.has(key(t.metadata.namespace, t.metadata.name))).map(t => ({
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: { name: `${PROOF_PARENT_PREFIX}${t.metadata.name}`, namespace: t.metadata.namespace },
    spec: {
      virtualHost: {
        domains: [`${t.metadata.name}.${t.metadata.namespace ?? ''}.adopt-proof`],
        routes: [
          { matchers: [{ prefix: '/' }], delegateAction: { ref: { name: t.metadata.name, namespace: t.metadata.namespace } } },
        ],
      },
    },
  } as ManifestShape));
}

function meaning(sim: RoutingSimulator, vs: ManifestShape, req: SimulatedRequest): string {
  try {
    return routingMeaning(sim.simulate(vs.metadata.name, req, vs.metadata.namespace));
  } catch (e) {
    return `an error (${(e as Error).message})`;
  }
}

/** Gloo 1.x objects with defaults spelled one way, keys sorted, and unordered lists sorted. */
export function normalise(value: unknown, key: string = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map(v => normalise(v));
    if (key === 'destinations') reduceWeights(items);
    return UNORDERED.has(key) ? sortedJson(items) : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Json)[k];
    if (v === undefined || ((k === 'regex' || k === 'invertMatch') && v === false)) continue;
    // Gloo's discovery writes an empty discoveryMetadata: no labels, as none
    if (k === 'discoveryMetadata' && typeof v === 'object' && v !== null && Object.keys(v).length === 0) continue;
    if ((k === 'minimumRingSize' || k === 'maximumRingSize') && typeof v === 'string' && /^\d+$/.test(v)) {
      out[k] = Number(v); // an int64 as the API server keeps it either way (int-or-string)
      continue;
    }
    if (k === 'responseCode') {
      // a redirect's code is an enum, by name or by number; 301 is the default
      const name = redirectCodeName(v) ?? v;
      if (name !== 'MOVED_PERMANENTLY') out[k] = name;
      continue;
    }
    out[k] = normalise(v, k);
  }
  if (out.functionName !== undefined && out.parameters === undefined) out.parameters = {};
  // a virtual host without domains serves every domain (Gloo's computeVirtualHost), as ['*'] does
  if (key === 'virtualHost' && (out.domains === undefined || (Array.isArray(out.domains) && out.domains.length === 0))) out.domains = ['*'];
  return out;
}

/** Weights are ratios to Gloo: 9/1 and 90/10 are one split, written with the smallest whole weights. */
function reduceWeights(items: unknown[]): void {
  const weights = items.map(d => (typeof d === 'object' && d !== null ? (d as Json).weight : undefined));
  if (!weights.every(w => Number.isInteger(w) && (w as number) > 0)) return;
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const divisor = (weights as number[]).reduce(gcd);
  items.forEach(d => { (d as Json).weight = ((d as Json).weight as number) / divisor; });
}

function sortedJson<T>(items: T[]): T[] {
  return [...items].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : JSON.stringify(x) > JSON.stringify(y) ? 1 : 0));
}

function setRoutes(m: ManifestShape, routes: RouteShape[]): void {
  // only called for a container with routes, so with a spec
  if (m.kind === 'VirtualService') m.spec!.virtualHost!.routes = routes;
  else m.spec!.routes = routes;
}

function diff(a: unknown, b: unknown, key: string, at: string, lines: string[]): void {
  if (lines.length >= MAX_LINES) return;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a)
      ? [...Array(Math.max(a.length, (b as unknown[]).length)).keys()].map(String)
      : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diff((a as Json)[k], (b as Json)[k], key, Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k, lines);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) lines.push(`${key} ${at}: input ${JSON.stringify(a) ?? 'nothing'}, generated ${JSON.stringify(b) ?? 'nothing'}`);
}

