import { AddProblem } from '../private/errors';

/**
 * The domains of one VirtualService, as Envoy reads them (`VirtualHost.domains`):
 *
 * - Envoy compares a domain with the request's Host (`:authority`) header, which holds a host and
 *   an optional port, never a scheme, a path, a query or user info: such a domain never matches.
 * - A wildcard is `*` alone, a suffix form with one leading `*` (`*.example.com`,
 *   `*-api.example.com`) or a prefix form with one trailing `*` (`api.example.*`). A `*` anywhere
 *   else is compared as a literal character, so it never matches a real host.
 * - Envoy lowercases every domain and rejects a virtual host that lists one twice, so domains that
 *   differ only in case are duplicates.
 */

/** A host (a registered name, or an IP literal in brackets) and an optional port or `*`. */
const HOST_AND_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::(?:[0-9]{1,5}|\*))?$/;

/** Why Envoy would refuse `domain`, or never match it, or `undefined` when it is fine. */
export function whyInvalidDomain(domain: string): string | undefined {
  if (typeof domain !== 'string' || domain.length === 0) return 'a non-empty domain such as "*" or "api.example.com"';
  if (domain === '*') return undefined;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(domain)) {
    return 'a host name without a scheme, such as "api.example.com" (the Host header never carries one)';
  }
  if (/[/?#]/.test(domain)) {
    return 'a host name without a path, query or fragment, such as "api.example.com" (routes match paths)';
  }
  if (!HOST_AND_PORT.test(domain)) {
    return 'a host name with an optional port, such as "api.example.com" or "api.example.com:8080" (letters, digits, "-", "." and no spaces)';
  }
  const stars = domain.split('*').length - 1;
  if (stars > 1 || (stars === 1 && !domain.startsWith('*') && !domain.endsWith('*'))) {
    return 'one "*" at most, alone or at the start ("*.example.com") or the end ("api.example.*") of the domain (envoy compares any other "*" literally)';
  }
  return undefined;
}

/** Adds a problem for each domain Envoy would refuse or never match, and for each duplicate. */
export function checkDomains(domains: string[], add: AddProblem): void {
  const seen = new Map<string, number>();
  domains.forEach((d, i) => {
    const why = whyInvalidDomain(d);
    if (why) {
      add(`domains[${i}]`, d, why, d === '' ? 'gloo rejects an empty domain' : undefined);
      return;
    }
    const first = seen.get(d.toLowerCase());
    if (first === undefined) {
      seen.set(d.toLowerCase(), i);
    } else if (domains[first] === d) {
      add(`domains[${i}]`, d, 'each domain once', 'envoy rejects a virtual host with duplicate domains');
    } else {
      add(`domains[${i}]`, d, `each domain once, ignoring case (domains[${first}] is ${JSON.stringify(domains[first])})`,
        'envoy lowercases domains and rejects a virtual host with duplicate domains');
    }
  });
}
