import { Duration, JsonPatch, Testing } from 'cdk8s';
import { Destination, ExtAuth, PathMatch, RouteAction, RouteTable, Upstream, VirtualService } from '../../src';
import { adoptManifests } from '../../src/adopt/adopt';
import { readManifestText } from '../../src/adopt/reader';
import { newChart, onlyManifest } from '../util';

const JWT = {
  providers: {
    solo: {
      issuer: 'solo.io',
      tokenSource: { headers: [{ header: 'x-token', prefix: 'Bearer ' }], queryParams: ['token'] },
      claimsToHeaders: [{ claim: 'sub', header: 'x-sub' }],
      jwks: { remote: { url: 'http://jwks/keys.json', upstreamRef: { name: 'jwks', namespace: 'gloo-system' }, cacheDuration: '300s' } },
    },
  },
};

const STAGED = {
  regular: {
    requestTransforms: [{
      matcher: { prefix: '/api' },
      requestTransformation: { transformationTemplate: { headers: { 'x-stage': { text: 'regular' } }, extractors: { id: { header: 'x-id', regex: '(\\d+)', subgroup: 1 } } } },
    }],
  },
};

function vsWith(routeOptions: object | undefined, vhOptions?: object) {
  const chart = newChart();
  const vs = new VirtualService(chart, 'vs', { metadata: { namespace: 'gloo-system' }, options: vhOptions as any });
  vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.directResponse({ status: 200 }), options: routeOptions as any });
  return chart;
}

