import { SslConfig } from '../model/tls';

/** The Gateway the target writes when asked to (`GatewayApiTargetProps.renderGateway`). */
export interface RenderGatewayProps {
  /**
   * The GatewayClass of the Gateway (`spec.gatewayClassName`).
   * @default 'kgateway'
   */
  readonly gatewayClassName?: string;
  /**
   * The port of the HTTP listener, which takes the HTTPRoutes of the VirtualServices without TLS.
   * @default 80
   */
  readonly httpPort?: number;
  /**
   * The port of the HTTPS listeners, which take the HTTPRoutes of the VirtualServices with `sslConfig`.
   * @default 443
   */
  readonly httpsPort?: number;
}

/** What the Gateway needs to know of one VirtualService. */
export interface ListenerSource {
  readonly namespace: string;
  readonly domains: string[];
  readonly sslConfig?: SslConfig;
}

/** One listener of the Gateway. */
export interface GatewayListener {
  readonly name: string;
  readonly hostname?: string;
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly tls?: { readonly mode: 'Terminate'; readonly certificateRefs: Array<{ readonly kind: 'Secret'; readonly group: ''; readonly name: string; readonly namespace?: string }> };
  readonly allowedRoutes: unknown;
}

/** The sslConfig fields a Gateway listener carries: the certificate's Secret, and SNI host names that are the VirtualService's domains. */
export const LISTENER_SSL_FIELDS: readonly string[] = ['secretRef', 'sniDomains'];

/** The name of the HTTP listener. */
export const HTTP_LISTENER = 'http';

/**
 * The listeners a VirtualService's HTTPRoute attaches to (its `parentRefs[].sectionName`): `http`
 * without `sslConfig`; with it, one HTTPS listener per domain, named `https-<host name>` (`https-wildcard.<domain>`
 * for `*.`, `https` for `*`), since Gloo serves a VirtualService with `sslConfig` on its TLS gateway
 * only.
 */
export function listenerNamesOf(source: ListenerSource): string[] {
  if (source.sslConfig === undefined) return [HTTP_LISTENER];
  return [...new Set(tlsHosts(source).map(httpsListenerName))];
}

/**
 * The Gateway's listeners for the VirtualServices under the target: `http` when one has no TLS,
 * and an HTTPS listener per TLS host name, terminating TLS with the VirtualService's Secret, each
 * allowing routes from the namespaces of the HTTPRoutes it takes (`Same` when that is the
 * Gateway's). Sorted by name. Two VirtualServices with one TLS host name and different Secrets are
 * reported by `listenerConflicts`.
 */
export function renderListeners(sources: ListenerSource[], gatewayNamespace: string, props: RenderGatewayProps): GatewayListener[] {
  const byName = new Map<string, { hostname?: string; secret?: { name: string; namespace?: string }; namespaces: Set<string> }>();
  for (const s of sources) {
    const hosts = s.sslConfig === undefined ? [undefined] : tlsHosts(s);
    for (const host of hosts) {
      const name = host === undefined ? HTTP_LISTENER : httpsListenerName(host);
      const entry = byName.get(name) ?? { hostname: host === undefined || host === '*' ? undefined : host, namespaces: new Set<string>() };
      entry.namespaces.add(s.namespace);
      if (s.sslConfig?.secretRef && !entry.secret) {
        const ns = s.sslConfig.secretRef.namespace ?? s.namespace;
        entry.secret = { name: s.sslConfig.secretRef.name, ...(ns !== gatewayNamespace ? { namespace: ns } : {}) };
      }
      byName.set(name, entry);
    }
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, e]) => {
    const namespaces = [...e.namespaces].sort();
    const allowedRoutes = namespaces.length === 1 && namespaces[0] === gatewayNamespace
      ? { namespaces: { from: 'Same' } }
      : { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }] } } };
    if (name === HTTP_LISTENER) return { name, port: props.httpPort ?? 80, protocol: 'HTTP' as const, allowedRoutes };
    return {
      name,
      ...(e.hostname !== undefined ? { hostname: e.hostname } : {}),
      port: props.httpsPort ?? 443,
      protocol: 'HTTPS' as const,
      tls: { mode: 'Terminate' as const, certificateRefs: [{ kind: 'Secret' as const, group: '' as const, ...e.secret! }] },
      allowedRoutes,
    };
  });
}

/** TLS host names that two VirtualServices claim with different Secrets, with the Secrets. */
export function listenerConflicts(sources: ListenerSource[]): Array<{ host: string; secrets: string[] }> {
  const secrets = new Map<string, Set<string>>();
  for (const s of sources) {
    if (!s.sslConfig?.secretRef) continue;
    const secret = `${s.sslConfig.secretRef.namespace ?? s.namespace}/${s.sslConfig.secretRef.name}`;
    for (const host of tlsHosts(s)) secrets.set(host, (secrets.get(host) ?? new Set()).add(secret));
  }
  return [...secrets.entries()].filter(([, s]) => s.size > 1).map(([host, s]) => ({ host, secrets: [...s].sort() }));
}

/** The host names of a TLS VirtualService's listeners: its domains (its `sniDomains`, when given, must be the same; see the target's check). */
function tlsHosts(source: ListenerSource): string[] {
  return [...new Set(source.domains.map(h => h.toLowerCase().replace(/:\d+$/, '')))];
}

/** Listener names that two different TLS host names would share (`*.example.com` and `wildcard.example.com`), with the hosts. */
export function listenerNameClashes(sources: ListenerSource[]): Array<{ name: string; hosts: string[] }> {
  const hosts = new Map<string, Set<string>>();
  for (const s of sources) {
    if (s.sslConfig === undefined) continue;
    for (const host of tlsHosts(s)) {
      const name = httpsListenerName(host);
      hosts.set(name, (hosts.get(name) ?? new Set()).add(host));
    }
  }
  return [...hosts.entries()].filter(([, h]) => h.size > 1).map(([name, h]) => ({ name, hosts: [...h].sort() }));
}

function httpsListenerName(host: string): string {
  if (host === '*') return 'https';
  return `https-${host.replace(/^\*\./, 'wildcard.')}`.slice(0, 253);
}
