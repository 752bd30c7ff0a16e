import { checkDomains, whyInvalidDomain } from '../../src/model/domain-rules';
import { whyInvalidHeaderName } from '../../src/model/header-rules';

describe('domains (Envoy VirtualHost.domains)', () => {
  test.each(['*', 'api.example.com', '*.example.com', '*-api.example.com', 'api.example.*', 'api-*', 'example.com:8080',
    'example.com:*', 'API.example.com', '10.0.0.1:80', '[2001:db8::1]:443', 'localhost'])('accepts %p', (d) => {
    expect(whyInvalidDomain(d)).toBeUndefined();
  });

  test.each([
    ['', 'a non-empty domain'],
    ['https://x.example.com', 'without a scheme'],
    ['http://x.example.com/', 'without a scheme'],
    ['x.example.com/api', 'without a path, query or fragment'],
    ['x.example.com?a=1', 'without a path, query or fragment'],
    ['x.example.com#top', 'without a path, query or fragment'],
    ['user@x.example.com', 'a host name with an optional port'],
    ['x.example.com:80:80', 'a host name with an optional port'],
    ['x\texample.com', 'a host name with an optional port'],
    ['a.*.example.com', 'one "*" at most'],
    ['**', 'one "*" at most'],
    ['*.example.*', 'one "*" at most'],
  ])('fails for %p', (d, why) => {
    expect(whyInvalidDomain(d)).toContain(why);
  });

  test('duplicates count once they are lowercased, as Envoy compares them', () => {
    const found: Array<[string, unknown, string]> = [];
    checkDomains(['a.example.com', 'b.example.com', 'A.Example.com', 'b.example.com'], (field, given, expected) => found.push([field, given, expected]));
    expect(found).toEqual([
      ['domains[2]', 'A.Example.com', 'each domain once, ignoring case (domains[0] is "a.example.com")'],
      ['domains[3]', 'b.example.com', 'each domain once'],
    ]);
  });
});

describe('header names (HTTP tokens)', () => {
  test.each(['x-canary', 'X-Canary', "!#$%&'*+-.^_`|~09az", ':authority', ':path'])('accepts %p', (name) => {
    expect(whyInvalidHeaderName(name)).toBeUndefined();
  });

  test.each(['x canary', 'x-canary:', 'x"y', 'x(y)', 'é', '::path', ':', 'x\ny'])('fails for %p', (name) => {
    expect(whyInvalidHeaderName(name)).toContain('an HTTP token');
  });

  test('fails for an empty name', () => {
    expect(whyInvalidHeaderName('')).toBe('a non-empty header name, such as "x-canary"');
  });
});
