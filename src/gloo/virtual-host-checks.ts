import { checkCors, checkCsrf } from './cors-checks';
import { checkBasicRateLimits, checkExtAuth, checkRateLimits, checkRef, checkRefList } from './enterprise-checks';
import { checkPassThroughOptions, checkSslConfigOptions } from './pass-through-options';
import { checkHeaderManipulation, checkRetries } from './route-option-checks';
import { whyInvalidDomain } from '../model/domain-rules';
import { SslConfig, TlsProtocolVersion } from '../model/tls';
import { VirtualHostBehavior } from '../model/virtual-host-options';
import { AddProblem } from '../private/errors';
import { JsonObject } from '../private/json';
import { checkKnownKeys } from '../private/unknown-keys';

/** Checks a VirtualService's typed VirtualHost options, reported under `virtualHost.options`. */
export function checkVirtualHostOptions(b: VirtualHostBehavior, add: AddProblem): void {
  const at = 'virtualHost.options';
  if (typeof b !== 'object' || b === null) {
    add(at, b, 'VirtualHost options such as { headerManipulation: { ... } }');
    return;
  }
  checkKnownKeys(add, b, 'VirtualHostBehavior', `${at}.`);
  if (b.headerManipulation !== undefined) checkHeaderManipulation(b.headerManipulation, `${at}.headerManipulation`, add);
  if (b.retries !== undefined) checkRetries(b.retries, `${at}.retries`, add);
  if (b.cors !== undefined) {
    checkCors(b.cors, `${at}.cors`, add);
    if (b.cors?.disableForRoute !== undefined) add(`${at}.cors.disableForRoute`, b.cors.disableForRoute, 'disableForRoute on a route\'s cors only');
  }
  if (b.extauth !== undefined) checkExtAuth(b.extauth, `${at}.extauth`, add, false);
  if (b.rateLimitConfigs !== undefined) checkRefList(b.rateLimitConfigs, `${at}.rateLimitConfigs.refs`, add, false);
  if (b.ratelimitBasic !== undefined) checkBasicRateLimits(b.ratelimitBasic, `${at}.ratelimitBasic`, add);
  if (b.rateLimits !== undefined) checkRateLimits(b.rateLimits, `${at}.ratelimit.rateLimits`, add);
  if (b.csrf !== undefined) checkCsrf(b.csrf, `${at}.csrf`, add);
  checkPassThroughOptions(b as JsonObject, 'virtualHost', `${at}.`, add);
}

/** Checks a VirtualService's TLS, reported under `sslConfig`. */
export function checkSslConfig(s: SslConfig, add: AddProblem): void {
  const at = 'sslConfig';
  if (typeof s !== 'object' || s === null) {
    add(at, s, 'TLS settings such as { secretRef: { name: \'shop-tls\' } }');
    return;
  }
  checkKnownKeys(add, s, 'SslConfig', `${at}.`);
  const sources = (['secretRef', 'sslFiles', 'sds'] as const).filter(f => s[f] !== undefined);
  if (sources.length === 0) {
    add(`${at}.secretRef`, s.secretRef, 'the Kubernetes TLS Secret, { name, namespace } (or sslFiles, or sds)', 'gloo rejects a VirtualService whose sslConfig names no certificate');
  } else if (sources.length > 1) {
    add(`${at}.${sources[1]}`, s[sources[1]], 'only one of secretRef, sslFiles, sds', `gloo reads one certificate source (${sources[0]} is given too)`);
  }
  if (s.secretRef !== undefined) {
    if (typeof s.secretRef !== 'object' || s.secretRef === null) add(`${at}.secretRef`, s.secretRef, 'the Kubernetes TLS Secret, { name, namespace }');
    else checkRef(s.secretRef, `${at}.secretRef`, add, false);
  }
  checkSslConfigOptions(s as unknown as JsonObject, add);
  for (const list of ['cipherSuites', 'ecdhCurves'] as const) {
    const v = s[list];
    if (v !== undefined && (!Array.isArray(v) || !v.every(x => typeof x === 'string' && x !== ''))) add(`${at}.parameters.${list}`, v, 'a list of names, none of them empty');
  }
  (Array.isArray(s.sniDomains) ? s.sniDomains : s.sniDomains === undefined ? [] : [s.sniDomains]).forEach((d, i) => {
    const why = typeof d === 'string' ? whyInvalidDomain(d) : 'a domain';
    if (why) add(`${at}.sniDomains[${i}]`, d, why);
  });
  const versions = Object.values(TlsProtocolVersion) as string[];
  for (const field of ['minimumProtocolVersion', 'maximumProtocolVersion'] as const) {
    const v = s[field];
    if (v !== undefined && !versions.includes(v)) add(`${at}.parameters.${field}`, v, `a TlsProtocolVersion: ${versions.join(', ')}`);
  }
  const min = versions.indexOf(s.minimumProtocolVersion ?? ''), max = versions.indexOf(s.maximumProtocolVersion ?? '');
  if (min > 0 && max > 0 && min > max) {
    add(`${at}.parameters.minimumProtocolVersion`, s.minimumProtocolVersion, `a version no newer than maximumProtocolVersion (${s.maximumProtocolVersion})`, 'envoy rejects the listener');
  }
  (Array.isArray(s.alpnProtocols) ? s.alpnProtocols : s.alpnProtocols === undefined ? [] : [s.alpnProtocols]).forEach((p, i) => {
    if (typeof p !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(p)) add(`${at}.alpnProtocols[${i}]`, p, 'an ALPN protocol name such as "h2" or "http/1.1"');
  });
  if (s.oneWayTls !== undefined && typeof s.oneWayTls !== 'boolean') add(`${at}.oneWayTls`, s.oneWayTls, 'true or false');
}
