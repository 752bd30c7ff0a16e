/**
 * Which RouteTables a `delegateAction` picks, as Gloo's gateway translator does
 * (`projects/gateway/pkg/translator/route_table_selector.go`, `RouteTableSelector` in `virtual_service.proto`).
 */

import { DelegateActionShape, LabelExpressionShape, ManifestShape, RouteTableSelectorShape } from './gloo-manifest';

/** The tables picked, in the order Gloo visits them, or why none could be. */
export interface TableSelection {
  readonly tables: ManifestShape[];
  /** Set when the delegation could not be followed among the manifests. */
  readonly unresolved?: string;
}

/**
 * Follows a `delegateAction`. The legacy `name`/`namespace` win over `ref` and `selector` (as the proto
 * says); a ref without a namespace finds no table, as in Gloo; a selector without namespaces selects
 * in the owner's namespace. A selector's `namespaces`
 * may hold `*` (every namespace); `labels` must all be equal; `expressions` are Kubernetes label
 * requirements, ANDed; `labels` and `expressions` together select nothing (Gloo warns).
 */
export function selectRouteTables(action: DelegateActionShape, ownerNs: string | undefined, tables: ManifestShape[]): TableSelection {
  const legacy = isGiven(action.name) || isGiven(action.namespace);
  const ref = legacy ? { name: action.name, namespace: action.namespace } : action.ref;
  if (ref) {
    // gloo looks a ref up by its namespace as given: one without a namespace is not filled in with
    // the owner's and finds no table (converter.go getRouteTableRef, route_table.sk.go Find)
    const ns = isGiven(ref.namespace) ? ref.namespace : undefined;
    const table = tables.find(t => t.metadata.name === ref.name && (t.metadata.namespace ?? undefined) === ns);
    return table ? { tables: [table] } : { tables: [], unresolved: `RouteTable ${ns ?? '(no namespace)'}/${ref.name}` };
  }
  const selector = action.selector;
  if (!selector) return { tables: [], unresolved: 'delegateAction without ref or selector' };
  const matches = matcherOf(selector, ownerNs);
  if (typeof matches === 'string') return { tables: [], unresolved: `RouteTables selected by ${JSON.stringify(selector)} (${matches})` };
  const picked = tables.filter(matches);
  if (picked.length === 0) return { tables: [], unresolved: `RouteTables selected by ${JSON.stringify(selector)}` };
  return { tables: byWeight(picked) };
}

/**
 * Orders selected tables by `spec.weight` ascending (unset = 0). Tables of equal weight are taken in
 * namespace/name order, the order of Gloo's sorted snapshot lists; their routes are then sorted by
 * path specificity by the caller (see `sortRoutesBySpecificity`).
 */
function byWeight(tables: ManifestShape[]): ManifestShape[] {
  const id = (t: ManifestShape) => `${t.metadata.namespace ?? ''}/${t.metadata.name}`;
  return [...tables].sort((a, b) => weightOf(a) - weightOf(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** A RouteTable's `spec.weight`, 0 when unset. */
export function weightOf(table: ManifestShape): number {
  return typeof table.spec?.weight === 'number' ? table.spec.weight : 0;
}

function matcherOf(selector: RouteTableSelectorShape, ownerNs: string | undefined): ((t: ManifestShape) => boolean) | string {
  const namespaces: string[] = selector.namespaces ?? [];
  const labels: { [k: string]: string } = selector.labels ?? {};
  const expressions: LabelExpressionShape[] = selector.expressions ?? [];
  if (Object.keys(labels).length > 0 && expressions.length > 0) return 'labels and expressions cannot be used together';
  const requirements = expressions.map(requirementOf);
  const invalid = requirements.find(r => typeof r === 'string');
  if (invalid) return invalid as string;
  const inNamespace = (ns: string | undefined) => (namespaces.length === 0 ? ns === ownerNs : namespaces.includes('*') || namespaces.includes(ns ?? ''));
  return (t: ManifestShape) => {
    const have: { [k: string]: string } = t.metadata.labels ?? {};
    return Object.entries(labels).every(([k, v]) => have[k] === v)
      && requirements.every(r => (r as (l: { [k: string]: string }) => boolean)(have))
      && inNamespace(t.metadata.namespace ?? undefined);
  };
}

/** Operators by proto enum name, number and the symbols the proto comments use. */
const OPERATORS: { [spelling: string]: string } = {
  'Equals': '=',
  '0': '=',
  '=': '=',
  'DoubleEquals': '=',
  '1': '=',
  '==': '=',
  'NotEquals': '!=',
  '2': '!=',
  '!=': '!=',
  'In': 'in',
  '3': 'in',
  'in': 'in',
  'NotIn': 'notin',
  '4': 'notin',
  'notin': 'notin',
  'Exists': 'exists',
  '5': 'exists',
  'exists': 'exists',
  'DoesNotExist': '!',
  '6': '!',
  '!': '!',
  'GreaterThan': 'gt',
  '7': 'gt',
  'gt': 'gt',
  'LessThan': 'lt',
  '8': 'lt',
  'lt': 'lt',
};

/** A Kubernetes label requirement (`labels.NewRequirement` rules), or why it is invalid. */
function requirementOf(e: LabelExpressionShape): ((labels: { [k: string]: string }) => boolean) | string {
  const op = OPERATORS[String(e.operator ?? 'Equals')];
  const values: string[] = e.values ?? [];
  const key: string = e.key;
  if (!op) return `unknown operator ${JSON.stringify(e.operator)}`;
  if ((op === '=' || op === '!=') && values.length !== 1) return `operator ${e.operator ?? 'Equals'} needs exactly one value`;
  if ((op === 'in' || op === 'notin') && values.length === 0) return `operator ${e.operator} needs values`;
  if ((op === 'exists' || op === '!') && values.length > 0) return `operator ${e.operator} takes no values`;
  if ((op === 'gt' || op === 'lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]))) return `operator ${e.operator} needs one integer value`;
  return (labels) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = labels[key];
    switch (op) {
      case '=': case 'in': return has && values.includes(value);
      case '!=': case 'notin': return !has || !values.includes(value);
      case 'exists': return has;
      case '!': return !has;
      default: {
        if (!has || !/^-?\d+$/.test(value)) return false;
        return op === 'gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
      }
    }
  };
}

function isGiven(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
