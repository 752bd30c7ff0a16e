import { ObjectChange, objectChanges } from './object-changes';
import { HostRequest, HostRoutes } from './request-classes';
import { RoutingSide, SideRouting } from './routing-side';
import type { ReleaseDescription } from '../canary/release-registry';
import type { ServiceOutcome } from '../gateway-api/routing-comparison';

/** What `diffRouting` compares. */
export interface DiffInput {
  /** The manifests before (the base of the pull request). */
  readonly base: unknown[];
  /** The manifests after (its head). */
  readonly head: unknown[];
  /**
   * The objects whose changes are listed, when not all of `base` and `head` (the CLI passes the
   * objects whose YAML differs, and the routing objects alone as `base` and `head`).
   * @default - `base` and `head`
   */
  readonly objects?: { readonly base: unknown[]; readonly head: unknown[] };
  /**
   * The releases the base's app describes, when it was run (`diff --base <ref>`).
   * @default - none: changes are grouped by object only
   */
  readonly baseReleases?: ReleaseDescription[];
  /**
   * The releases the head's app describes.
   * @default - none
   */
  readonly headReleases?: ReleaseDescription[];
  /**
   * Show header values in the request classes; they are masked as `***` by default, as in `plan`
   * (a canary header's value is what lets a client in).
   * @default false
   */
  readonly showHeaderValues?: boolean;
}

/** One request class that routes differently. */
export interface RequestChange {
  /** `GET /checkout with x-canary: ***`. */
  readonly request: string;
  /** Its method, path (with the query) and headers (`x-canary: ***`, values masked unless shown), the parts of `request`. */
  readonly method: string;
  readonly path: string;
  readonly headers: string[];
  /** The host it was sent to. */
  readonly host: string;
  readonly before: ServiceOutcome;
  readonly after: ServiceOutcome;
  /** When the Services and shares are the same but, on one target, the rest is not (an Upstream, a function, a rewrite): both details. */
  readonly detail?: { readonly before: string; readonly after: string };
  /** The release the request belongs to (the first, when several do), if any: see `releasesOf`. */
  readonly release?: string;
  /** Every release it belongs to. */
  readonly releases: string[];
}

/** The request classes of one object (or the pair of objects that took them before and after). */
export interface RoutingGroup {
  /** `VirtualService gloo-system/shop`, `VirtualService gloo-system/shop → HTTPRoute shop/shop`, or `no route`. */
  readonly object: string;
  /** The hosts asked. */
  readonly hosts: string[];
  readonly changes: RequestChange[];
  /** How many request classes route as before. */
  readonly unchanged: number;
}

/** A release's stage before and after; either is `undefined` when that side has no such release. */
export interface ReleaseStep {
  readonly release: string;
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
  /** How many changed request classes reach its Services. */
  readonly changes: number;
}

/** What changed between two synthesized outputs. */
export interface RoutingDiff {
  readonly base: { readonly target: string };
  readonly head: { readonly target: string };
  /** The request classes asked of both sides. */
  readonly requestClasses: number;
  readonly groups: RoutingGroup[];
  /** The releases either side describes (none without app runs). */
  readonly releases: ReleaseStep[];
  readonly objects: ObjectChange[];
  /** Whether any request class routes differently. */
  readonly routingChanged: boolean;
}

/**
 * The diff of two synthesized outputs by meaning: every request class derived from the matchers of
 * both sides (boundary paths, each method, with and without each header and query match, each host;
 * see `HostRoutes`) routed on each side (`RoutingSide`), and the classes whose Services and shares
 * differ, grouped by the object that took them and put to the releases they belong to (see
 * `releasesOf`); then the objects added, removed or changed. Where one kind of object takes a
 * request on both sides, the Gloo or Gateway API details count too (an Upstream or function
 * swapped for another of the same Service, a rewrite, forwarded headers); across kinds (a
 * migration) only what the differential check compares.
 */
