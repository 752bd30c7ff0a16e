import { trimTrailingSlashes } from './http-route-matching';
import { Json, list, obj, PathMatch } from './http-route-model';

/** A copy of the request sent by a `RequestMirror` filter. */
export interface MirrorCopy {
  /** The backend the copies go to: `name`, `namespace`, `kind`, `group`, `port` of the filter's `backendRef`. */
  readonly backendRef: Json;
  /** The share of matched requests copied, in percent (`percent`, or `fraction` as a percentage; 100 when neither is set). */
  readonly percent: number;
}

/** The request as it arrived: path without query, lowercase host without port, headers by lowercase name. */
export interface UnfilteredRequest {
  readonly path: string;
  readonly query: string;
  readonly host: string;
  /** Read only: the filters change a copy. */
  readonly headers: ReadonlyMap<string, string>;
}

/** The request after a rule's filters, in the order they are listed. */
export interface FilteredRequest {
  readonly path: string;
  readonly host: string;
  /** Header values by lowercase name. */
  readonly headers: Map<string, string>;
  readonly mirrors: MirrorCopy[];
  /** Whether a `RequestRedirect` filter answers the request instead of a backend. */
  readonly redirected: boolean;
}

/**
 * Applies a rule's `filters` (HTTPRoute CRD `rules[].filters`, "implementations SHOULD implement
 * filters in the order they are specified"): `RequestHeaderModifier`, `URLRewrite` and
 * `RequestMirror`; a `RequestRedirect` only marks the request as redirected. Other filter types
 * (response headers, CORS, extension refs) do not change where the request goes, so they are skipped.
 */
export function applyFilters(filters: unknown, matched: PathMatch, start: UnfilteredRequest): FilteredRequest {
  let path = start.path;
  let host = start.host;
  const headers = new Map(start.headers);
  for (const raw of list(filters)) {
    const filter = obj(raw);
    switch (filter.type) {
      case 'RequestHeaderModifier':
        modifyHeaders(obj(filter.requestHeaderModifier), headers);
        break;
      case 'URLRewrite': {
        const rewrite = obj(filter.urlRewrite);
        if (rewrite.hostname !== undefined) host = String(rewrite.hostname);
        if (rewrite.path !== undefined) path = rewritePath(obj(rewrite.path), matched, path);
        break;
      }
      default: // RequestMirror and RequestRedirect do not change the request (see `mirrorCopies`, `redirects`)
        break;
    }
  }
  return { path: start.query === '' ? path : `${path}?${start.query}`, host, headers, mirrors: mirrorCopies(filters), redirected: redirects(filters) };
}

/** Whether a `RequestRedirect` filter among `filters` answers the request instead of a backend. */
export function redirects(filters: unknown): boolean {
  return list(filters).some(f => obj(f).type === 'RequestRedirect');
}

/** `set` overwrites, `add` appends to an existing value with a comma, `remove` deletes (CRD `requestHeaderModifier`). */
function modifyHeaders(modifier: Json, headers: Map<string, string>): void {
  for (const h of list(modifier.set)) headers.set(String(obj(h).name).toLowerCase(), String(obj(h).value));
  for (const h of list(modifier.add)) {
    const name = String(obj(h).name).toLowerCase();
    const existing = headers.get(name);
    headers.set(name, existing === undefined ? String(obj(h).value) : `${existing},${obj(h).value}`);
  }
  for (const name of list(modifier.remove)) headers.delete(String(name).toLowerCase());
}

/**
 * The path after a `URLRewrite` path modifier. `ReplaceFullPath` replaces the whole path;
 * `ReplacePrefixMatch` replaces the matched PathPrefix, by whole path elements, ignoring trailing
 * slashes of both the prefix and the replacement, and never leaves an empty path (the table in the
 * Gateway API v1.6.1 source, `apis/v1/httproute_types.go`, `HTTPPathModifier.ReplacePrefixMatch`:
 * `/foo/` with prefix `/foo` and replacement `/xyz` gives `/xyz/`; with replacement `""` gives `/`).
 */
export function rewritePath(modifier: Json, matched: PathMatch, path: string): string {
  if (modifier.type === 'ReplaceFullPath') return String(modifier.replaceFullPath ?? path);
  if (modifier.type !== 'ReplacePrefixMatch' || matched.type !== 'PathPrefix') return path;
  const rest = path.slice(trimTrailingSlashes(matched.value).length);
  const replaced = trimTrailingSlashes(String(modifier.replacePrefixMatch ?? '')) + rest;
  return replaced === '' ? '/' : replaced;
}

/** The copies the `RequestMirror` filters among `filters` send, in filter order: what `applyFilters` lists as `mirrors`. */
export function mirrorCopies(filters: unknown): MirrorCopy[] {
  return list(filters).map(obj).filter(f => f.type === 'RequestMirror').map(f => mirrorCopy(obj(f.requestMirror)));
}

/** `percent`, or `fraction` (numerator / denominator, denominator defaulting to 100), or 100 % (CRD `requestMirror`). */
function mirrorCopy(mirror: Json): MirrorCopy {
  let percent = 100;
  if (mirror.percent !== undefined) {
    percent = Number(mirror.percent);
  } else if (mirror.fraction !== undefined) {
    const fraction = obj(mirror.fraction);
    percent = (Number(fraction.numerator ?? 0) / Number(fraction.denominator ?? 100)) * 100;
  }
  return { backendRef: obj(mirror.backendRef), percent };
}
