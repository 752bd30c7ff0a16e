import { GATEWAY_API_GROUP, Json, list, obj, routeRules } from './http-route-model';

/** How deep delegation is followed; deeper (or a cycle) resolves nothing further. */
const MAX_DEPTH = 8;

/** Where a rule of an expanded route comes from: `namespace/name` of its HTTPRoute and its index there. */
export interface RuleOrigin {
  readonly route: string;
  readonly ruleIndex: number;
}

/**
 * An HTTPRoute with kgateway's route delegation resolved (kgateway v2.2,
 * `pkg/kgateway/translator/httproute/delegation_helpers.go`, `utils/delegation/delegation.go`): a
 * rule whose `backendRefs` name HTTPRoutes (`group: gateway.networking.k8s.io, kind: HTTPRoute`) is
 * replaced by the rules of those child routes, each keeping only its matches that are valid under
 * one of the parent rule's matches (`isDelegatedMatch`); a rule left without matches, a child that
 * is missing, has `hostnames`, or whose `parentRefs` do not name this parent, adds nothing.
 * Children are resolved the same way, to a depth of 8. Returns the manifest with the expanded
 * rules, and the origin of each.
 */
export function expandDelegation(manifest: unknown, all: unknown[], defaultNamespace: string): { manifest: unknown; origins: RuleOrigin[] } {
  const origins: RuleOrigin[] = [];
  const rules = expandRules(manifest, all, defaultNamespace, origins, 0);
  const m = obj(manifest);
  if (rules === undefined) {
    routeRules(manifest).forEach((_r, i) => origins.push({ route: routeName(m, defaultNamespace), ruleIndex: i }));
    return { manifest, origins };
  }
  return { manifest: { ...m, spec: { ...obj(m.spec), rules } }, origins };
}

/** The rules of a route with delegation resolved; `undefined` when it delegates nowhere (then it is as given). */
function expandRules(manifest: unknown, all: unknown[], defaultNamespace: string, origins: RuleOrigin[], depth: number): unknown[] | undefined {
  const m = obj(manifest);
  const namespace = String(obj(m.metadata).namespace ?? defaultNamespace);
  const name = String(obj(m.metadata).name);
  const rules = routeRules(manifest);
  if (!rules.some(r => childRefs(r).length > 0)) return undefined;
  const out: unknown[] = [];
  rules.forEach((raw, i) => {
    const refs = childRefs(raw);
    if (refs.length === 0) {
      out.push(raw);
      origins.push({ route: `${namespace}/${name}`, ruleIndex: i });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const parentMatches = matchesOf(raw);
    for (const ref of refs) {
      const childNamespace = String(ref.namespace ?? namespace);
      const child = all.map(obj).find(c => c.kind === 'HTTPRoute' && String(c.apiVersion).startsWith(`${GATEWAY_API_GROUP}/`)
        && obj(c.metadata).name === ref.name && String(obj(c.metadata).namespace ?? defaultNamespace) === childNamespace);
      if (!child || !acceptsParent(child, childNamespace, namespace, name) || list(obj(child.spec).hostnames).length > 0) continue;
      const childOrigins: RuleOrigin[] = [];
      const childRules = expandRules(child, all, defaultNamespace, childOrigins, depth + 1);
      const resolved = childRules ?? routeRules(child);
      resolved.forEach((childRule, j) => {
        const valid = matchesOf(childRule).filter(cm => parentMatches.some(pm => isDelegatedMatch(pm, cm)));
        if (valid.length === 0) return;
        out.push({ ...obj(childRule), matches: valid });
        origins.push(childRules ? childOrigins[j] : { route: `${childNamespace}/${String(ref.name)}`, ruleIndex: j });
      });
    }
  });
  return out;
}

/** The backendRefs of a rule that name HTTPRoutes (delegation). */
function childRefs(rule: unknown): Json[] {
  return list(obj(rule).backendRefs).map(obj).filter(r => r.kind === 'HTTPRoute' && (r.group ?? '') === GATEWAY_API_GROUP);
}

/** A rule's matches, the CRD default (`PathPrefix /`) when it has none. */
function matchesOf(rule: unknown): Json[] {
  const matches = list(obj(rule).matches).map(obj);
  return matches.length > 0 ? matches : [{ path: { type: 'PathPrefix', value: '/' } }];
}

/** A child without `parentRefs` takes any parent; with them, one must be this HTTPRoute (`ChildRouteCanAttachToParentRef`). */
function acceptsParent(child: Json, childNamespace: string, parentNamespace: string, parentName: string): boolean {
  const refs = list(obj(child.spec).parentRefs).map(obj);
  if (refs.length === 0) return true;
  return refs.some(r => r.group === GATEWAY_API_GROUP && r.kind === 'HTTPRoute' && r.name === parentName && String(r.namespace ?? childNamespace) === parentNamespace);
}

/**
 * kgateway's `IsDelegatedRouteMatch`: the parent's path is a `PathPrefix` whose value starts the
 * child's path value (as a string, whatever the child's path type); the child's header and query
 * matches include the parent's; a parent's method is the child's.
 */
export function isDelegatedMatch(parent: Json, child: Json): boolean {
  const pp = obj(parent.path ?? { type: 'PathPrefix', value: '/' });
  if ((pp.type ?? 'PathPrefix') !== 'PathPrefix') return false;
  const cp = obj(child.path ?? { type: 'PathPrefix', value: '/' });
  if (!String(cp.value ?? '/').startsWith(String(pp.value ?? '/'))) return false;
  const same = (p: unknown, c: unknown) => JSON.stringify(normal(obj(p))) === JSON.stringify(normal(obj(c)));
  const includes = (field: string) => list(parent[field]).every(p => list(child[field]).some(c => same(p, c)));
  if (!includes('headers') || !includes('queryParams')) return false;
  return parent.method === undefined || parent.method === child.method;
}

/** A header or query match with the CRD's default type, for comparison. */
function normal(m: Json): unknown {
  return { type: m.type ?? 'Exact', name: m.name, value: m.value };
}

function routeName(m: Json, defaultNamespace: string): string {
  return `${String(obj(m.metadata).namespace ?? defaultNamespace)}/${String(obj(m.metadata).name)}`;
}