export function diffRouting(input: DiffInput): RoutingDiff {
  const base = new RoutingSide(input.base);
  const head = new RoutingSide(input.head);
  const requests = new HostRoutes().add(input.base).add(input.head).requests();
  const releases = releaseIndex(input.baseReleases ?? [], input.headReleases ?? []);
  const groups = new Map<string, { hosts: Set<string>; changes: Map<string, RequestChange>; unchanged: number }>();
  const befores = base.routeAll(requests);
  const afters = head.routeAll(requests);
  requests.forEach((request, i) => {
    const before = befores[i];
    const after = afters[i];
    const key = groupOf(before, after);
    const group = groups.get(key) ?? { hosts: new Set<string>(), changes: new Map<string, RequestChange>(), unchanged: 0 };
    groups.set(key, group);
    group.hosts.add(request.host);
    // details compare where one kind of object takes the request on both sides (a host moved to an HTTPRoute compares by Services)
    const detailChanged = sameKind(before, after) && before.detail !== after.detail;
    if (before.outcome.words === after.outcome.words && !detailChanged) {
      group.unchanged++;
      return;
    }
    const headers = headerLabels(request, input.showHeaderValues ?? false);
    const label = `${request.method ?? 'GET'} ${request.path}${headers.length > 0 ? ` with ${headers.join(', ')}` : ''}`;
    const shown = input.showHeaderValues
      ? { before: before.detail, after: after.detail }
      : { before: before.maskedDetail, after: after.maskedDetail };
    const id = `${request.host}\n${label}\n${shown.before}\n${shown.after}`;
    if (group.changes.has(id)) return;
    const mine = releasesOf(releases, request, before, after);
    group.changes.set(id, {
      request: label,
      method: request.method ?? 'GET',
      path: request.path,
      headers,
      host: request.host,
      before: before.outcome,
      after: after.outcome,
      ...(before.outcome.words === after.outcome.words ? { detail: shown } : {}),
      ...(mine.length > 0 ? { release: mine[0] } : {}),
      releases: mine,
    });
  });
  const out: RoutingGroup[] = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([object, g]) => ({ object, hosts: [...g.hosts].sort(), changes: [...g.changes.values()], unchanged: g.unchanged }));
  const changes = out.flatMap(g => g.changes);
  return {
    base: { target: base.target },
    head: { target: head.target },
    requestClasses: requests.length,
    groups: out,
    releases: releases.map(r => ({
      release: r.name, path: r.path, before: r.before, after: r.after, changes: changes.filter(c => c.release === r.name).length,
    })),
    objects: objectChanges(input.objects?.base ?? input.base, input.objects?.head ?? input.head),
    routingChanged: changes.length > 0,
  };
}

/** What `--expect <release>[=<stage>]` asks of a diff. */
export interface Expectation {
  /** The release's name (or construct path). */
  readonly release: string;
  /** The stage it must be at in head. @default - any */
  readonly stage?: string;
}

/**
 * Why the diff breaks the expectations, one line each: a request class that changed outside the
 * expected releases, or an expected release that the head does not hold or holds at another stage.
 * Empty when it keeps them. Throws when a release named is on neither side.
 */
export function brokenExpectations(diff: RoutingDiff, expectations: Expectation[]): string[] {
  const named = expectations.map(e => {
    const release = diff.releases.find(r => r.release === e.release || r.path === e.release);
    if (!release) {
      throw new Error(`--expect ${e.release}: no such release on either side (the releases: ${diff.releases.map(r => r.release).join(', ') || 'none'})`);
    }
    return { e, release };
  });
  const allowed = new Set(named.map(n => n.release.release));
  const out: string[] = [];
  for (const { e, release } of named) {
    if (e.stage !== undefined && release.after !== e.stage) {
      out.push(`release ${release.release} is at ${release.after === undefined ? 'no stage (not in head)' : `stage ${release.after}`} in head, expected ${e.stage}`);
    }
  }
  for (const g of diff.groups) {
    for (const c of g.changes.filter(x => !x.releases.some(r => allowed.has(r)))) {
      out.push(`${g.object}: ${c.request}${g.hosts.length > 1 ? ` (${c.host})` : ''} routes differently${c.release ? ` (release ${c.release})` : ''}, outside the expected release${named.length > 1 ? 's' : ''}`);
    }
  }
  return out;
}

