import { Problem } from '../../private/errors';

/** What the domain rules need to know about a VirtualService. */
export interface DomainHolder {
  /** The construct path, named in errors. */
  readonly path: string;
  /** The Gateway that serves it. */
  readonly gatewayName: string;
  /** Its domains, as given. */
  readonly domains: string[];
}

const CONFLICT_HINT = 'gloo rejects both virtual services ("domain conflict"); give each its own domains, or put the routes in one VirtualService';
const CASE_HINT = 'envoy lowercases domains, so domains that differ only in case are the same domain';

/**
 * The domain conflicts of every VirtualService of an app, in one pass: domains that two
 * VirtualServices on one gateway share. Envoy compares domains ignoring case, so
 * `api.example.com` and `API.example.com` are the same domain. (A domain listed twice in one
 * VirtualService is refused when the VirtualService is made; see `checkDomains`.)
 *
 * Each VirtualService gets one problem per other VirtualService it conflicts with, naming it, in
 * the order the VirtualServices were created. The work is linear in the number of domains, plus
 * the conflicts reported.
 */
export function findDomainConflicts(holders: DomainHolder[]): Map<DomainHolder, Problem[]> {
  const out = new Map<DomainHolder, Problem[]>();
  const add = (h: DomainHolder, problem: Omit<Problem, 'path'>) => {
    const list = out.get(h) ?? [];
    list.push({ path: h.path, ...problem });
    out.set(h, list);
  };

  // domain (lowercased) -> the holders on that gateway that serve it, in creation order
  const servers = new Map<string, DomainHolder[]>();
  const order = new Map<DomainHolder, number>();
  holders.forEach((h, index) => {
    order.set(h, index);
    const firstIndex = new Map<string, number>();
    h.domains.forEach((d, i) => {
      const key = d.toLowerCase();
      if (firstIndex.has(key)) return; // listed twice: refused when the VirtualService is made
      firstIndex.set(key, i);
      const gatewayKey = `${h.gatewayName}\n${key}`;
      const list = servers.get(gatewayKey) ?? [];
      list.push(h);
      servers.set(gatewayKey, list);
    });
  });

  for (const h of holders) {
    const others = new Set<DomainHolder>();
    for (const d of h.domains) {
      for (const other of servers.get(`${h.gatewayName}\n${d.toLowerCase()}`) ?? []) {
        if (other !== h) others.add(other);
      }
    }
    for (const other of [...others].sort((a, b) => order.get(a)! - order.get(b)!)) {
      const theirs = new Map(other.domains.map(d => [d.toLowerCase(), d]));
      const shared = h.domains.filter(d => theirs.has(d.toLowerCase()));
      const respelled = shared.map(d => theirs.get(d.toLowerCase())!).filter(d => !shared.includes(d));
      add(h, {
        field: 'domains',
        given: shared,
        expected: `domains no other VirtualService on gateway ${h.gatewayName} serves, but ${other.path} serves them too`
          + (respelled.length > 0 ? ` (as ${respelled.map(d => JSON.stringify(d)).join(', ')})` : ''),
        hint: respelled.length > 0 ? `${CASE_HINT}; ${CONFLICT_HINT}` : CONFLICT_HINT,
      });
    }
  }
  return out;
}
