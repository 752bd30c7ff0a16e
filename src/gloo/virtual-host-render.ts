import { renderCors, renderCsrf } from './cors-render';
import { renderBasicRateLimits, renderExtAuth, renderRateLimitConfigs, renderRateLimits, renderRef } from './enterprise-render';
import { GENERATED_SSL_CONFIG_OPTIONS } from './pass-through-fields.generated';
import { PASS_THROUGH_VIRTUAL_HOST_OPTIONS, renderPassThrough } from './pass-through-options';
import { renderHeaderManipulation, renderRetries } from './route-options-render';
import { SslConfig } from '../model/tls';
import { ConfigRef, VirtualHostBehavior } from '../model/virtual-host-options';
import { compact, copyList } from '../private/json';

/** Gloo's `virtualHost.options` for the typed VirtualHost options; refs without a namespace take `namespace`. */
export function renderVirtualHostOptions(
  b: VirtualHostBehavior | undefined, namespace: string | undefined,
): { [field: string]: unknown } | undefined {
  if (!b) return undefined;
  const out: { [field: string]: unknown } = {};
  if (b.headerManipulation !== undefined) out.headerManipulation = renderHeaderManipulation(b.headerManipulation);
  if (b.retries !== undefined) out.retries = renderRetries(b.retries);
  if (b.cors !== undefined) out.cors = renderCors(b.cors);
  if (b.extauth !== undefined) out.extauth = renderExtAuth(b.extauth, namespace);
  if (b.rateLimitConfigs !== undefined) out.rateLimitConfigs = renderRateLimitConfigs(b.rateLimitConfigs, namespace);
  if (b.ratelimitBasic !== undefined) out.ratelimitBasic = renderBasicRateLimits(b.ratelimitBasic);
  if (b.rateLimits !== undefined) out.ratelimit = renderRateLimits(b.rateLimits, undefined);
  if (b.csrf !== undefined) out.csrf = renderCsrf(b.csrf);
  for (const field of PASS_THROUGH_VIRTUAL_HOST_OPTIONS) if (b[field] !== undefined) out[field] = renderPassThrough(b[field]);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Gloo's `sslConfig`; a Secret without a namespace is the VirtualService's. */
export function renderSslConfig(s: SslConfig | undefined, namespace: string | undefined): { [field: string]: unknown } | undefined {
  if (!s) return undefined;
  const parameters = compact({
    minimumProtocolVersion: s.minimumProtocolVersion,
    maximumProtocolVersion: s.maximumProtocolVersion,
    cipherSuites: copyList(s.cipherSuites),
    ecdhCurves: copyList(s.ecdhCurves),
  });
  const generated = Object.fromEntries(GENERATED_SSL_CONFIG_OPTIONS.filter(f => s[f] !== undefined).map(f => [f, renderPassThrough(s[f])]));
  return compact({
    secretRef: s.secretRef ? { name: s.secretRef.name, namespace: s.secretRef.namespace ?? namespace } : undefined,
    sniDomains: copyList(s.sniDomains),
    parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
    alpnProtocols: copyList(s.alpnProtocols),
    oneWayTls: s.oneWayTls,
    ...generated,
  });
}

/** Gloo's `optionsConfigRefs` (of a VirtualHost or a route); refs without a namespace take `namespace`. */
export function renderOptionsConfigRefs(
  refs: ConfigRef[] | undefined, namespace: string | undefined,
): { delegateOptions: Array<{ name: string; namespace?: string }> } | undefined {
  return refs ? { delegateOptions: refs.map(r => renderRef(r, namespace)) } : undefined;
}