interface IndexedRelease {
  readonly name: string;
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
  /** Its stable and canary Services, `namespace/name:port`. */
  readonly services: string[];
  /** The objects it routes on, as the diff names them (`VirtualService ns/name`, `HTTPRoute ns/name`), on either side and target; `undefined` for a RouteTable, whose requests its delegating objects take. */
  readonly containers?: string[];
  /** The paths of its routes. */
  readonly routes: string[];
}

/**
 * The releases a changed request belongs to: those whose route container took it on either side,
 * whose route paths start its path, and whose stable or canary Service it reaches before or after.
 */
function releasesOf(releases: IndexedRelease[], request: HostRequest, before: SideRouting, after: SideRouting): string[] {
  const path = request.path.split('?')[0];
  return releases.filter(r => r.services.some(s => reaches(before.outcome, s) || reaches(after.outcome, s))
    && r.routes.some(p => path.startsWith(p))
    && (r.containers === undefined || r.containers.some(c => c === before.object || c === after.object))).map(r => r.name);
}

/** The releases of both sides by construct path; a release described by several outputs (targets) is one, with all their containers. */
function releaseIndex(base: ReleaseDescription[], head: ReleaseDescription[]): IndexedRelease[] {
  const byPath = new Map<string, { before: ReleaseDescription[]; after: ReleaseDescription[] }>();
  const entry = (path: string) => byPath.get(path) ?? byPath.set(path, { before: [], after: [] }).get(path)!;
  for (const r of base) entry(r.path).before.push(r);
  for (const r of head) entry(r.path).after.push(r);
  return [...byPath.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([path, { before, after }]) => {
    const all = [...before, ...after];
    const services = all.flatMap(r => [r.stableService, r.canaryService])
      .filter((s): s is NonNullable<typeof s> => s !== undefined).map(s => `${s.namespace}/${s.name}:${s.port}`);
    const containers = all.some(r => r.container.kind === 'RouteTable') ? undefined
      : [...new Set(all.map(r => `${r.container.kind} ${r.container.namespace ?? 'default'}/${r.container.name}`))];
    return {
      name: (after[0] ?? before[0]).releaseName,
      path,
      before: before[0]?.activeStage,
      after: after[0]?.activeStage,
      services: [...new Set(services)],
      ...(containers ? { containers } : {}),
      routes: [...new Set(all.flatMap(r => r.routes))],
    };
  });
}

function reaches(outcome: ServiceOutcome, service: string): boolean {
  return outcome.shares.some(s => s.key === service) || outcome.mirror?.key === service;
}

/** Whether one kind of object (VirtualService, HTTPRoute) takes the request on both sides. */
function sameKind(before: SideRouting, after: SideRouting): boolean {
  return before.object !== undefined && after.object !== undefined && before.object.split(' ')[0] === after.object.split(' ')[0];
}

/** The group of requests that no object takes on either side. */
export const NO_OBJECT = 'requests no object takes';

function groupOf(before: SideRouting, after: SideRouting): string {
  if (before.object === undefined && after.object === undefined) return NO_OBJECT;
  if (before.object === undefined || after.object === undefined || before.object === after.object) return (after.object ?? before.object)!;
  return `${before.object} → ${after.object}`;
}

/** `x-canary: ***`: header values masked unless shown, a probe's other value said as such. */
function headerLabels(r: HostRequest, showHeaderValues: boolean): string[] {
  return Object.entries(r.headers ?? {}).map(([name, value]) => {
    const shown = showHeaderValues ? value : value.endsWith('-other') ? 'another value' : value === 'present' ? 'any value' : '***';
    return `${name}: ${shown}`;
  });
}
