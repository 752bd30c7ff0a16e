import { ReadObject, where } from './reader';
import { Json, ManifestShape } from '../simulate/gloo-manifest';

/** The route options of Gloo 1.x (`options` of a route in the 1.22 CRDs). */
const ROUTE_OPTIONS_1X = new Set(('ai appendXForwardedHost autoHostRewrite bufferPerRoute cors csrf dlp envoyMetadata extProc '
  + 'extProcEarly extProcLate extauth extensions faults headerManipulation hostRewrite hostRewriteHeader hostRewritePathRegex '
  + 'idleTimeout jwt jwtProvidersStaged jwtStaged lbHash maxStreamDuration prefixRewrite rateLimitConfigs rateLimitEarlyConfigs '
  + 'rateLimitRegularConfigs ratelimit ratelimitBasic ratelimitEarly ratelimitRegular rbac regexRewrite retries shadowing '
  + 'stagedTransformations timeout tracing transformations upgrades waf').split(' '));

/** Fields the API server or Gloo writes, which are not part of what a person declares. */
const SERVER_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** An object of the input in the Gloo 1.x shape, with what was changed to get there. */
export interface TranslatedObject {
  readonly source: ReadObject['source'];
  /** The object in the 1.x shape, without fields the server writes. */
  readonly manifest: ManifestShape;
  /** One line per translation, e.g. `... routes[0].matcher -> matchers[0]`. */
  readonly translations: string[];
  /** The namespace the object was placed in because it named none (see `withNamespace`). */
  readonly defaultedNamespace?: string;
}

/**
 * The object in `namespace` when it names none, as `kubectl apply -n <namespace>` would place it;
 * its references without a namespace then resolve there too, as Gloo resolves them in the
 * namespace of the object that holds them.
 */
export function withNamespace(o: TranslatedObject, namespace: string): TranslatedObject {
  const placed = typeof o.manifest.metadata?.namespace === 'string' ? o
    : { ...o, manifest: { ...o.manifest, metadata: { ...o.manifest.metadata, namespace } }, defaultedNamespace: namespace };
  return qualifyUpstreamRefs(placed);
}

/**
 * Upstream references without a namespace, written with the namespace Gloo resolves them in: the
 * namespace of the VirtualService or RouteTable that holds the route (for `single` and `multi`
 * destinations; projects/gateway/pkg/translator/converter.go), of the UpstreamGroup for its
 * destinations (projects/gloo/pkg/translator/upstream_groups.go). The same meaning, spelt out.
 */
function qualifyUpstreamRefs(o: TranslatedObject): TranslatedObject {
  const m: Json = JSON.parse(JSON.stringify(o.manifest));
  const ns = (m.metadata as Json).namespace as string;
  const notes: string[] = [];
  const qualify = (dest: unknown, at: string) => {
    const up = (dest as Json | undefined)?.upstream as Json | undefined;
    if (up && typeof up === 'object' && up.name !== undefined && !up.namespace) {
      up.namespace = ns;
      notes.push(`${where(o.source, o.manifest)} ${at}.upstream.namespace: none given; gloo resolves it in ${ns}, the namespace of the object that holds it`);
    }
  };
  const spec = m.spec as Json | undefined;
  const routes = m.kind === 'VirtualService' ? (spec?.virtualHost as Json | undefined)?.routes : m.kind === 'RouteTable' ? spec?.routes : undefined;
  const field = m.kind === 'VirtualService' ? 'spec.virtualHost.routes' : 'spec.routes';
  if (Array.isArray(routes)) {
    routes.forEach((r, i) => {
      const action = (r as Json | null)?.routeAction as Json | undefined;
      qualify(action?.single, `${field}[${i}].routeAction.single`);
      const multi = (action?.multi as Json | undefined)?.destinations;
      if (Array.isArray(multi)) multi.forEach((d, j) => qualify((d as Json | null)?.destination, `${field}[${i}].routeAction.multi.destinations[${j}].destination`));
    });
  }
  if (m.kind === 'UpstreamGroup' && Array.isArray(spec?.destinations)) {
    (spec!.destinations as unknown[]).forEach((d, j) => qualify((d as Json | null)?.destination, `spec.destinations[${j}].destination`));
  }
  return notes.length === 0 ? o : { ...o, manifest: m as ManifestShape, translations: [...o.translations, ...notes] };
}

/**
 * Translates an object from the Gloo 0.x shape (as the blog series and `glooctl` wrote it) to 1.x:
 * `matcher` to `matchers`, `routePlugins` to `options`, legacy delegation refs to `ref`,
 * `virtualHost.name` dropped, `upstreamSpec` moved up into `spec`. Fields the server writes
 * (`status`, `resourceVersion`, the last-applied annotation, ...) are dropped and listed too.
 */
