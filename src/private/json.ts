/**
 * Narrowing helpers for JSON the library did not make itself (parsed YAML, rendered manifests it
 * reads back, props JavaScript callers may get wrong): the fields of such values are `unknown`
 * until checked.
 */

/** A JSON object whose fields are not known yet. */
export type JsonObject = { [key: string]: unknown };

/** Whether `x` is a JSON object (not null, not an array). */
export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `x` when it is a JSON object, else an empty one. */
export function asObject(x: unknown): JsonObject {
  return isObject(x) ? x : {};
}

/** `x` when it is an array, else an empty one. */
export function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** `x` when it is a string, else undefined. */
export function asString(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/**
 * The value at a path of fields, such as `jsonAt(manifest, 'spec', 'virtualHost', 'routes')`, or
 * undefined when a step on the way is not an object (as optional chaining reads it).
 */
export function jsonAt(x: unknown, ...path: string[]): unknown {
  let value = x;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as JsonObject)[key];
  }
  return value;
}

/**
 * Whether a manifest is an object of `kind` in the API `group` (any version), such as
 * `isManifestOf(m, 'gateway.networking.k8s.io', 'HTTPRoute')`.
 */
export function isManifestOf(m: unknown, group: string, kind: string): boolean {
  return jsonAt(m, 'kind') === kind && (asString(jsonAt(m, 'apiVersion')) ?? '').startsWith(`${group}/`);
}

/** `o` without its `undefined` fields, the others in their order (for rendering optional fields). */
export function compact<T extends object>(o: T): T {
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(o) as Array<[string, unknown]>) if (v !== undefined) out[k] = v;
  // Only fields that were undefined are left out, which T allows as optional.
  return out as T;
}

/** A copy of `list`, or `undefined` when there is none. */
export function copyList<T>(list: T[] | undefined): T[] | undefined {
  return list ? [...list] : undefined;
}

/** Whether `x` is a JSON object with no fields but `keys` (it may lack some of them). */
export function hasOnlyKeys(x: unknown, keys: string[]): boolean {
  return isObject(x) && Object.keys(x).every(k => keys.includes(k));
}
