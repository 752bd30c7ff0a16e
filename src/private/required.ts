import { ProblemCollector } from './errors';
import { jsonAt } from './json';

/**
 * Checks of the props TypeScript requires but JavaScript callers can omit or get wrong, so that
 * they fail with the construct path and the field, not with a `TypeError` deep inside.
 */

/** The kinds of required props. */
export type RequiredKind = 'upstream' | 'string' | 'array' | 'container';

/** One required prop: its field, its kind and what the message says is expected. */
export type RequiredProp = [field: string, kind: RequiredKind, expected: string];

/** What a prop that names an Upstream expects. */
export const AN_UPSTREAM = 'an Upstream, such as new Upstream(...) or Upstream.fromUpstreamName(...)';

/** The props every route to a REST function requires (`FunctionRoute`, `WeightedFunctionRoute`). */
export const FUNCTION_ROUTE_REQUIRED: RequiredProp[] = [
  ['routeContainer', 'container', 'the VirtualService or RouteTable the route goes on'],
  ['path', 'string', 'a path prefix that starts with "/", such as "/findPets"'],
  ['functionName', 'string', 'the name of a REST function of the upstream, such as "findPets"'],
];

const IS: { [kind in RequiredKind]: (x: unknown) => boolean } = {
  upstream: x => typeof jsonAt(x, 'name') === 'string' && typeof jsonAt(x, 'namespace') === 'string',
  string: x => typeof x === 'string',
  array: x => Array.isArray(x),
  container: x => typeof jsonAt(x, '_addRoute') === 'function',
};

/**
 * Adds a problem for each required prop that is missing or of the wrong kind.
 *
 * @param prefix put before the fields, e.g. `targets[0].` for the props of a list item
 */
export function checkRequiredProps(problems: ProblemCollector, props: unknown, required: RequiredProp[], prefix = ''): void {
  const given = (typeof props === 'object' && props !== null ? props : {}) as { [field: string]: unknown };
  for (const [field, kind, expected] of required) {
    if (!IS[kind](given[field])) problems.add(`${prefix}${field}`, given[field], expected);
  }
}
