import { Testing } from 'cdk8s';
import { InputProblems, Upstream } from '../../src';

describe('InputProblems', () => {
  test('gives the problems of an error the library threw for bad input, as structs', () => {
    let error: unknown;
    try {
      new Upstream(Testing.chart(), 'u', { serviceName: 'Bad_Name', servicePort: 0 });
    } catch (e) {
      error = e;
    }
    expect(InputProblems.of(error)).toEqual([
      expect.objectContaining({ path: 'test/u', field: 'servicePort', given: 0, expected: 'an integer port between 1 and 65535' }),
      expect.objectContaining({ path: 'test/u', field: 'serviceName', given: 'Bad_Name' }),
    ]);
  });

  test('gives nothing for any other error', () => {
    expect(InputProblems.of(new Error('boom'))).toEqual([]);
    expect(InputProblems.of(undefined)).toEqual([]);
  });
});
