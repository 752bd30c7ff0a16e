/**
 * Unknown properties, as JavaScript callers give them: every props interface and every value-object
 * input reports a property it does not have, naming the properties it does have, instead of
 * dropping it silently.
 */
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  AtomicOutputDirectory, CanaryRelease, CanaryRoute, CanaryStage, Destination, ExtAuth, ExternalUpstream, FunctionRoute, GatewayApiTarget, HashPolicy,
  LoadBalancer, PathMatch, PetstoreService, RouteAction, RouteTable, RoutingSimulator, StaticUpstream, Upstream, UpstreamGroup, VersionedService,
  VirtualService, WeightedFunctionRoute,
} from '../../src';
import { KNOWN_KEYS } from '../../src/private/known-keys';

interface Ctx { readonly chart: Chart; readonly v1: Upstream; readonly v2: Upstream; readonly vs: VirtualService }

function context(): Ctx {
  const chart = new Chart(Testing.app(), 'c');
  const functions = { findPets: { method: 'GET', path: '/api/pets' } };
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine' } });
  return { chart, v1, v2, vs };
}

const forward = (c: Ctx) => RouteAction.forward(Destination.upstream(c.v1));
const releaseProps = (c: Ctx) => ({
  routeContainer: c.vs,
  routes: [{ path: '/findPets', functionName: 'findPets' }],
  stable: c.v1,
  canary: c.v2,
  stages: [CanaryStage.stable(), CanaryStage.header()],
  stage: 'header',
});

