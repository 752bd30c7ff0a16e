import { createHash } from 'crypto';
import {
  discoveredUpstreamName, sanitizeGlooName, whyNotDnsLabel, whyNotLabelKey, whyNotLabelValue,
  whyNotNamespace, whyNotObjectName, whyNotPort, whyNotServiceName,
} from '../../src/private/names';

describe('discoveredUpstreamName', () => {
  test('follows <namespace>-<service>-<port>, as in the blog', () => {
    expect(discoveredUpstreamName('default', 'petstore-v1', 8080)).toBe('default-petstore-v1-8080');
  });

  test('replaces * / . : _ and spaces with "-", drops quotes and brackets, lowercases', () => {
    expect(sanitizeGlooName('My_NS.svc:a/b*c d')).toBe('my-ns-svc-a-b-c-d');
    expect(sanitizeGlooName('a[b]"c\'d\ne')).toBe('abcde');
  });

  test('keeps names of up to 63 characters as they are', () => {
    const name = 'a'.repeat(63);
    expect(sanitizeGlooName(name)).toBe(name);
  });

  test('shortens longer names to 31 characters, "-" and the md5 of the whole name, cut to 63', () => {
    const raw = `default-${'very-long-service-name-'.repeat(3)}8080`;
    const expected = `${raw.slice(0, 31)}-${createHash('md5').update(raw).digest('hex')}`.slice(0, 63);
    const name = sanitizeGlooName(raw);
    expect(name).toBe(expected);
    expect(name).toHaveLength(63);
  });

  test('hashes before lowercasing, as Gloo does', () => {
    const raw = `Default-${'X'.repeat(70)}`;
    const expected = `${raw.slice(0, 31)}-${createHash('md5').update(raw).digest('hex')}`.slice(0, 63).toLowerCase();
    expect(sanitizeGlooName(raw)).toBe(expected);
  });
});

describe('kubernetes names', () => {
  test('accepts RFC 1123 names', () => {
    expect(whyNotObjectName('coalmine')).toBeUndefined();
    expect(whyNotObjectName('a.b-c')).toBeUndefined();
    expect(whyNotNamespace('gloo-system')).toBeUndefined();
  });

  test.each(['', 'Upper', '-lead', 'trail-', 'under_score', 'x'.repeat(254)])('fails for object name %p', (name) => {
    expect(whyNotObjectName(name)).toBeDefined();
  });

  test.each(['', 'a.b', 'x'.repeat(64), 'UP'])('fails for namespace %p', (ns) => {
    expect(whyNotNamespace(ns)).toBeDefined();
  });
});

describe('workload names', () => {
  test('Service names are RFC 1035 labels of at most 63 characters', () => {
    expect(whyNotServiceName('checkout-v1')).toBeUndefined();
    expect(whyNotServiceName(`a${'b'.repeat(62)}`)).toBeUndefined();
    expect(whyNotServiceName(`a${'b'.repeat(63)}`)).toBe('a Service name of at most 63 characters (an RFC 1035 label), not 64');
    expect(whyNotServiceName('1checkout')).toMatch(/starting with a letter/);
    expect(whyNotServiceName('checkout-v1.2')).toMatch(/RFC 1035 label/);
    expect(whyNotServiceName('')).toBe('a non-empty Service name');
  });

  test('RFC 1123 labels may start with a digit, not hold a dot', () => {
    expect(whyNotDnsLabel('1checkout', 'container name')).toBeUndefined();
    expect(whyNotDnsLabel('a.b', 'container name')).toMatch(/^a container name that is a lowercase RFC 1123 label/);
    expect(whyNotDnsLabel('a'.repeat(64), 'container name')).toBe('a container name of at most 63 characters (an RFC 1123 label), not 64');
  });

  test('label values: empty, mixed case, "_" and "." inside are fine', () => {
    for (const ok of ['', 'v1', 'V1.2_rc-1', 'a'.repeat(63)]) expect(whyNotLabelValue(ok)).toBeUndefined();
    expect(whyNotLabelValue('a'.repeat(64))).toBe('a label value of at most 63 characters, not 64');
    for (const bad of ['-v1', 'v1.', 'v 1', 'v1/2']) expect(whyNotLabelValue(bad)).toMatch(/^a label value of letters/);
  });

  test('label keys: an optional DNS prefix, then a name like a label value', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'Track_1']) expect(whyNotLabelKey(ok)).toBeUndefined();
    expect(whyNotLabelKey('Example.com/app')).toMatch(/prefix/);
    for (const bad of ['', 'a/', '-app', 'a'.repeat(64)]) expect(whyNotLabelKey(bad)).toMatch(/^a label key of at most 63/);
  });
});

describe('kubernetes Service names (RFC 1035 labels) and ports', () => {
  test.each(['reviews', 'reviews-v1', 'a', `a${'0'.repeat(62)}`])('accepts the Service name %p', (name) => {
    expect(whyNotServiceName(name)).toBeUndefined();
  });

  test.each([
    ['', 'a non-empty Service name'],
    ['Reviews_V1', 'a lowercase RFC 1035 label'],
    ['1reviews', 'starting with a letter'],
    ['reviews.v1', 'a lowercase RFC 1035 label'],
    ['reviews-', 'ending with a letter or digit'],
    [`a${'0'.repeat(63)}`, 'a Service name of at most 63 characters'],
  ])('fails for the Service name %p', (name, why) => {
    expect(whyNotServiceName(name)).toContain(why);
  });

  test.each([1, 80, 65535])('accepts the port %p', (port) => {
    expect(whyNotPort(port)).toBeUndefined();
  });

  test.each([0, -1, 65536, 80.5, NaN])('fails for the port %p', (port) => {
    expect(whyNotPort(port)).toBe('an integer port between 1 and 65535');
  });
});
