import * as fc from 'fast-check';
import { re2FullMatch } from '../../src/private/re2';
import { regexSamples } from '../../src/simulate/regex-samples';

describe('regexSamples', () => {
  test.each([
    ['/api/v1/[a-z0-9]+', ['/api/v1/x', '/api/v1/xx']],
    ['/findPets[^/].*', ['/findPetsx', '/findPetsxx']],
    ['/(users|teams)/\\d+', ['/users/0', '/teams/0', '/users/00', '/teams/00']],
    ['(?i)/API/.*', ['/API/', '/API/x']],
    ['/v[12]/items/?', ['/v1/items', '/v1/items/']],
    ['/a{2,3}', ['/aa', '/aaa']],
    ['/x(?:/y)?', ['/x', '/x/y']],
  ])('%s gives strings it matches', (pattern, expected) => {
    expect(regexSamples(pattern)).toEqual(expected);
  });

  test('gives nothing for what it cannot read, rather than a wrong sample', () => {
    expect(regexSamples('/a\\b')).toEqual([]);
    expect(regexSamples('/a(')).toEqual([]);
  });

  test('every sample of any regex built from path pieces is matched by it in full', () => {
    const piece = fc.constantFrom('/api', '/v[0-9]', '[a-z]+', '[^/]*', '.*', '(a|bc)', '\\d{2}', 'x?', '/', '(?:/y)+', '[-_.]');
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), parts => {
      const pattern = parts.join('');
      const samples = regexSamples(pattern);
      expect(samples.length).toBeGreaterThan(0);
      for (const s of samples) expect(re2FullMatch(pattern, s)).toBe(true);
    }), { numRuns: 300, seed: 7 });
  });
});