describe('options typed as Gloo\'s CRD has them (JWT, RBAC, WAF, DLP, transformations, ext_proc, buffering)', () => {
  test('render into the route\'s and the VirtualHost\'s options as given, without the fields set to undefined', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', {
      metadata: { namespace: 'gloo-system' },
      options: {
        jwt: JWT,
        rbac: { policies: { viewer: { permissions: { methods: ['GET'], pathPrefix: '/get' }, principals: [{ jwtPrincipal: { claims: { email: 'a@example.com' } } }] } } },
        dlp: { actions: [{ actionType: 'SSN' }, { customAction: { name: 'names', maskChar: 'X', percent: { value: 60 }, regexActions: [{ regex: '"name":"([^"]*)"', subgroup: 1 }] } }] },
        stagedTransformations: STAGED,
        waf: { disabled: false, ruleSets: [{ ruleStr: 'SecRuleEngine On' }] },
      },
    });
    vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/') }],
      action: RouteAction.directResponse({ status: 200 }),
      options: {
        jwt: { disable: true },
        bufferPerRoute: { buffer: { maxRequestBytes: 1024 } },
        transformations: { clearRouteCache: undefined, requestTransformation: { transformationTemplate: { passthrough: {} } } },
      },
    });
    const spec = onlyManifest(chart, 'VirtualService').spec;
    expect(spec.virtualHost.options.jwt).toEqual(JWT);
    expect(spec.virtualHost.options.stagedTransformations).toEqual(STAGED);
    expect(spec.virtualHost.options.dlp.actions[1].customAction.percent).toEqual({ value: 60 });
    expect(spec.virtualHost.routes[0].options).toEqual({
      jwt: { disable: true },
      bufferPerRoute: { buffer: { maxRequestBytes: 1024 } },
      transformations: { requestTransformation: { transformationTemplate: { passthrough: {} } } },
    });
  });

  test.each([
    ['a path regex RE2 refuses', { stagedTransformations: { regular: { requestTransforms: [{ matcher: { regex: '/(?<=a)b' } }] } } },
      'options.stagedTransformations.regular.requestTransforms[0].matcher.regex: got "/(?<=a)b", expected a regular expression RE2 accepts'],
    ['an extractor regex that does not compile', { stagedTransformations: { regular: { requestTransforms: [{ requestTransformation: { transformationTemplate: { extractors: { id: { header: 'x-id', regex: '(a' } } } } }] } } },
      'options.stagedTransformations.regular.requestTransforms[0].requestTransformation.transformationTemplate.extractors.id.regex: got "(a", expected a regular expression (ECMAScript'],
    ['a header matcher\'s regex value RE2 refuses', { stagedTransformations: { early: { requestTransforms: [{ matcher: { headers: [{ name: 'x-a', value: 'a(', regex: true }] } }] } } },
      'options.stagedTransformations.early.requestTransforms[0].matcher.headers[0].value: got "a(", expected a regular expression RE2 accepts'],
    ['a token header that is not a header name', { jwtProvidersStaged: { beforeExtAuth: { providers: { p: { tokenSource: { headers: [{ header: 'x token' }] }, jwks: { local: { key: 'k' } } } } } } },
      'options.jwtProvidersStaged.beforeExtAuth.providers.p.tokenSource.headers[0].header: got "x token", expected a header name that is an HTTP token'],
    ['a template header that is not a header name', { transformations: { requestTransformation: { transformationTemplate: { headers: { 'x a': { text: '1' } } } } } },
      'options.transformations.requestTransformation.transformationTemplate.headers.x a: got "x a", expected a header name that is an HTTP token'],
    ['a duration without its unit', { jwtProvidersStaged: { beforeExtAuth: { providers: { p: { jwks: { remote: { url: 'http://k', cacheDuration: '5m' } } } } } } },
      'options.jwtProvidersStaged.beforeExtAuth.providers.p.jwks.remote.cacheDuration: got "5m", expected a duration as protobuf writes it'],
    ['a cdk8s Duration where Gloo has a string', { jwtProvidersStaged: { beforeExtAuth: { providers: { p: { jwks: { remote: { url: 'http://k', cacheDuration: Duration.minutes(5) } } } } } } },
      'options.jwtProvidersStaged.beforeExtAuth.providers.p.jwks.remote.cacheDuration: got "a Duration", expected a string, as Gloo\'s CRD has it (hint: these options are typed from the CRD: a duration is a string such as "30s", not a cdk8s Duration)'],
    ['a DLP percentage over 100', { dlp: { actions: [{ actionType: 'KEYVALUE', keyValueAction: { keyToMask: 'ssn', percent: { value: 120 } } }] } },
      'options.dlp.actions[0].keyValueAction.percent.value: got 120, expected a percentage from 0 to 100'],
    ['both keys of a JWT key set', { jwtProvidersStaged: { beforeExtAuth: { providers: { p: { jwks: { local: { key: 'k' }, remote: { url: 'http://k' } } } } } } },
      'options.jwtProvidersStaged.beforeExtAuth.providers.p.jwks.remote: got {"url":"http://k"}, expected only one of local, remote'],
    ['a JWT key set with neither', { jwtProvidersStaged: { beforeExtAuth: { providers: { p: { jwks: {} } } } } },
      'options.jwtProvidersStaged.beforeExtAuth.providers.p.jwks: got {}, expected one of local, remote'],
    ['a template with a body and passthrough', { transformations: { responseTransformation: { transformationTemplate: { body: { text: 'x' }, passthrough: {} } } } },
      'options.transformations.responseTransformation.transformationTemplate.passthrough: got {}, expected only one of body, passthrough, mergeExtractorsToBody, mergeJsonKeys'],
    ['a DLP key-value masking without its action type', { dlp: { actions: [{ keyValueAction: { keyToMask: 'ssn' } }] } },
      'options.dlp.actions[0].actionType: got nothing, expected KEYVALUE with keyValueAction (hint: gloo uses keyValueAction only for a KEYVALUE action'],
    ['a DLP custom masking with a predefined action type', { dlp: { actions: [{ actionType: 'SSN', customAction: { name: 'x' } }] } },
      'options.dlp.actions[0].actionType: got "SSN", expected CUSTOM (or none) with customAction'],
    ['an option that is not an object', { rbac: 'on' }, 'options.rbac: got "on", expected an object, as Gloo\'s CRD has it'],
    ['a field the CRD does not have', { rbac: { polices: {} } }, 'options.rbac.polices: got {}, expected one of the fields disable, policies, as Gloo\'s CRD has it'],
    ['a fractional number where the CRD has an integer', { bufferPerRoute: { buffer: { maxRequestBytes: 1.5 } } },
      'options.bufferPerRoute.buffer.maxRequestBytes: got 1.5, expected a whole number from 0 to 4294967295, as Gloo\'s CRD has it'],
    ['an idle timeout on a route that does not forward', { idleTimeout: '30s' },
      'options.idleTimeout: got "30s", expected no idleTimeout on a direct response (hint: gloo applies idleTimeout only to routes that forward, and drops it silently here)'],
    ['appendXForwardedHost without a host rewrite', { appendXForwardedHost: true },
      'options.appendXForwardedHost: got true, expected appendXForwardedHost with a hostRewrite or hostRewritePathRegex (hint: gloo sets it only when the route rewrites the host'],
  ])('a route option with %s fails where it is given', (_what, options, message) => {
    expect(() => vsWith(options)).toThrow(message);
  });

  test('the same checks run on the VirtualHost\'s options', () => {
    expect(() => vsWith(undefined, { jwt: { providers: { p: { jwks: { local: { key: 'k' }, remote: { url: 'http://k' } } } } } }))
      .toThrow('[test/vs] virtualHost.options.jwt.providers.p.jwks.remote: got {"url":"http://k"}, expected only one of local, remote');
  });

  test('a field set with a JSON patch that the CRD does not have still fails synth, named, as the API server would prune it', () => {
    const chart = vsWith({ rbac: { disable: true } });
    const vs = chart.node.findChild('vs') as VirtualService;
    vs.addJsonPatch(JsonPatch.add('/spec/virtualHost/routes/0/options/rbac/polices', {}));
    expect(() => Testing.synth(chart)).toThrow(
      '[test/vs] spec.virtualHost.routes[0].options.rbac.polices: got {}, expected what the gateway.solo.io/v1/VirtualService crd schema accepts: unknown field, pruned by the API server');
  });

  test('given typed and in options.extra is refused', () => {
    expect(() => vsWith({ rbac: { disable: true }, extra: { rbac: { disable: false } } }))
      .toThrow('options.extra.rbac: got {"disable":false}, expected no rbac in options.extra together with options.rbac');
  });

  test('adopt writes them typed, and keeps a value of another type than the CRD\'s as an escape hatch', () => {
    const yaml = (policy: string) => `apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    options:
      jwt:
        validationPolicy: ${policy}
        providers:
          solo: { issuer: solo.io, jwks: { local: { key: abc } } }
    routes:
    - matchers: [{ prefix: / }]
      directResponseAction: { status: 200 }
      options:
        stagedTransformations:
          regular:
            requestTransforms:
            - requestTransformation: { transformationTemplate: { headers: { x-a: { text: b } } } }
`;
    const typed = adoptManifests(readManifestText(yaml('REQUIRE_VALID'), 'in.yaml'));
    expect(typed.ok).toBe(true);
    expect(typed.report.escapeHatch).toEqual([]);
    expect(typed.code).toContain('jwt: {');
    expect(typed.code).toContain('stagedTransformations: {');
    // an enum by number, which the CRD allows and the generated type (a string) does not: kept as it was, and said so
    const kept = adoptManifests(readManifestText(yaml('1'), 'in.yaml'));
    expect(kept.ok).toBe(true);
    expect(kept.report.escapeHatch).toEqual([expect.stringContaining('spec.virtualHost.options set with a json patch')]);
  });
});

