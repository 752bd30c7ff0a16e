/**
 * Reading HTTPRoute manifests (parsed YAML or JSON, `gateway.networking.k8s.io/v1`) the way the API
 * server stores them: with the CRD's defaults applied. Input is untrusted, so every accessor
 * tolerates missing or mistyped fields; the rule checks report those.
 *
 * Defaults, from the vendored CRD (`imports/gateway.networking.k8s.io.yaml`, HTTPRoute v1):
 * `spec.rules` defaults to one rule matching PathPrefix `/`; `rules[].matches` to one PathPrefix `/`
 * match; `matches[].path` to `{type: PathPrefix, value: /}`; header and query-param match `type` to
 * `Exact`; `backendRefs[].weight` to 1, `group` to `""`, `kind` to `Service`.
 */

import { asArray, asObject, JsonObject } from '../private/json';

/** The Gateway API's group (of HTTPRoutes, Gateways, and the references to them). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A Gateway API `SectionName` (a rule's `name`, a listener's `name`, a policy's `sectionName`): a DNS-1123 subdomain. */
export const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An HTTP header name as the CRD's patterns take it (an HTTP token). */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** The HTTPRoute path match types (CRD `rules[].matches[].path.type`). */
export const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];

/** The header and query-param match types (CRD `rules[].matches[].headers[].type`). */
export const VALUE_MATCH_TYPES = ['Exact', 'RegularExpression'];

/** One path match, defaults applied. */
export interface PathMatch {
  readonly type: string;
  readonly value: string;
}

/** One header or query-param match, defaults applied. */
export interface ValueMatch {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/** One `rules[].matches[]` entry, defaults applied. */
export interface RouteMatch {
  readonly path: PathMatch;
  readonly method?: string;
  readonly headers: ValueMatch[];
  readonly queryParams: ValueMatch[];
}

/** A parsed JSON object whose fields are not known yet: each is read as `unknown` and narrowed. */
export type Json = JsonObject;

/** A plain JSON object, or an empty one for anything else (`asObject`). */
export const obj = asObject;

/** An array, or an empty one for anything else (`asArray`). */
export const list = asArray;

/** A field as a string, `fallback` when it is absent (`undefined` or `null`). */
function text(value: unknown, fallback: string): string {
  return String(value ?? fallback);
}

/** `namespace/name` of a manifest; the namespace defaults to `defaultNamespace`. */
export function objectName(manifest: unknown, defaultNamespace = 'default'): string {
  const meta = obj(obj(manifest).metadata);
  return `${meta.namespace ?? defaultNamespace}/${meta.name}`;
}

/** The rules of an HTTPRoute, the CRD default (one rule, no matches) when absent. */
export function routeRules(manifest: unknown): unknown[] {
  const rules = obj(obj(manifest).spec).rules;
  return rules === undefined ? [{}] : list(rules);
}

/**
 * The matches of a rule with the CRD defaults applied. "If no matches are specified, the default is
 * a prefix path match on "/"" (CRD `rules[].matches`): that holds for an empty list too.
 */
export function ruleMatches(rule: unknown): RouteMatch[] {
  const matches = list(obj(rule).matches);
  return (matches.length === 0 ? [{}] : matches).map(toRouteMatch);
}

function toRouteMatch(raw: unknown): RouteMatch {
  const m = obj(raw);
  const path = obj(m.path);
  return {
    path: { type: text(path.type, 'PathPrefix'), value: text(path.value, '/') },
    method: m.method === undefined ? undefined : String(m.method),
    headers: list(m.headers).map(toValueMatch),
    queryParams: list(m.queryParams).map(toValueMatch),
  };
}

function toValueMatch(raw: unknown): ValueMatch {
  const m = obj(raw);
  return { name: String(m.name ?? ''), type: text(m.type, 'Exact'), value: String(m.value ?? '') };
}

/** The weight of a backendRef, 1 when unset (CRD default). */
export function backendWeight(ref: unknown): number {
  const weight = obj(ref).weight;
  return weight === undefined ? 1 : Number(weight);
}

/** Whether a backend reference points at a core Service (`group` `""` and `kind` `Service`, the CRD defaults). */
export function isServiceRef(ref: unknown): boolean {
  const r = obj(ref);
  return (r.group ?? '') === '' && (r.kind ?? 'Service') === 'Service';
}
