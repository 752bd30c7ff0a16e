/** A valid route using most of what the Gateway API target renders: weights, a header canary, a mirror, a rewrite. */
export function validRoute(): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'petstore', namespace: 'apps' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'gloo-system' }],
      hostnames: ['petstore.example.com', '*.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/findPetWithId' }, method: 'GET' }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/pets' } } }],
          backendRefs: [{ name: 'petstore-v1', port: 8080 }],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-canary', value: 'true' }] }],
          backendRefs: [{ name: 'petstore-v2', port: 8080 }],
        },
        {
          matches: [{ path: { type: 'Exact', value: '/findPets' }, queryParams: [{ name: 'limit', type: 'RegularExpression', value: '[0-9]+' }] }],
          filters: [
            { type: 'RequestMirror', requestMirror: { backendRef: { name: 'petstore-v2', port: 8080 }, percent: 10 } },
            { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'find-pets' }], remove: ['x-debug'] } },
          ],
          backendRefs: [{ name: 'petstore-v1', port: 8080, weight: 90 }, { name: 'petstore-v2', port: 8080, weight: 10 }],
        },
      ],
    },
  };
}
