import { RouteOutputSource } from '../gloo/route-output';
import { GlooInputError, Problem } from '../private/errors';

/** An HTTPRoute hostname (CRD `pattern`): lower-case DNS labels, a wildcard only as the whole first label. */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The most hostnames an HTTPRoute holds (CRD `maxItems`). */
const MAX_HOSTNAMES = 16;

/**
 * A VirtualService's domains as HTTPRoute `hostnames`: none when it serves `*` (every host the
 * Gateway's listener accepts), otherwise each domain in lower case (Envoy compares domains ignoring
 * case; hostnames must be lower case; the VirtualService already refuses duplicates ignoring case).
 *
 * Refused: a domain with a port (`example.com:8080`: a hostname has none), a suffix wildcard
 * (`example.*`) or a wildcard that is not the whole first label, and more than 16 domains.
 */
export function hostnamesOf(source: RouteOutputSource): string[] | undefined {
  if (source.domains.includes('*')) return undefined;
  const problems: Problem[] = [];
  const hostnames: string[] = [];
  source.domains.forEach((domain, i) => {
    const hostname = domain.toLowerCase();
    if (!HOSTNAME.test(hostname) || hostname.length > 253) {
      problems.push({
        path: source.node.path,
        field: `domains[${i}]`,
        given: domain,
        expected: 'a domain that is an HTTPRoute hostname: DNS labels, optionally "*." first, no port, no suffix wildcard',
        hint: 'gateway api matches hosts by hostname only; a port or a suffix wildcard has no hostname',
      });
    } else {
      hostnames.push(hostname);
    }
  });
  if (problems.length === 0 && hostnames.length > MAX_HOSTNAMES) {
    problems.push({ path: source.node.path, field: 'domains', given: `${hostnames.length} domains`, expected: `at most ${MAX_HOSTNAMES} domains, as an HTTPRoute holds at most ${MAX_HOSTNAMES} hostnames` });
  }
  if (problems.length > 0) throw new GlooInputError(problems);
  return hostnames;
}
