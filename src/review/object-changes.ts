import { asString, isManifestOf, jsonAt } from '../private/json';

/** The kinds whose specs are routing, with their API groups: their changes show as requests that route differently. */
const ROUTING_KINDS: ReadonlyArray<[group: string, kind: string]> = [
  ['gateway.solo.io', 'VirtualService'], ['gateway.solo.io', 'RouteTable'], ['gloo.solo.io', 'UpstreamGroup'], ['gateway.networking.k8s.io', 'HTTPRoute'],
];

/** One field that differs between the two versions of an object. */
export interface FieldChange {
  /** `spec.replicas`, `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** The value before, in JSON; `undefined` when it was not set. */
  readonly before?: string;
  /** The value after, in JSON; `undefined` when it is no longer set. */
  readonly after?: string;
}

/** An object added, removed or changed between two sets of manifests. */
export interface ObjectChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** `Deployment shop/checkout-v2` (the namespace left out when the object has none). */
  readonly object: string;
  /** `apps/v1`, as written after the change (before, for a removed object). */
  readonly apiVersion: string;
  /** Whether the object's spec is routing (VirtualService, RouteTable, UpstreamGroup, HTTPRoute), which the routing part of the diff covers. */
  readonly routing: boolean;
  /** The fields that differ, for a changed object, in order; at most `MAX_FIELDS`, with `moreFields` the rest. */
  readonly fields: FieldChange[];
  /** How many more fields differ than `fields` lists. */
  readonly moreFields: number;
}

/** At most this many fields are listed per changed object. */
export const MAX_FIELDS = 12;

/**
 * The objects added, removed or changed from `base` to `head`, by kind, namespace and name (an
 * object whose apiVersion changed is the same object), in that order; for a changed one the fields
 * that differ, leaf by leaf (`metadata.labels` and annotations included: they select and configure).
 */
export function objectChanges(base: unknown[], head: unknown[]): ObjectChange[] {
  const before = byId(base);
  const after = byId(head);
  const changes: ObjectChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(id);
    const a = after.get(id);
    const routing = ROUTING_KINDS.some(([group, kind]) => isManifestOf(a ?? b, group, kind));
    const apiVersion = asString(jsonAt(a ?? b, 'apiVersion')) ?? '';
    if (b === undefined || a === undefined) {
      changes.push({ change: b === undefined ? 'added' : 'removed', object: id, apiVersion, routing, fields: [], moreFields: 0 });
      continue;
    }
    const fields: FieldChange[] = [];
    leafChanges(b, a, '', fields, isSecret(a) || isSecret(b));
    if (fields.length === 0) continue;
    changes.push({ change: 'changed', object: id, apiVersion, routing, fields: fields.slice(0, MAX_FIELDS), moreFields: Math.max(0, fields.length - MAX_FIELDS) });
  }
  return changes;
}

function byId(manifests: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of manifests) {
    const kind = asString(jsonAt(m, 'kind'));
    const name = asString(jsonAt(m, 'metadata', 'name'));
    if (kind === undefined || name === undefined) continue;
    const namespace = asString(jsonAt(m, 'metadata', 'namespace'));
    out.set(`${kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`, m);
  }
  return out;
}

/** A Kubernetes Secret: its values are never shown. */
function isSecret(m: unknown): boolean {
  return jsonAt(m, 'kind') === 'Secret' && jsonAt(m, 'apiVersion') === 'v1';
}

/** The leaves under `path` where `a` and `b` differ; arrays by index, objects by key (sorted). A Secret's `data` and `stringData` values show as `(hidden)`. */
function leafChanges(b: unknown, a: unknown, path: string, out: FieldChange[], secret = false): void {
  if (JSON.stringify(b) === JSON.stringify(a)) return;
  const bothArrays = Array.isArray(b) && Array.isArray(a);
  const bothObjects = isPlainObject(b) && isPlainObject(a);
  if (bothArrays) {
    const bs = b as unknown[];
    const as = a as unknown[];
    for (let i = 0; i < Math.max(bs.length, as.length); i++) leafChanges(bs[i], as[i], `${path}[${i}]`, out, secret);
    return;
  }
  if (bothObjects) {
    const bo = b as { [k: string]: unknown };
    const ao = a as { [k: string]: unknown };
    for (const key of [...new Set([...Object.keys(bo), ...Object.keys(ao)])].sort()) {
      leafChanges(bo[key], ao[key], path === '' ? key : `${path}.${key}`, out, secret);
    }
    return;
  }
  const hidden = secret && /^(data|stringData)\./.test(path);
  const shown = (x: unknown) => (hidden ? '(hidden)' : JSON.stringify(x));
  out.push({ field: path, ...(b !== undefined ? { before: shown(b) } : {}), ...(a !== undefined ? { after: shown(a) } : {}) });
}

function isPlainObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
