import { ConditionShape, MatcherShape, RouteShape } from './gloo-manifest';
import { regexSamples } from './regex-samples';
import { SimulatedRequest, SimulatedShare, SimulationResult } from './simulator';

/**
 * Requests that tell routes apart: derived from the matchers of rendered Gloo routes, they sit on
 * every boundary a matcher draws. For each path specifier: the path itself, with a trailing `/`,
 * one element deeper, one character longer and one shorter (a character prefix such as `/foo`
 * matches `/foox`); for a regex, a few strings it matches (`regexSamples`), one character longer
 * and one element deeper. Each path is tried without headers, with each
 * header or query condition alone (its value, and a value it does not match), with all of them
 * together, and with every method a matcher names plus, when a matcher names any, one it does not.
 *
 * Two route lists that give the same destinations, shares and mirrors for all of these requests
 * route alike for the cases their own matchers distinguish.
 *
 * `extraMethods` adds methods no matcher names, e.g. the methods REST functions call with.
 */
export function deriveRequests(routes: unknown[], extraMethods: string[] = []): SimulatedRequest[] {
  const paths = new Set<string>(['/']);
  const headers = new Map<string, Set<string>>();
  const queries = new Map<string, Set<string>>();
  const methods = new Set<string>(['GET', ...extraMethods]);
  let namesMethods = false;
  const visit = (list: Array<RouteShape | null | undefined>) => {
    for (const route of list ?? []) {
      for (const m of route?.matchers ?? []) {
        for (const p of pathsAround(m)) paths.add(p);
        for (const h of m.headers ?? []) addValues(headers, h);
        for (const q of m.queryParameters ?? []) addValues(queries, q);
        for (const method of m.methods ?? []) {
          methods.add(method);
          namesMethods = true;
        }
      }
    }
  };
  visit(routes as Array<RouteShape | null | undefined>); // routes of manifests made elsewhere: read as far as they go
  // a method condition is also probed with a method it does not name: such requests pass it by
  const other = namesMethods ? OTHER_METHODS.find(m => !methods.has(m)) : undefined;
  if (other) methods.add(other);

  const variants: Array<{ headers: { [k: string]: string }; query: { [k: string]: string } }> = [{ headers: {}, query: {} }];
  for (const [name, values] of [...headers.entries()].sort(byKey)) {
    for (const v of [...values].sort()) variants.push({ headers: { [name]: v }, query: {} });
  }
  for (const [name, values] of [...queries.entries()].sort(byKey)) {
    for (const v of [...values].sort()) variants.push({ headers: {}, query: { [name]: v } });
  }
  if (headers.size + queries.size > 1) {
    variants.push({ headers: firstValues(headers), query: firstValues(queries) });
  }

  const queryStrings = variants.map(v => (Object.keys(v.query).length > 0 ? `?${new URLSearchParams(v.query).toString()}` : ''));
  const sortedMethods = [...methods].sort();
  const requests: SimulatedRequest[] = [];
  for (const path of [...paths].sort()) {
    for (const method of sortedMethods) {
      variants.forEach((v, i) => requests.push({ path: `${path}${queryStrings[i]}`, method, headers: v.headers }));
    }
  }
  return requests;
}

/**
 * What a simulation result means for traffic, without which route index served it: the shares by
 * destination (upstream or Service, function, subset) and the mirror. Equal strings mean equal
 * routing.
 */
export function routingMeaning(result: SimulationResult): string {
  if (!result.matched) return 'no route';
  if (result.directResponse) return `direct response ${result.directResponse.status} ${JSON.stringify(result.directResponse.body ?? '')}`;
  if (result.redirect) return `redirect ${result.redirect.status} ${result.redirect.location}`;
  const shares = result.destinations.map(d => ({ key: shareKey(d), percent: d.percent }));
  const mirror = result.mirror ? ` mirror ${result.mirror.namespace}/${result.mirror.upstream} ${round(result.mirror.percent)}%` : '';
  const unresolved = result.unresolved ? ` unresolved ${result.unresolved}` : '';
  const path = result.forwardedPath !== undefined ? ` path ${result.forwardedPath}` : '';
  const host = result.forwardedHost !== undefined ? ` host ${result.forwardedHost}` : '';
  return `${sharesInWords(shares, round)}${mirror}${unresolved}${path}${host}`;
}

