import { createHash } from 'crypto';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `name` is not a valid Kubernetes object name (an RFC 1123 subdomain of at most 253
 * characters), or `undefined` when it is.
 */
export function whyNotObjectName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a non-empty name';
  if (name.length > 253) return 'a name of at most 253 characters';
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return 'a lowercase RFC 1123 subdomain name (a-z, 0-9, "-" and ".", starting and ending with a letter or digit)';
  }
  return undefined;
}

/**
 * Why `name` is not a valid namespace (an RFC 1123 label of at most 63 characters), or
 * `undefined` when it is.
 */
export function whyNotNamespace(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a non-empty namespace';
  if (name.length > 63) return 'a namespace of at most 63 characters';
  if (!DNS1123_LABEL.test(name)) {
    return 'a lowercase RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit)';
  }
  return undefined;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Why `port` is not a TCP port number (an integer from 1 to 65535), or `undefined` when it is. */
export function whyNotPort(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : 'an integer port between 1 and 65535';
}

/**
 * The name Gloo's discovery gives the Upstream of one Service port: `<namespace>-<service>-<port>`,
 * sanitized and kept to 63 characters the way Gloo's `SanitizeNameV2` does.
 */
export function discoveredUpstreamName(serviceNamespace: string, serviceName: string, servicePort: number): string {
  return sanitizeGlooName(`${serviceNamespace}-${serviceName}-${servicePort}`);
}

/**
 * Gloo's name sanitizer: `* / . : _` and space become `-`; `[ ] " '` and newlines are dropped;
 * a name longer than 63 bytes keeps its first 31 bytes, then `-` and the MD5 of the whole name,
 * cut to 63; finally everything is lowercased.
 */
export function sanitizeGlooName(raw: string): string {
  let name = raw
    .replace(/[*/.:_ ]/g, '-')
    .replace(/[[\]"'\n]/g, '');
  if (Buffer.byteLength(name, 'utf8') > 63) {
    const bytes = Buffer.from(name, 'utf8');
    const hash = createHash('md5').update(bytes).digest('hex');
    name = Buffer.concat([bytes.subarray(0, 31), Buffer.from(`-${hash}`)]).subarray(0, 63).toString('utf8');
  }
  return name.replace(/\./g, '-').toLowerCase();
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Why `name` is not a valid Service name (an RFC 1035 label of at most 63 characters), or
 * `undefined` when it is.
 */
export function whyNotServiceName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a non-empty Service name';
  if (name.length > 63) return `a Service name of at most 63 characters (an RFC 1035 label), not ${name.length}`;
  if (!DNS1035_LABEL.test(name)) {
    return 'a Service name that is a lowercase RFC 1035 label (a-z, 0-9 and "-", starting with a letter, ending with a letter or digit)';
  }
  return undefined;
}

/**
 * Why `name` is not a valid RFC 1123 label of at most 63 characters (container names, for
 * example), or `undefined` when it is. `what` names the thing in the message, e.g. `container name`.
 */
export function whyNotDnsLabel(name: string, what: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return `a non-empty ${what}`;
  if (name.length > 63) return `a ${what} of at most 63 characters (an RFC 1123 label), not ${name.length}`;
  if (!DNS1123_LABEL.test(name)) {
    return `a ${what} that is a lowercase RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit)`;
  }
  return undefined;
}

/**
 * Why `value` is not a valid Kubernetes label value (at most 63 characters of letters, digits,
 * `-`, `_` and `.`, starting and ending with a letter or digit; empty is allowed), or `undefined`.
 */
export function whyNotLabelValue(value: string): string | undefined {
  if (typeof value !== 'string') return 'a label value (a string)';
  if (value.length > 63) return `a label value of at most 63 characters, not ${value.length}`;
  if (!LABEL_VALUE.test(value)) {
    return 'a label value of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * Why `key` is not a valid Kubernetes label key (an optional DNS subdomain prefix of at most 253
 * characters and `/`, then a name of at most 63 characters like a label value), or `undefined`.
 */
export function whyNotLabelKey(key: string): string | undefined {
  const slash = typeof key === 'string' ? key.indexOf('/') : -1;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && whyNotObjectName(prefix)) {
    return 'a label key whose prefix (before "/") is a lowercase DNS subdomain of at most 253 characters';
  }
  if (typeof name !== 'string' || name.length === 0 || name.length > 63 || !LABEL_VALUE.test(name)) {
    return 'a label key of at most 63 characters (after an optional "prefix/") of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * A readable object name made of names the user chose, e.g. `coalmine-find-pets` from a
 * VirtualService `coalmine` and a release `find-pets`: each part lowercased, every run of characters
 * an object name cannot hold turned into one `-`, the parts joined by `-`. `undefined` when that
 * is not a valid object name (too long, or nothing left).
 */
export function derivedObjectName(...parts: string[]): string | undefined {
  const name = parts
    .map(p => String(p).toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, ''))
    .filter(p => p.length > 0)
    .join('-');
  return whyNotObjectName(name) ? undefined : name;
}
