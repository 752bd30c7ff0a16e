import { list, obj, SECTION_NAME } from './http-route-model';
import type { KgatewayRuleProblem } from './kgateway-rules';

const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The rules of the Gateway API v1.6.1 `Gateway` CRD (limits, patterns, CEL on `spec.listeners`)
 * that the schema check does not cover, for the listeners the target writes: 1 to 64 listeners;
 * names that are section names, unique; host names matching the CRD's pattern; one listener per
 * port, protocol and host name; TLS only for HTTPS (or TLS), with mode `Terminate` and at least one
 * certificate for HTTPS. Objects of other kinds give no problems.
 */
export function gatewayRuleProblems(manifest: unknown): KgatewayRuleProblem[] {
  const m = obj(manifest);
  if (m.kind !== 'Gateway' || typeof m.apiVersion !== 'string' || !m.apiVersion.startsWith('gateway.networking.k8s.io/')) return [];
  const problems: KgatewayRuleProblem[] = [];
  const add = (field: string, given: unknown, expected: string) => problems.push({ field, given, expected });
  const listeners = list(obj(m.spec).listeners).map(obj);
  if (listeners.length < 1 || listeners.length > 64) add('spec.listeners', listeners.length, 'from 1 to 64 listeners');
  const names = new Set<string>();
  const keys = new Set<string>();
  listeners.forEach((l, i) => {
    const at = `spec.listeners[${i}]`;
    if (typeof l.name !== 'string' || !SECTION_NAME.test(l.name) || l.name.length > 253) add(`${at}.name`, l.name, `a section name matching ${SECTION_NAME.source}`);
    else if (names.has(l.name)) add(`${at}.name`, l.name, 'a name no other listener of the Gateway has');
    names.add(String(l.name));
    if (l.hostname !== undefined && (typeof l.hostname !== 'string' || !HOSTNAME.test(l.hostname) || l.hostname.length > 253)) {
      add(`${at}.hostname`, l.hostname, `a host name matching ${HOSTNAME.source}`);
    }
    const key = `${String(l.port)} ${String(l.protocol)} ${String(l.hostname ?? '')}`;
    if (keys.has(key)) add(at, { port: l.port, protocol: l.protocol, hostname: l.hostname }, 'a combination of port, protocol and hostname no other listener has');
    keys.add(key);
    const tls = l.tls === undefined ? undefined : obj(l.tls);
    if (['HTTP', 'TCP', 'UDP'].includes(String(l.protocol)) && tls) add(`${at}.tls`, tls, `no tls for protocol ${String(l.protocol)}`);
    if (l.protocol === 'HTTPS') {
      if (!tls) add(`${at}.tls`, undefined, 'tls for protocol HTTPS');
      else if (tls.mode !== undefined && tls.mode !== '' && tls.mode !== 'Terminate') add(`${at}.tls.mode`, tls.mode, 'Terminate for protocol HTTPS');
      if (tls && (tls.mode ?? 'Terminate') === 'Terminate' && list(tls.certificateRefs).length === 0 && tls.options === undefined) {
        add(`${at}.tls.certificateRefs`, tls.certificateRefs, 'at least one certificate when the mode is Terminate');
      }
    }
  });
  return problems;
}