export function translateObject(read: ReadObject): TranslatedObject {
  const translations: string[] = [];
  const at = where(read.source, read.manifest);
  const note = (line: string) => translations.push(`${at} ${line}`);
  // a copy, changed in place; its fields are unchecked until the generator reads them
  let m: Json = JSON.parse(JSON.stringify(read.manifest));
  const nulls = dropNulls(m, '');
  if (nulls.length > 0) note(`${nulls.join(', ')}: null, dropped as the API server drops it (an empty field in YAML is null)`);

  if (m.apiVersion === undefined && m.kind === undefined && m.upstreamSpec !== undefined) {
    const { upstreamSpec, discoveryMetadata: _d, status: _s, metadata } = m;
    m = { apiVersion: 'gloo.solo.io/v1', kind: 'Upstream', metadata, spec: upstreamSpec };
    note('glooctl output (upstreamSpec, no apiVersion/kind) -> apiVersion gloo.solo.io/v1, kind Upstream, spec; discoveryMetadata and status dropped');
  } else if (m.kind === 'Upstream' && (m.spec as Json | null | undefined)?.upstreamSpec !== undefined) {
    const { upstreamSpec, ...rest } = m.spec as Json;
    m.spec = { ...rest, ...(upstreamSpec as Json) };
    note('spec.upstreamSpec -> spec');
  }
  dropServerFields(m, note);

  const routes = (prefix: string, list: unknown) => {
    if (!Array.isArray(list)) return;
    list.forEach((route, i) => translateRoute(route, `${prefix}[${i}]`, note));
  };
  const spec = m.spec as Json | null | undefined;
  if (m.kind === 'VirtualService' && spec?.virtualHost) {
    const vh = spec.virtualHost as Json;
    if (vh.name !== undefined) {
      note(`spec.virtualHost.name ${JSON.stringify(vh.name)} dropped (gloo 1.x names the virtual host <namespace>.<name>)`);
      delete vh.name;
    }
    if (vh.virtualHostPlugins !== undefined) {
      vh.options = { ...(vh.virtualHostPlugins as Json), ...(vh.options as Json | undefined) };
      delete vh.virtualHostPlugins;
      note('spec.virtualHost.virtualHostPlugins -> spec.virtualHost.options');
    }
    routes('spec.virtualHost.routes', vh.routes);
  }
  if (m.kind === 'RouteTable') routes('spec.routes', spec?.routes);
  // the 1.x shape; the reader checked the name, and the kind is one of those read
  return { source: read.source, manifest: m as ManifestShape, translations };
}

function translateRoute(item: unknown, at: string, note: (line: string) => void): void {
  if (typeof item !== 'object' || item === null) return;
  const route = item as Json;
  if (route.matcher !== undefined && route.matchers === undefined) {
    route.matchers = [route.matcher];
    delete route.matcher;
    note(`${at}.matcher -> ${at}.matchers[0]`);
  }
  if (Array.isArray(route.matchers)) {
    route.matchers.forEach((m: unknown, i: number) => {
      const matcher = m as Json | null;
      if (matcher && typeof matcher === 'object' && matcher.regex !== undefined && matcher.caseSensitive === false) {
        // envoy ignores case_sensitive for regex matches, so the flag never changed the routing
        delete matcher.caseSensitive;
        note(`${at}.matchers[${i}].caseSensitive: false dropped: envoy ignores it for a regex match (use (?i) in the regex to ignore case)`);
      }
    });
  }
  if (route.routePlugins !== undefined && typeof route.routePlugins === 'object') {
    const options: Json = { ...(route.options as Json | undefined) };
    for (const [key, value] of Object.entries(route.routePlugins as Json)) {
      if (key === 'prefixRewrite' && typeof value === 'object' && value !== null && 'prefixRewrite' in value) {
        options.prefixRewrite = value.prefixRewrite;
        note(`${at}.routePlugins.prefixRewrite.prefixRewrite -> ${at}.options.prefixRewrite`);
      } else {
        options[key] = value;
        if (ROUTE_OPTIONS_1X.has(key)) {
          note(`${at}.routePlugins.${key} -> ${at}.options.${key}`);
        } else {
          // the CRD-schema check of the input refuses it, naming the field
          note(`${at}.routePlugins.${key} -> ${at}.options.${key}, though gloo 1.x has no such route option`);
        }
      }
    }
    route.options = options;
    delete route.routePlugins;
  }
  const delegate = route.delegateAction as Json | null | undefined;
  if (delegate && typeof delegate === 'object' && delegate.ref === undefined && delegate.selector === undefined && delegate.name !== undefined) {
    const ref: Json = { name: delegate.name, namespace: delegate.namespace };
    route.delegateAction = { ref };
    if (delegate.namespace === undefined) delete ref.namespace;
    note(`${at}.delegateAction.{name,namespace} -> ${at}.delegateAction.ref`);
  }
}

/**
 * Deletes every field whose value is null, as the API server does for fields of a structural CRD
 * schema that are not nullable (`matchers:` with nothing after it, or only a comment, is null);
 * returns their paths.
 */
function dropNulls(value: unknown, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => dropNulls(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const dropped: string[] = [];
  const obj = value as Json;
  for (const k of Object.keys(obj)) {
    const path = at ? `${at}.${k}` : k;
    if (obj[k] === null) {
      delete obj[k];
      dropped.push(path);
    } else {
      dropped.push(...dropNulls(obj[k], path));
    }
  }
  return dropped;
}

function dropServerFields(m: Json, note: (line: string) => void): void {
  const dropped: string[] = [];
  if (m.status !== undefined) {
    dropped.push('status');
    delete m.status;
  }
  const meta = (m.metadata ?? {}) as Json;
  for (const f of SERVER_METADATA) {
    if (meta[f] !== undefined) {
      dropped.push(`metadata.${f}`);
      delete meta[f];
    }
  }
  const annotations = meta.annotations as Json | null | undefined;
  if (annotations?.[LAST_APPLIED] !== undefined) {
    dropped.push(`metadata.annotations["${LAST_APPLIED}"]`);
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length === 0) delete meta.annotations;
  }
  const spec = m.spec as Json | null | undefined;
  if (spec?.namespacedStatuses !== undefined) {
    dropped.push('spec.namespacedStatuses');
    delete spec.namespacedStatuses;
  }
  if (dropped.length > 0) note(`dropped fields the server writes: ${dropped.join(', ')}`);
}
