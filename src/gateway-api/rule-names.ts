import type { RouteProps } from '../gloo/route';

/** The longest rule name the target chooses: room for `.<n>` suffixes and a TrafficPolicy name around it. */
const MAX_BASE = 63;

/**
 * The name of the HTTPRoute rules a route becomes when a policy attaches to them (`rules[].name`,
 * which a TrafficPolicy's `targetRefs[].sectionName` names): the Gloo route's `name`, else its first
 * matcher's path, in lower case with every other character a `-` (`/findPetWithId/` becomes
 * `findpetwithid`, `/` becomes `root`), at most 63 characters. Never a dot: the rules of one route
 * are `<name>`, `<name>.2`, ..., so they cannot meet another route's. `taken` holds the names of the
 * routes named before it in the same HTTPRoute; a taken name gets `-2`, `-3`, ... The name depends
 * on the route and on the same-named routes before it, not on its index, so moving code does not
 * rename it.
 */
export function ruleName(props: RouteProps, taken: ReadonlySet<string>): string {
  const source = props.name ?? props.matchers?.[0]?.path.value ?? '/';
  const base = sanitize(source) || 'root';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_BASE - String(n).length - 1).replace(/-+$/, '')}-${n}`;
  return name;
}

function sanitize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_BASE).replace(/-+$/, '');
}
