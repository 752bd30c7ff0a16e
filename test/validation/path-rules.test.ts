import { whyInvalidPrefixRewrite, whyInvalidRoutePath } from '../../src/model/path-rules';
import { whyInvalidRe2 } from '../../src/private/re2';

describe('route paths and prefix rewrites (Gloo ValidateRoutePath / ValidatePrefixRewrite)', () => {
  test.each(['/', '/api/pets', '/findPetWithId', "/a-b_c.d~e!f$g&h'(i)*j+k,l;m=n:o@p", '/%41', ''])('accepts %p', (p) => {
    expect(whyInvalidRoutePath(p)).toBeUndefined();
    expect(whyInvalidPrefixRewrite(p)).toBeUndefined();
  });

  test.each([
    ['/a b', 'RFC 3986 characters only'],
    ['/a//b', 'without "//"'],
    ['/a/./b', 'without "/./"'],
    ['/a/../b', 'without "/../"'],
    ['/a/..', 'does not end with "/.."'],
    ['/a/.', 'does not end with "/."'],
    ['/a%2Fb', 'without "%2F"'],
    ['/a"b', 'RFC 3986 characters only'],
  ])('refuses the path %p', (p, why) => {
    expect(whyInvalidRoutePath(p)).toContain(why);
  });

  test('a prefix rewrite is checked on its path part', () => {
    expect(whyInvalidPrefixRewrite('/api/pets?x=1 2')).toBeUndefined();
    expect(whyInvalidPrefixRewrite('/a#b')).toBe('a prefix rewrite without "#"');
    expect(whyInvalidPrefixRewrite('/a%zz')).toBe('a prefix rewrite whose %-escapes are valid');
  });
});

describe('RE2 syntax', () => {
  test.each(['/two/[a-z]+', 'b.*', '(?i)abc', '^/a$', '\\d{3}'])('accepts %p', (re) => {
    expect(whyInvalidRe2(re)).toBeUndefined();
  });

  test.each([
    ['a(?=b)', 'invalid or unsupported Perl syntax'],
    ['(?<!a)b', 'invalid named capture'],
    ['(a)\\1', 'invalid escape sequence'],
    ['(', 'missing closing )'],
    ['a**', 'invalid nested repetition operator'],
  ])('refuses %p, which JavaScript RegExp may accept', (re, why) => {
    expect(whyInvalidRe2(re)).toContain(why);
  });
});