/** For each input interface: a call with one property it does not have, and the message. */
const CASES: Array<[string, (c: Ctx) => unknown, string]> = [
  ['VirtualServiceProps', c => new VirtualService(c.chart, 'x', { domain: ['a.example.com'] } as any),
    '[c/x] domain: got ["a.example.com"], expected a property VirtualServiceProps has: displayName, domains, gatewayName, metadata, options, optionsConfigRefs, routes, sslConfig (hint: did you mean domains?)'],
  ['RouteTableProps', c => new RouteTable(c.chart, 'x', { wieght: 1 } as any),
    '[c/x] wieght: got 1, expected a property RouteTableProps has: metadata, routes, weight (hint: did you mean weight?)'],
  ['UpstreamProps', c => new Upstream(c.chart, 'x', { serviceName: 's', servicePort: 80, namespace: 'n' } as any),
    '[c/x] namespace: got "n", expected a property UpstreamProps has: discoveryLabels, functions, loadBalancer, metadata, options, selector, service, serviceName, serviceNamespace, servicePort, serviceSpec, subsets, swaggerUrl'],
  ['RestFunction', c => new Upstream(c.chart, 'x', { serviceName: 's', servicePort: 80, functions: { f: { method: 'GET', paht: '/f' } as any } }),
    '[c/x] functions.f.paht: got "/f", expected a property RestFunction has: body, gatewayApiPath, headers, method, path (hint: did you mean path?)'],
  ['UpstreamGroupProps', c => new UpstreamGroup(c.chart, 'x', { destination: [] } as any),
    '[c/x] destination: got [], expected a property UpstreamGroupProps has: destinations, metadata (hint: did you mean destinations?)'],
  ['WeightedDestination', c => new UpstreamGroup(c.chart, 'x', { destinations: [{ destination: Destination.upstream(c.v1), weight: 1, subset: {} } as any] }),
    '[c/x] destinations[0].subset: got {}, expected a property WeightedDestination has: destination, options, weight'],
  ['ImportedResourceOptions', c => RouteTable.fromRouteTableName(c.chart, 'x', 'u', { namespce: 'n' } as any),
    '[c/x] namespce: got "n", expected a property ImportedResourceOptions has: namespace (hint: did you mean namespace?)'],
  ['ImportedUpstreamOptions', c => Upstream.fromUpstreamName(c.chart, 'x', 'u', { namespce: 'n' } as any),
    '[c/x] namespce: got "n", expected a property ImportedUpstreamOptions has: namespace, service (hint: did you mean namespace?)'],
  ['RouteProps', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), option: {} } as any),
    '[c/vs] routes[0].option: got {}, expected a property RouteProps has: action, allowShadowing, inheritableMatchers, inheritablePathMatchers, matchers, mirror, name, options, optionsConfigRefs (hint: did you mean options?)'],
  ['RouteMatcher', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), header: [] } as any], action: forward(c) }),
    '[c/vs] routes[0].matchers[0].header: got [], expected a property RouteMatcher has: headers, methods, path, queryParameters (hint: did you mean headers?)'],
  ['RouteBehavior', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), options: { timout: '1s' } as any }),
    '[c/vs] routes[0].options.timout: got "1s", expected a property RouteBehavior has: ai, appendXForwardedHost, bufferPerRoute, cors, csrf, dlp, envoyMetadata, extProc, extProcEarly, extProcLate, extauth, extensions, extra, faults, hashPolicies, headerManipulation, hostRewrite, hostRewritePathRegex, idleTimeout, includeVirtualHostRateLimits, jwt, jwtProvidersStaged, jwtStaged, maxStreamDuration, prefixRewrite, rateLimitConfigs, rateLimitEarlyConfigs, rateLimitRegularConfigs, rateLimits, ratelimitBasic, ratelimitEarly, ratelimitRegular, rbac, regexRewrite, retries, stagedTransformations, timeout, tracing, transformations, upgrades, waf (hint: did you mean timeout?)'],
  ['RetryPolicy', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), options: { retries: { retryOn: '5xx', retries: 3 } as any } }),
    '[c/vs] routes[0].options.retries.retries: got 3, expected a property RetryPolicy has: numRetries, perTryTimeout, retryOn'],
  ['HeaderManipulation', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), options: { headerManipulation: { requestHeadersToRemove: [], headersToAdd: [] } as any } }),
    '[c/vs] routes[0].options.headerManipulation.headersToAdd: got [], expected a property HeaderManipulation has: requestHeadersToAdd, requestHeadersToRemove, responseHeadersToAdd, responseHeadersToRemove'],
  ['HeaderToAdd', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), options: { headerManipulation: { requestHeadersToAdd: [{ name: 'x-a', value: 'b', apend: true } as any] } } }),
    '[c/vs] routes[0].options.headerManipulation.requestHeadersToAdd[0].apend: got true, expected a property HeaderToAdd has: append, name, value (hint: did you mean append?)'],
  ['RegexRewrite', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), options: { regexRewrite: { regex: 'a', pattern: 'a', substitution: 'b' } as any } }),
    '[c/vs] routes[0].options.regexRewrite.regex: got "a", expected a property RegexRewrite has: pattern, substitution'],
  ['DirectResponse', c => c.vs.addRoute({ action: RouteAction.directResponse({ status: 404, code: 404 } as any) }),
    '[c/vs] routes[0].directResponseAction.code: got 404, expected a property DirectResponse has: body, status'],
  ['Redirect', c => c.vs.addRoute({ action: RouteAction.redirect({ https: true, hostRedirect: 'a.example.com' } as any) }),
    '[c/vs] routes[0].redirectAction.hostRedirect: got "a.example.com", expected a property Redirect has: host, https, path, port, prefixRewrite, responseCode, stripQuery'],
  ['CorsPolicy', c => new VirtualService(c.chart, 'x', { options: { cors: { allowOrigin: ['*'], maxAge: 5 } as any } }),
    '[c/x] virtualHost.options.cors.maxAge: got 5, expected a property CorsPolicy has: allowCredentials, allowHeaders, allowMethods, allowOrigin, allowOriginRegex, disableForRoute, exposeHeaders, maxAgeSeconds'],
  ['VirtualHostBehavior', c => new VirtualService(c.chart, 'x', { options: { header: {} } as any }),
    '[c/x] virtualHost.options.header: got {}, expected a property VirtualHostBehavior has: bufferPerRoute, cors, corsPolicyMergeSettings, csrf, dlp, extProc, extProcEarly, extProcLate, extauth, extensions, headerManipulation, includeAttemptCountInResponse, includeRequestAttemptCount, jwt, jwtStaged, rateLimitConfigs, rateLimitEarlyConfigs, rateLimitRegularConfigs, rateLimits, ratelimitBasic, ratelimitEarly, ratelimitRegular, rbac, retries, stagedTransformations, stats, transformations, waf'],
  ['ConfigRef', c => new VirtualService(c.chart, 'x', { options: { rateLimitConfigs: [{ name: 'a', namepace: 'b' } as any] } }),
    '[c/x] virtualHost.options.rateLimitConfigs.refs[0].namepace: got "b", expected a property ConfigRef has: name, namespace (hint: did you mean namespace?)'],
  ['SslConfig', c => new VirtualService(c.chart, 'x', { sslConfig: { secretRef: { name: 'tls' }, sni: [] } as any }),
    '[c/x] sslConfig.sni: got [], expected a property SslConfig has: alpnProtocols, cipherSuites, disableTlsSessionResumption, ecdhCurves, maximumProtocolVersion, minimumProtocolVersion, ocspStaplePolicy, oneWayTls, sds, secretRef, sniDomains, sslFiles, transportSocketConnectTimeout, verifySubjectAltName'],
  ['StaticUpstreamProps', c => new StaticUpstream(c.chart, 'x', { hosts: [{ address: 'a.example.com', port: 443 }], tls: true } as any),
    '[c/x] tls: got true, expected a property StaticUpstreamProps has: discoveryLabels, hosts, loadBalancer, metadata, options, useTls'],
  ['StaticHost', c => new StaticUpstream(c.chart, 'x', { hosts: [{ address: 'a.example.com', port: 443, sni: 'a' } as any] }),
    '[c/x] static.hosts[0].sni: got "a", expected a property StaticHost has: address, port, sniAddress'],
  ['FaultInjection', c => c.vs.addRoute({ action: forward(c), options: { faults: { abort: { percent: 1, httpStatus: 503 }, abrt: {} } as any } }),
    '[c/vs] routes[0].options.faults.abrt: got {}, expected a property FaultInjection has: abort, delay (hint: did you mean abort?)'],
  ['FaultAbort', c => c.vs.addRoute({ action: forward(c), options: { faults: { abort: { percent: 1, httpStatus: 503, status: 503 } as any } } }),
    '[c/vs] routes[0].options.faults.abort.status: got 503, expected a property FaultAbort has: httpStatus, percent'],
  ['FaultDelay', c => c.vs.addRoute({ action: forward(c), options: { faults: { delay: { percent: 1, fixedDelay: Duration.seconds(1), delay: 1 } as any } } }),
    '[c/vs] routes[0].options.faults.delay.delay: got 1, expected a property FaultDelay has: fixedDelay, percent'],
  ['TracingDecoration', c => c.vs.addRoute({ action: forward(c), options: { tracing: { descriptor: 'x' } as any } }),
    '[c/vs] routes[0].options.tracing.descriptor: got "x", expected a property TracingDecoration has: clientSamplePercent, overallSamplePercent, propagate, randomSamplePercent, routeDescriptor'],
  ['HashPolicyOptions', c => c.vs.addRoute({ action: forward(c), options: { hashPolicies: [HashPolicy.sourceIp({ terminl: true } as any)] } }),
    '[c/vs] routes[0].options.lbHash.hashPolicies[0].terminl: got true, expected a property HashPolicyOptions has: terminal (hint: did you mean terminal?)'],
  ['CookieHashPolicyOptions', c => c.vs.addRoute({ action: forward(c), options: { hashPolicies: [HashPolicy.cookie('s', { tll: Duration.seconds(1) } as any)] } }),
    '[c/vs] routes[0].options.lbHash.hashPolicies[0].tll: got'],
  ['WeightedDestinationBehavior', c => c.vs.addRoute({ action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: 1, options: { headers: {} } as any }]) }),
    '[c/vs] routes[0].routeAction.multi.destinations[0].options.headers: got {}, expected a property WeightedDestinationBehavior has: bufferPerRoute, csrf, extauth, extensions, headerManipulation, stagedTransformations, transformations'],
  ['CustomExtAuthOptions', c => new VirtualService(c.chart, 'x', { options: { extauth: ExtAuth.custom({ nam: 'authz' } as any) } }),
    '[c/x] virtualHost.options.extauth.customAuth.nam: got "authz", expected a property CustomExtAuthOptions has: contextExtensions, name (hint: did you mean name?)'],
  ['BasicRateLimits', c => new VirtualService(c.chart, 'x', { options: { ratelimitBasic: { anonymous: {} } as any } }),
    '[c/x] virtualHost.options.ratelimitBasic.anonymous: got {}, expected a property BasicRateLimits has: anonymousLimits, authorizedLimits'],
  ['RateLimit', c => new VirtualService(c.chart, 'x', { options: { ratelimitBasic: { anonymousLimits: { requestsPerUnit: 1, unit: 'MINUTE', units: 2 } as any } } }),
    '[c/x] virtualHost.options.ratelimitBasic.anonymousLimits.units: got 2, expected a property RateLimit has: requestsPerUnit, unit (hint: did you mean unit?)'],
  ['RingHashOptions', c => new Upstream(c.chart, 'x', { serviceName: 's', servicePort: 80, loadBalancer: LoadBalancer.ringHash({ minRingSize: 1 } as any) }),
    '[c/x] loadBalancerConfig.minRingSize: got 1, expected a property RingHashOptions has: maximumRingSize, minimumRingSize'],
  ['LeastRequestOptions', c => new Upstream(c.chart, 'x', { serviceName: 's', servicePort: 80, loadBalancer: LoadBalancer.leastRequest({ choices: 2 } as any) }),
    '[c/x] loadBalancerConfig.choices: got 2, expected a property LeastRequestOptions has: choiceCount'],
  ['RateLimitDescriptor', c => new VirtualService(c.chart, 'x', { options: { rateLimits: [{ action: [] } as any] } }),
    '[c/x] virtualHost.options.ratelimit.rateLimits[0].action: got [], expected a property RateLimitDescriptor has: actions, setActions (hint: did you mean actions?)'],
  ['CsrfPolicy', c => new VirtualService(c.chart, 'x', { options: { csrf: { enforced: 100 } as any } }),
    '[c/x] virtualHost.options.csrf.enforced: got 100, expected a property CsrfPolicy has: additionalOrigins, enforcedPercent, shadowPercent'],
  ['RouteMirror', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: forward(c), mirror: { upstream: c.v2, percent: 5, percentage: 5 } as any }),
    '[c/vs] routes[0].mirror.percentage: got 5, expected a property RouteMirror has: host, keepHost, percent, upstream'],
  ['KubeServiceDestination', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.kubeService({ serviceName: 's', serviceNamespace: 'n', port: 80, functionName: 'f' } as any)) }),
    '[c/vs] routes[0].routeAction.single.kube.functionName: got "f", expected a property KubeServiceDestination has: port, serviceName, serviceNamespace'],
  ['ConsulServiceDestination', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.consulService({ serviceName: 'db', tag: ['a'] } as any)) }),
    '[c/vs] routes[0].routeAction.single.consul.tag: got ["a"], expected a property ConsulServiceDestination has: dataCenters, serviceName, tags (hint: did you mean tags?)'],
  ['DynamicForwardProxyOptions', c => c.vs.addRoute({ action: RouteAction.dynamicForwardProxy({ hostHeader: 'x-host' } as any) }),
    '[c/vs] routes[0].routeAction.dynamicForwardProxy.hostHeader: got "x-host", expected a property DynamicForwardProxyOptions has: hostFromHeader, hostRewrite'],
  ['ExternalUpstreamProps', c => new ExternalUpstream(c.chart, 'x', { type: { gcp: { host: 'run.example.com' } }, tipe: {} } as any),
    '[c/x] tipe: got {}, expected a property ExternalUpstreamProps has: discoveryLabels, loadBalancer, metadata, options, type (hint: did you mean type?)'],
  ['RestFunctionDestinationOptions', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.restFunction(c.v1, 'findPets', { params: {} } as any)) }),
    '[c/vs] routes[0].routeAction.single.params: got {}, expected a property RestFunctionDestinationOptions has: parameters, subset'],
  ['UpstreamDestinationOptions', c => c.vs.addRoute({ action: RouteAction.forward(Destination.upstream(c.v1, { subsets: {} } as any)) }),
    '[c/vs] routes[0].routeAction.single.subsets: got {}, expected a property UpstreamDestinationOptions has: destinationSpec, subset (hint: did you mean subset?)'],
  ['FunctionParameters', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.forward(Destination.restFunction(c.v1, 'findPets', { parameters: { header: {} } as any })) }),
    '[c/vs] routes[0].routeAction.single.parameters.header: got {}, expected a property FunctionParameters has: headers, path (hint: did you mean headers?)'],
  ['PathMatchOptions', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/', { caseSensitve: false } as any) }], action: forward(c) }),
    '[c/vs] routes[0].matchers[0].caseSensitve: got false, expected a property PathMatchOptions has: caseSensitive (hint: did you mean caseSensitive?)'],
  ['CanaryReleaseProps', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), stages: releaseProps(c).stages, activeStage: 'header' } as any),
    '[c/x] activeStage: got "header", expected a property CanaryReleaseProps has: allowHeaderPresenceMatch, allowOutOfOrderStages, canary, header, releaseName, routeContainer, routes, stable, stage, stages, trafficSplit, upstreamGroupMetadata'],
  ['CanaryReleaseRoute', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), routes: [{ path: '/findPets', function: 'findPets' }] } as any),
    '[c/x] routes[0].function: got "findPets", expected a property CanaryReleaseRoute has: canaryFunctionName, functionName, parameters, path, prefixRewrite'],
  ['CanaryHeader', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), header: { name: 'x-canary', value: 'a', regex: true } } as any),
    '[c/x] header.regex: got true, expected a property CanaryHeader has: match, name, value'],
  ['CanaryStageOptions', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), stages: [CanaryStage.stable(), CanaryStage.header({ nmae: 'h' } as any)] }),
    '[c/x] stages[1].options.nmae: got "h", expected a property CanaryStageOptions has: name (hint: did you mean name?)'],
  ['CanaryTrafficStageOptions', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), stage: 'weight-10', stages: [CanaryStage.weight(10, { keepHeader: true } as any)] }),
    '[c/x] stages[0].options.keepHeader: got true, expected a property CanaryTrafficStageOptions has: keepHeaderRoute, name'],
  ['CanaryScheduleOptions', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), stage: 'weight-10', stages: CanaryStage.stepWeights([10], { name: 'w' } as any) }),
    '[c/x] stages[0].options.name: got "w", expected a property CanaryScheduleOptions has: keepHeaderRoute'],
  ['LinearScheduleOptions', c => new CanaryRelease(c.chart, 'x', { ...releaseProps(c), stage: 'weight-50', stages: CanaryStage.linear({ stepWeight: 50, maxWeigth: 50 } as any) }),
    '[c/x] stages[0].options.maxWeigth: got 50, expected a property LinearScheduleOptions has: keepHeaderRoute, maxWeight, stepWeight (hint: did you mean maxWeight?)'],
  ['FunctionRouteProps', c => new FunctionRoute(c.chart, 'x', { routeContainer: c.vs, path: '/f', functionName: 'findPets', upstream: c.v1, canary: c.v2 } as any),
    '[c/x] canary: got construct c/v2, expected a property FunctionRouteProps has: functionName, parameters, path, prefixRewrite, routeContainer, upstream'],
  ['CanaryRouteProps', c => new CanaryRoute(c.chart, 'x', { routeContainer: c.vs, path: '/f', functionName: 'findPets', stable: c.v1, canary: c.v2, weight: 10 } as any),
    '[c/x] weight: got 10, expected a property CanaryRouteProps has: canary, canaryFunctionName, functionName, header, parameters, path, prefixRewrite, routeContainer, stable'],
  ['WeightedFunctionRouteProps', c => new WeightedFunctionRoute(c.chart, 'x', { routeContainer: c.vs, path: '/f', functionName: 'findPets', targets: [{ upstream: c.v1, weight: 1 }], destinations: [] } as any),
    '[c/x] destinations: got [], expected a property WeightedFunctionRouteProps has: functionName, parameters, path, prefixRewrite, routeContainer, targets'],
  ['FunctionRouteTarget', c => new WeightedFunctionRoute(c.chart, 'x', { routeContainer: c.vs, path: '/f', functionName: 'findPets', targets: [{ upstream: c.v1, weigth: 1 }] } as any),
    '[c/x] targets[0].weigth: got 1, expected a property FunctionRouteTarget has: functionName, upstream, weight (hint: did you mean weight?)'],
  ['VersionedServiceProps', c => new VersionedService(c.chart, 'x', { name: 'shop', version: 'v1', image: 'shop:1', port: 80, replica: 2 } as any),
    '[c/x] replica: got 2, expected a property VersionedServiceProps has: containerPort, env, functions, image, labels, name, namespace, port, replicas, swaggerUrl, upstreamName, upstreamNamespace, version, workloadName (hint: did you mean replicas?)'],
  ['PetstoreServiceProps', c => new PetstoreService(c.chart, 'x', { version: 'v3', tag: 'v3' } as any),
    '[c/x] tag: got "v3", expected a property PetstoreServiceProps has: functions, image, labels, name, namespace, port, replicas, swaggerUrl, upstreamNamespace, version'],
  ['GatewayApiTargetProps', () => GatewayApiTarget.apply(new App(), { gatewayName: 'http', namespace: 'x' } as any),
    '[(app)] GatewayApiTarget.apply props.namespace: got "x", expected a property GatewayApiTargetProps has: acceptFunctionMethodMatch, acceptNarrowedPrefixes, acceptTlsWithoutClientCertificates, allowGlooObjects, extAuthExtensions, gatewayName, gatewayNamespace, httpRouteNamespace, renderGateway'],
  ['RenderGatewayProps', () => GatewayApiTarget.apply(new App(), { gatewayName: 'http', gatewayNamespace: 'gw', renderGateway: { className: 'kgateway' } } as any),
    'renderGateway.className: got "kgateway", expected a property RenderGatewayProps has: gatewayClassName, httpPort, httpsPort'],
  ['AtomicOutputDirectoryOptions', () => new AtomicOutputDirectory(path.join(os.tmpdir(), 'unknown-props-out'), { keepSubdirs: true } as any),
    'AtomicOutputDirectory options.keepSubdirs: got true, expected a property AtomicOutputDirectoryOptions has: ignoreOutdirEnv, keepSubdirectories'],
  ['SimulatedRequest', c => RoutingSimulator.simulateRequest(c.vs, { path: '/', header: { a: '1' } } as any),
    'request.header: got {"a":"1"}, expected a property SimulatedRequest has: headers, method, path (hint: did you mean headers?)'],
  ['SimulatedHostRequest', c => RoutingSimulator.fromApp(c.vs).route({ host: 'a', path: '/', virtualService: ['x'] } as any),
    'request.virtualService: got ["x"], expected a property SimulatedHostRequest has: gateway, headers, host, method, path, stripAnyHostPort, virtualServices (hint: did you mean virtualServices?)'],
];

