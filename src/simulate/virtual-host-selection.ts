import { ManifestShape } from './gloo-manifest';
import { GlooInputError, Problem } from '../private/errors';

/** The VirtualService that serves a host, and the domain that matched. */
export interface HostMatch {
  readonly vs: ManifestShape;
  readonly domain: string;
}

/**
 * Picks the VirtualService that serves `host` among VirtualServices on one gateway, as Envoy picks a
 * virtual host (`VirtualHost.domains` in Envoy's route API, which Gloo's `virtual_service.proto` defers to):
 *
 * 1. an exact domain, e.g. `www.foo.com`;
 * 2. a suffix wildcard, e.g. `*.foo.com` or `*-bar.foo.com`, the longest first;
 * 3. a prefix wildcard, e.g. `foo.*` or `foo-*`, the longest first;
 * 4. `*`, which also stands for a VirtualService without domains (Gloo's `computeVirtualHost`).
 *
 * A wildcard never matches the empty string (`*-bar.foo.com` does not match `-bar.foo.com`). Hosts and
 * domains compare case-insensitively. The port stays part of the host, as in Envoy and Gloo by default
 * (`shop.example.com:8080` is served by a domain `shop.example.com:8080` or a wildcard, not by
 * `shop.example.com`) unless `stripAnyHostPort` is set, as the HTTP connection manager setting of that
 * name does. A domain claimed by two VirtualServices is a conflict Gloo rejects; it throws here.
 */
export function selectVirtualService(virtualServices: ManifestShape[], host: string, stripAnyHostPort: boolean): HostMatch | undefined {
  const owners = domainOwners(virtualServices);
  const wanted = normalizeHost(host, stripAnyHostPort);
  const exact = owners.get(wanted);
  if (exact) return { vs: exact, domain: wanted };
  const domains = [...owners.keys()];
  const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
  const suffixes = domains.filter(d => d.length > 1 && d.startsWith('*')).sort(longestFirst);
  const suffix = suffixes.find(d => wanted.length > d.length - 1 && wanted.endsWith(d.slice(1)));
  if (suffix) return { vs: owners.get(suffix)!, domain: suffix };
  const prefixes = domains.filter(d => d.length > 1 && d.endsWith('*') && !d.startsWith('*')).sort(longestFirst);
  const prefix = prefixes.find(d => wanted.length > d.length - 1 && wanted.startsWith(d.slice(0, -1)));
  if (prefix) return { vs: owners.get(prefix)!, domain: prefix };
  const catchAll = owners.get('*');
  return catchAll ? { vs: catchAll, domain: '*' } : undefined;
}

/** Each lowercased domain and the VirtualService that claims it; throws on a domain two claim. */
function domainOwners(virtualServices: ManifestShape[]): Map<string, ManifestShape> {
  const owners = new Map<string, ManifestShape>();
  const problems: Problem[] = [];
  for (const vs of virtualServices) {
    const given: string[] = vs.spec?.virtualHost?.domains ?? [];
    const domains = given.length > 0 ? given : ['*'];
    domains.forEach((d, i) => {
      const domain = String(d).toLowerCase();
      const other = owners.get(domain);
      if (other && other !== vs) {
        problems.push({
          path: idOf(vs),
          field: given.length > 0 ? `virtualHost.domains[${i}]` : 'virtualHost.domains',
          given: given.length > 0 ? d : [],
          expected: `a domain no other virtualservice on the gateway serves (${idOf(other)} serves ${JSON.stringify(domain)})`,
          hint: 'gloo rejects both virtualservices with a domain conflict; pass virtualServices to simulate one gateway',
        });
      } else {
        owners.set(domain, vs);
      }
    });
  }
  if (problems.length > 0) throw new GlooInputError(problems);
  return owners;
}

function normalizeHost(host: string, stripAnyHostPort: boolean): string {
  const lower = host.trim().toLowerCase();
  if (!stripAnyHostPort) return lower;
  if (lower.startsWith('[')) return lower.replace(/^(\[[^\]]*\]):\d+$/, '$1');
  return lower.replace(/^([^:]*):\d+$/, '$1');
}

/** `namespace/name` of a manifest. */
export function idOf(m: { metadata?: { name?: string; namespace?: string } }): string {
  return `${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;
}