describe('a route\'s RouteOption objects (optionsConfigRefs)', () => {
  test('render as the route\'s optionsConfigRefs.delegateOptions, and need their namespace', () => {
    const chart = newChart();
    const vs = new VirtualService(chart, 'vs', {});
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/b') }], action: RouteAction.directResponse({ status: 200 }), optionsConfigRefs: [{ name: 'shared', namespace: 'gloo-system' }] });
    expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].optionsConfigRefs).toEqual({ delegateOptions: [{ name: 'shared', namespace: 'gloo-system' }] });
    expect(() => vs.addRoute({ matchers: [{ path: PathMatch.prefix('/c') }], action: RouteAction.directResponse({ status: 200 }), optionsConfigRefs: [{ name: 'shared' }] }))
      .toThrow('routes[1].optionsConfigRefs.delegateOptions[0].namespace: got nothing, expected');
  });

  test('adopt writes them typed', () => {
    const r = adoptManifests(readManifestText(`apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: { name: shop, namespace: gloo-system }
spec:
  virtualHost:
    domains: ['*']
    routes:
    - matchers: [{ prefix: / }]
      directResponseAction: { status: 200 }
      optionsConfigRefs: { delegateOptions: [{ name: shared, namespace: gloo-system }] }
`, 'in.yaml'));
    expect(r.ok).toBe(true);
    expect(r.report.escapeHatch).toEqual([]);
    expect(r.code).toContain("optionsConfigRefs: [{ name: 'shared', namespace: 'gloo-system' }],");
  });
});