/** Interfaces that are never input: results, the base props of abstract classes, and bases of option interfaces (their cases are the derived ones'). */
const NOT_INPUT = ['DestinationSubsetOptions', 'FunctionRouteBaseProps', 'GlooResourceProps', 'HostSimulationResult', 'Problem', 'SchemaViolation', 'SimulatedDirectResponse', 'SimulatedMirror', 'SimulatedRedirect', 'SimulatedShare', 'SimulationResult'];

describe('unknown properties', () => {
  test.each(CASES)('fails when %s is given a property it does not have', (_iface, build, message) => {
    const c = context();
    expect(() => build(c)).toThrow(message);
  });

  test('every input interface of the library has a case', () => {
    const inputs = Object.keys(KNOWN_KEYS).filter(i => !NOT_INPUT.includes(i));
    expect(inputs.filter(i => !CASES.some(([name]) => name === i))).toEqual([]);
  });

  test('a property set to undefined is not reported (spreads of optional props)', () => {
    const c = context();
    expect(() => new VirtualService(c.chart, 'x', { domains: ['a.example.com'], other: undefined } as any)).not.toThrow();
  });

  test('fails when Upstream.fromUpstreamName gets the namespace as a string, the first API\'s shape', () => {
    const c = context();
    expect(() => Upstream.fromUpstreamName(c.chart, 'x', 'u', 'team' as any)).toThrow(
      '[c/x] options: got "team", expected an options object such as { namespace: \'team\' } (hint: the namespace is no longer the fourth argument; given as a string it would be ignored)');
  });
});
