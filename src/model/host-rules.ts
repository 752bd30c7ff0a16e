import { isIPv6 } from 'net';

/**
 * Host names as Envoy sets and dials them: RFC 1123 labels (which IPv4 addresses also are), an
 * IPv6 address, and where a port may follow, `[IPv6]:port` or `host:port`.
 */
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PORT = /:\d{1,5}$/;

/** Whether `s` is a host name or an IPv4 address, without scheme, port or path. */
export function isHostName(s: unknown): boolean {
  return typeof s === 'string' && HOST_NAME.test(s);
}

/** Whether `s` is a host name, an IPv4 or an IPv6 address, without scheme, port or path. */
export function isHostAddress(s: unknown): boolean {
  return isHostName(s) || (typeof s === 'string' && isIPv6(s));
}

/** Whether `s` is a host name or an IPv4 address, or a bracketed IPv6 address, with an optional port (a `Host` header). */
export function isHostHeader(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const host = s.replace(PORT, '');
  return isHostName(host) || (host.startsWith('[') && host.endsWith(']') && isIPv6(host.slice(1, -1)));
}