describe('the options of one weighted destination', () => {
  test('CSRF, external authentication and the CRD\'s others render per destination, checked as on a route', () => {
    const chart = newChart();
    const up = new Upstream(chart, 'up', { serviceName: 'pets', servicePort: 8080 });
    const vs = new VirtualService(chart, 'vs', {});
    vs.addRoute({
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(up), weight: 9, options: { extauth: ExtAuth.disabled(), stagedTransformations: STAGED } },
        { destination: Destination.upstream(up), weight: 1, options: { bufferPerRoute: { disabled: true } } },
      ]),
    });
    const [a, b] = onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].routeAction.multi.destinations;
    expect(a.options).toEqual({ extauth: { disable: true }, stagedTransformations: STAGED });
    expect(b.options).toEqual({ bufferPerRoute: { disabled: true } });
    expect(() => vs.addRoute({
      matchers: [{ path: PathMatch.prefix('/b') }],
      action: RouteAction.weightedForward([
        { destination: Destination.upstream(up), weight: 1, options: { bufferPerRoute: { buffer: { maxRequestBytes: -1 } } } },
      ]),
    })).toThrow('routes[1].routeAction.multi.destinations[0].options.bufferPerRoute.buffer.maxRequestBytes: got -1, expected');
  });
});

test('a delegating route may carry upgrades and timeouts, which Gloo merges into its RouteTable\'s routes', () => {
  const chart = newChart();
  const table = new RouteTable(chart, 'rt', {});
  table.addRoute({ matchers: [{ path: PathMatch.prefix('/ws/a') }], action: RouteAction.directResponse({ status: 200 }) });
  const vs = new VirtualService(chart, 'vs', {});
  vs.addRoute({ matchers: [{ path: PathMatch.prefix('/ws') }], action: RouteAction.delegate(table), options: { upgrades: [{ websocket: { enabled: true } }], idleTimeout: '600s' } });
  expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].options).toEqual({ upgrades: [{ websocket: { enabled: true } }], idleTimeout: '600s' });
});

test('an extractor takes an ECMAScript regex (lookahead included), and data Gloo keeps as it is is not checked by field name', () => {
  const chart = vsWith({
    stagedTransformations: { regular: { requestTransforms: [{ requestTransformation: { transformationTemplate: { extractors: { id: { header: 'x-id', regex: '(\\d+)(?=-)', subgroup: 1 } } } } }] } },
    envoyMetadata: { 'io.solo.custom': { interval: 'daily', regex: '(' } },
  });
  expect(onlyManifest(chart, 'VirtualService').spec.virtualHost.routes[0].options.envoyMetadata).toEqual({ 'io.solo.custom': { interval: 'daily', regex: '(' } });
});
