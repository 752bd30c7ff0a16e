import { RoutingSimulator, SimulatedRequest } from './simulator';
import { IVirtualService } from '../model/references';

/**
 * Jest matchers for routing intent. Register them once, e.g. in a setup file:
 *
 *   import { glooJestMatchers } from 'cdk8s-gloo-canary';
 *   expect.extend(glooJestMatchers);
 *
 * then assert what a request gets:
 *
 *   expect(vs).toRouteRequest({ path: '/findPetWithId/1' }, { 'default-petstore-v2-8080': 10, 'default-petstore-v1-8080': 90 });
 *   expect(vs).toRouteRequest({ path: '/nothing' }, {});   // no route matches
 */
export const glooJestMatchers = {
  toRouteRequest(this: unknown, virtualService: unknown, request: SimulatedRequest, expected: { [upstream: string]: number }) {
    // `expect(vs)` passes whatever it was given; a VirtualService construct is expected
    const actual = RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(virtualService as IVirtualService, request));
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
    const pass = keys.every(k => Math.abs((actual[k] ?? 0) - (expected[k] ?? 0)) < 1e-9);
    return {
      pass,
      message: () => `expected ${request.method ?? 'GET'} ${request.path} ${JSON.stringify(request.headers ?? {})} ${pass ? 'not ' : ''}to be routed as ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    };
  },
};