/** A share's destination in words: kind, namespace and name, function, subset, Consul tags and data centers, the header naming it. */
function shareKey(d: SimulatedShare): string {
  const subset = d.subset ? `[${Object.keys(d.subset).sort().map(k => `${k}=${d.subset![k]}`).join(',')}]` : '';
  const tags = d.tags ? `[tags ${[...d.tags].sort().join(',')}]` : '';
  const dataCenters = d.dataCenters ? `[dc ${[...d.dataCenters].sort().join(',')}]` : '';
  // header names are case-insensitive
  const header = d.header !== undefined ? `[header ${d.header.toLowerCase()}]` : '';
  const fn = d.functionName ? `#${d.functionName}` : d.functionSpec ? `#${d.functionSpec}` : '';
  return `${d.kind}:${d.namespace}/${d.upstream}${fn}${subset}${tags}${dataCenters}${header}`;
}

/**
 * Shares in words: the percents of each key added up, those above 0 sorted by key as `key=p%`
 * (`p` rounded by `roundPercent`), or `no destination` when there are none.
 */
export function sharesInWords(shares: Array<{ key: string; percent: number }>, roundPercent: (p: number) => number): string {
  const byName = new Map<string, number>();
  for (const s of shares) byName.set(s.key, (byName.get(s.key) ?? 0) + s.percent);
  const parts = [...byName.entries()].filter(([, p]) => p > 0).sort(byKey).map(([k, p]) => `${k}=${roundPercent(p)}%`);
  return parts.join(' ') || 'no destination';
}

/** A request in one line, for reports: `GET /findPets?x=1 {"x-canary":"true"}`. */
export function describeRequest(r: SimulatedRequest): string {
  const headers = Object.keys(r.headers ?? {}).length > 0 ? ` ${JSON.stringify(r.headers)}` : '';
  return `${r.method ?? 'GET'} ${r.path}${headers}`;
}

/** Methods tried, in order, as the one no matcher names. */
const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

function pathsAround(m: MatcherShape): string[] {
  if (typeof m.regex === 'string') {
    // strings the regex matches, and what extends them: another route may take those
    return regexSamples(m.regex, m.caseSensitive === false)
      .flatMap(p => [p, `${p}x`, `${p.replace(/\/$/, '')}/x`])
      .filter(p => p.startsWith('/'));
  }
  const base = m.prefix ?? m.exact;
  if (typeof base !== 'string') return [];
  const out = [base, `${base}/`, `${base.replace(/\/$/, '')}/x`, `${base}x`];
  if (base.length > 1) out.push(base.slice(0, -1));
  if (m.caseSensitive === false) out.push(base.toUpperCase());
  return out.filter(p => p.startsWith('/'));
}

function addValues(into: Map<string, Set<string>>, condition: ConditionShape): void {
  const name = condition.name;
  if (typeof name !== 'string' || name === '') return;
  const values = into.get(name) ?? new Set<string>();
  if (typeof condition.value === 'string' && condition.value !== '') {
    values.add(condition.value); // for a regex, its text is often a value it matches
    values.add(`${condition.value}-other`);
    if (condition.regex) for (const sample of regexSamples(condition.value).slice(0, 2)) values.add(sample);
  }
  if (condition.regex || !condition.value) values.add('present');
  into.set(name, values);
}

function firstValues(map: Map<string, Set<string>>): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const [name, values] of [...map.entries()].sort(byKey)) out[name] = [...values].sort()[0];
  return out;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function round(p: number): number {
  return Math.round(p * 1e6) / 1e6;
}
