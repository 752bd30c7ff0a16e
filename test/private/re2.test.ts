import { RE2JS } from 're2js';
import { literalPrefix, re2FullMatch } from '../../src/private/re2';

describe('literalPrefix', () => {
  test.each([
    ['/foo[^/].*', '/foo'],
    ['/svc\\-1/pets[^/].*', '/svc-1/pets'],
    ['/api/v1\\.0/.*', '/api/v1.0/'],
    ['/foo$', '/foo'],
    ['/foo', '/foo'],
    ['/ab*', '/a'], // a quantified character is not part of it
    ['/ab+', '/a'],
    ['/ab?c', '/a'],
    ['/ab{2}', '/a'],
    ['/a\\.*', '/a'],
    ['/a(?i)*', '/'], // a flag group has no width: the quantifier repeats the a
    ['/a(?:b)*', '/'],
    ['/a\\Q\\E*', '/'],
    ['/a\\Eb', '/'],
    ['/a|/b', ''], // alternation anywhere: unsure
    ['(/a)/b', ''],
    ['(?i)/foo', ''],
    ['^/foo', ''],
    ['[/]foo', ''],
    ['.*', ''],
    ['/a\\d', '/a'],
    ['/a\\Q.\\E', '/'],
    ['/a\\x41', '/a'],
    ['/é/x', '/'],
    ['', ''],
  ])('%s starts every match with %j', (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });
});

describe('re2FullMatch', () => {
  test('matches the whole input, case-sensitively unless asked', () => {
    expect(re2FullMatch('/foo[^/].*', '/foox/y')).toBe(true);
    expect(re2FullMatch('/foo[^/].*', '/foo/y')).toBe(false);
    expect(re2FullMatch('/foo[^/].*', '/bar/foox')).toBe(false);
    expect(re2FullMatch('/foo', '/FOO')).toBe(false);
    expect(re2FullMatch('/foo', '/FOO', true)).toBe(true);
  });

  test('gives what RE2 gives, for generated patterns and inputs', () => {
    // a small deterministic generator: patterns of literal, escaped, quantified and grouped pieces
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['/', 'a', 'b', '-', '.', '\\.', '\\-', '*', '+', '?', '{1,2}', '{', '[^/]', '(a|b)', '|', '$', '^', '(?i)', '(?-i)', '(?:', '(', ')', '\\d', '\\Q', '\\E', '\\b', 'x'];
    const chars = ['/', 'a', 'b', 'A', '-', '.', 'x', '1'];
    let compared = 0;
    for (let p = 0; p < 3000; p++) {
      let pattern = '';
      for (let k = 1 + next(6); k > 0; k--) pattern += pieces[next(pieces.length)];
      let re: RE2JS;
      try {
        re = RE2JS.compile(pattern);
      } catch {
        continue;
      }
      for (let t = 0; t < 40; t++) {
        let input = '';
        for (let k = next(6); k > 0; k--) input += chars[next(chars.length)];
        expect([pattern, input, re2FullMatch(pattern, input)]).toEqual([pattern, input, re.matches(input)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20000);
  });
});
