/**
 * The bad-input corpus: inputs Gloo would reject, warn about, or silently mishandle. Each must fail
 * (when the input is given, or at synth) with a message that names the construct path, the field,
 * the value given and what was expected.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CanaryRelease, CanaryReleaseProps, CanaryRoute, CanaryStage, Destination, FunctionRoute, HeaderMatch, HeaderMatchType, PathMatch, PetstoreService,
  QueryParameterMatch, RouteAction, RouteTable, Upstream, UpstreamGroup, VirtualService, WeightedFunctionRoute,
} from '../../src';

interface Ctx {
  readonly app: App;
  readonly chart: Chart;
  readonly v1: Upstream;
  readonly v2: Upstream;
  readonly plain: Upstream;
  readonly vs: VirtualService;
}

function context(): Ctx {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const functions = { findPets: { method: 'GET', path: '/api/pets' }, findPetById: { method: 'GET', path: '/api/pets/{{ id }}' } };
  const v1 = new Upstream(chart, 'v1', { serviceName: 'petstore-v1', servicePort: 8080, functions });
  const v2 = new Upstream(chart, 'v2', { serviceName: 'petstore-v2', servicePort: 8080, functions });
  const plain = new Upstream(chart, 'plain', { serviceName: 'plain', servicePort: 80 });
  const vs = new VirtualService(chart, 'vs', { metadata: { name: 'coalmine', namespace: 'gloo-system' } });
  return { app, chart, v1, v2, plain, vs };
}

const route = (prefix: string, up: Upstream) => ({
  matchers: [{ path: PathMatch.prefix(prefix) }],
  action: RouteAction.forward(Destination.upstream(up)),
});

/** A header release of /findPets from v1 to v2, at its header stage, with `extra` props on top. */
const release = (c: Ctx, extra: Partial<CanaryReleaseProps> = {}) => new CanaryRelease(c.vs, 'r', {
  routeContainer: c.vs,
  routes: [{ path: '/findPets', functionName: 'findPets' }],
  stable: c.v1,
  canary: c.v2,
  stages: [CanaryStage.stable(), CanaryStage.header()],
  stage: 'header',
  ...extra,
});

/** A kube destination of the given Service name and namespace. */
const kube = (serviceName: string, serviceNamespace: string, port = 80) => ({ matchers: [{ path: PathMatch.prefix('/k') }], action: RouteAction.forward(Destination.kubeService({ serviceName, serviceNamespace, port })) });

const CORPUS: Array<[string, (c: Ctx) => void, string | RegExp]> = [
  // weights
  ['a weight that is not an integer', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: 0.5 }]) }),
    '[c/vs] routes[0].routeAction.multi.destinations[0].weight: got 0.5, expected an integer from 0 to 4294967295'],
  ['a negative weight', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: -5 }]) }),
    'destinations[0].weight: got -5, expected an integer from 0 to 4294967295'],
  ['a weight above uint32', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: 2 ** 32 }]) }),
    'destinations[0].weight: got 4294967296, expected an integer from 0 to 4294967295'],
  ['weights whose total overflows uint32', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: 4294967295 }, { destination: Destination.upstream(c.v2), weight: 1 }]) }),
    'destinations[*].weight: got 4294967296, expected weights that add up to at most 4294967295'],
  ['a total weight of 0', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([{ destination: Destination.upstream(c.v1), weight: 0 }]) }),
    'destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0)'],
  ['no weighted destinations', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.weightedForward([]) }),
    'routes[0].routeAction.multi.destinations: got [], expected at least one weighted destination'],
  ['a WeightedFunctionRoute with weights 0 and 0', c => new WeightedFunctionRoute(c.vs, 'w', { routeContainer: c.vs, path: '/x', functionName: 'findPets', targets: [{ upstream: c.v1, weight: 0 }, { upstream: c.v2, weight: 0 }] }),
    '[c/vs/w] routeAction.multi.destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0 + 0)'],
  ['an UpstreamGroup whose weights total 0', c => { new UpstreamGroup(c.chart, 'g', { destinations: [{ destination: Destination.upstream(c.v1), weight: 0 }] }); Testing.synth(c.chart); },
    '[c/g] destinations[*].weight: got 0, expected weights that add up to at least 1'],
  ['an UpstreamGroup with no destinations', c => { new UpstreamGroup(c.chart, 'g'); Testing.synth(c.chart); },
    '[c/g] destinations: got [], expected at least one weighted destination'],
  // one-of fields
  ['a route without an action', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }] } as any),
    '[c/vs] routes[0]: got {"matchers":[{"prefix":"/x"}]}, expected a route with an action: RouteAction.forward(...), RouteAction.weightedForward([...]), RouteAction.upstreamGroup(...), RouteAction.delegate(...), RouteAction.directResponse({...}) or RouteAction.redirect({...}) (hint: gloo rejects a route without an action'],
  ['an action that is a plain object with two actions, not a RouteAction', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: { destination: { upstream: c.v1 }, weightedDestinations: [{ upstream: c.v2, weight: 1 }] } as any }),
    '[c/vs] routes[0].action: got {"destination":{"upstream":"<c/v1>"},"weightedDestinations":[{"upstream":"<c/v2>","weight":1}]}, expected exactly one of destination, destinations, weightedDestinations, upstreamGroup, delegateTo, routeTable, directResponse, directResponseAction, redirect, redirectAction, clusterHeader, dynamicForwardProxy; got destination and weightedDestinations (hint: make a RouteAction with one of RouteAction.forward, RouteAction.weightedForward)'],
  ['a kube destination with a function name, which a kube destination has no place for', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.kubeService({ serviceName: 's', serviceNamespace: 'n', port: 80, functionName: 'f' } as any)) }),
    '[c/vs] routes[0].routeAction.single.kube.functionName: got "f", expected a property KubeServiceDestination has: port, serviceName, serviceNamespace'],
  ['a matcher property misspelt', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x'), header: [] } as any], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].header: got [], expected a property RouteMatcher has: headers, methods, path, queryParameters (hint: did you mean headers?)'],
  ['a destination with no type', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward({} as any) }),
    '[c/vs] routes[0].routeAction.single: got {}, expected a Destination, such as Destination.upstream(upstream) or Destination.restFunction(upstream, \'findPets\') (hint: gloo rejects a destination with no type'],
  ['a destination that is a plain object with two types, not a Destination', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward({ upstream: c.v1, kube: { serviceName: 's', serviceNamespace: 'n', port: 80 } } as any) }),
    '[c/vs] routes[0].routeAction.single: got {"upstream":"<c/v1>","kube":{"serviceName":"s","serviceNamespace":"n","port":80}}, expected exactly one of upstream, kube; got upstream and kube (hint: make a Destination with one of Destination.upstream, Destination.kubeService)'],
  ['a weighted destination with no type', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.weightedForward([{ weight: 1 } as any]) }),
    '[c/vs] routes[0].routeAction.multi.destinations[0].destination: got nothing, expected a Destination, such as Destination.upstream(upstream) or Destination.restFunction(upstream, \'findPets\') (hint: gloo rejects a destination with no type'],
  ['a REST function destination without a function name, with parameters', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(c.v1, undefined as any, { parameters: { path: '/x' } })) }),
    '[c/vs] routes[0].routeAction.single.destinationSpec.rest.functionName: got nothing, expected a non-empty function name'],
  // function routes
  ['an unknown function', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(c.v1, 'findPet')) }),
    'functionName: got "findPet", expected one of the functions of upstream default-petstore-v1-8080: findPetById, findPets'],
  ['a function route to an upstream without REST spec', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward(Destination.restFunction(c.plain, 'f')) }),
    'expected an upstream with a REST spec, but upstream default-plain-80 has no functions'],
  ['a function route to a kube destination, as a plain object', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.forward({ kube: { serviceName: 's', serviceNamespace: 'n', port: 80 }, functionName: 'f' } as any) }),
    '[c/vs] routes[0].routeAction.single: got {"kube":{"serviceName":"s","serviceNamespace":"n","port":80},"functionName":"f"}, expected a Destination'],
  ['a FunctionRoute to a missing function', c => new FunctionRoute(c.vs, 'f', { routeContainer: c.vs, path: '/x', upstream: c.v2, functionName: 'deletePet' }),
    '[c/vs/f] routeAction.single.destinationSpec.rest.functionName: got "deletePet"'],
  ['a weighted function missing on one upstream', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.weightedForward([{ destination: Destination.restFunction(c.v1, 'findPets'), weight: 1 }, { destination: Destination.restFunction(c.plain, 'findPets'), weight: 1 }]) }),
    'routes[0].routeAction.multi.destinations[1].destination.destinationSpec.rest.functionName: got "findPets"'],
  // matchers
  ['a matcher with headers but no path', c => c.vs.addRoute({ matchers: [{ headers: [HeaderMatch.valueIs('x-canary', 'true')] } as any], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0]: got {"headers":[{"name":"x-canary","value":"true"}]}, expected a matcher with a path match, such as { path: PathMatch.prefix(\'/findPets\') } (hint: gloo rejects a matcher with headers, query parameters or methods but no path ("no path specifier provided")'],
  ['a matcher with methods but no path', c => c.vs.addRoute({ matchers: [{ methods: ['GET'] } as any], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0]: got {"methods":["GET"]}, expected a matcher with a path match'],
  ['a matcher with two path specifiers, as a plain object', c => c.vs.addRoute({ matchers: [{ path: { prefix: '/a', regex: '/a.*' } as any }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].path: got {"prefix":"/a","regex":"/a.*"}, expected exactly one of prefix, exact, regex; got prefix and regex (hint: make a PathMatch with one of PathMatch.prefix, PathMatch.regex)'],
  ['a prefix without a leading slash', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('pets') }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    'routes[0].matchers[0].prefix: got "pets", expected a path that starts with "/"'],
  ['a header matcher without a name', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.isPresent('')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    'routes[0].matchers[0].headers[0].name: got "", expected a non-empty header name'],
  ['a regex header matcher with an empty regex', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.valueMatchesRegex('x', '')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].headers[0].value: got "", expected a non-empty RE2 regular expression (hint: to match any value, use HeaderMatch.isPresent())'],
  ['a regex header matcher without a regex, as JavaScript can pass', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.valueMatchesRegex('x', undefined as any)] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].headers[0].value: got nothing, expected a non-empty RE2 regular expression'],
  ['an exact query match without a value, as JavaScript can pass', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), queryParameters: [QueryParameterMatch.valueIs('q', undefined as any)] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].queryParameters[0].value: got nothing, expected a non-empty value'],
  ['a lowercase method', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), methods: ['get'] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    'routes[0].matchers[0].methods[0]: got "get", expected an upper-case HTTP method such as GET'],
  // regexes (RE2, at synth)
  ['a path regex RE2 refuses (look-ahead)', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.regex('/pets(?=/)') }], action: RouteAction.forward(Destination.upstream(c.v1)) }); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.matchers\[0\]\.regex: got "\/pets\(\?=\/\)", expected a valid RE2 regular expression \(error parsing regexp: invalid or unsupported Perl syntax/],
  ['a path regex with an unclosed group', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.regex('/pets/(') }], action: RouteAction.forward(Destination.upstream(c.v1)) }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.regex: got "\/pets\/\(", expected a valid RE2 regular expression \(error parsing regexp: missing closing \)/],
  ['a header regex with a back-reference', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.valueMatchesRegex('x', '(a)\\1')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.headers\[0\]\.value: got "\(a\)\\\\1", expected a valid RE2 regular expression .*hint: gloo passes header regexes to envoy unchecked/],
  ['a query regex with a possessive quantifier', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), queryParameters: [QueryParameterMatch.valueMatchesRegex('q', 'a++')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.queryParameters\[0\]\.value: got "a\+\+", expected a valid RE2 regular expression/],
  ['a canary header regex RE2 refuses', c => { new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x', value: '(?<!a)b', match: HeaderMatchType.REGEX } }); Testing.synth(c.chart); },
    /\[c\/vs\/cr\] routes\[0\]\.matchers\[0\]\.headers\[0\]\.value: got "\(\?<!a\)b", expected a valid RE2 regular expression/],
  // paths and prefix rewrites
  ['a prefix rewrite with a space', c => { c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: '/api pets' } }); Testing.synth(c.chart); },
    /routes\[0\]\.options\.prefixRewrite: got "\/api pets", expected a path of RFC 3986 characters only/],
  ['a prefix rewrite with "//"', c => { c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: '/api//pets' } }); Testing.synth(c.chart); },
    'routes[0].options.prefixRewrite: got "/api//pets", expected a path without "//"'],
  ['a prefix rewrite ending in "/.."', c => { c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: '/api/..' } }); Testing.synth(c.chart); },
    'routes[0].options.prefixRewrite: got "/api/..", expected a path that does not end with "/.."'],
  ['a prefix rewrite with a broken %-escape', c => { c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: '/a%zz' } }); Testing.synth(c.chart); },
    'routes[0].options.prefixRewrite: got "/a%zz", expected a prefix rewrite whose %-escapes are valid'],
  ['a prefix path with "/./"', c => { c.vs.addRoute(route('/a/./b', c.v1)); Testing.synth(c.chart); },
    'routes[0].matchers[0].prefix: got "/a/./b", expected a path without "/./"'],
  ['a prefix rewrite on a delegating route', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/x') }], action: RouteAction.delegate(new RouteTable(c.chart, 'rt')), options: { prefixRewrite: '/y' } }),
    'routes[0].options.prefixRewrite: got "/y", expected no prefixRewrite on a delegating route'],
  // domains
  ['two VirtualServices on one gateway sharing "*"', c => { new VirtualService(c.chart, 'other', { metadata: { name: 'other' } }); Testing.synth(c.chart); },
    /\[c\/vs\] domains: got \["\*"\], expected domains no other VirtualService on gateway gateway-proxy serves, but c\/other serves them too \(hint: gloo rejects both/],
  ['a domain listed twice', c => { new VirtualService(c.chart, 'dup', { domains: ['a.example.com', 'a.example.com'] }); Testing.synth(c.chart); },
    '[c/dup] domains[1]: got "a.example.com", expected each domain once'],
  ['an empty domain', c => new VirtualService(c.chart, 'e', { domains: [''] }),
    '[c/e] domains[0]: got "", expected a non-empty domain'],
  // shadowing
  ['a route shadowed by an earlier prefix', c => { c.vs.addRoute(route('/pets', c.v1)); c.vs.addRoute(route('/pets/find', c.v2)); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[1\]\.matchers: got \[\{"prefix":"\/pets\/find"\}\], expected a route that can match, but routes\[0\] \(c\/vs\) comes first and matches every request this one matches \(hint: gloo takes the first route that matches/],
  ['a header route placed after its plain route', c => { c.vs.addRoute(route('/findPets', c.v1)); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/findPets'), headers: [HeaderMatch.valueIs('x-canary', 'true')] }], action: RouteAction.forward(Destination.upstream(c.v2)) }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got .*, expected a route that can match, but routes\[0\]/],
  ['a duplicate exact route', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.exact('/a') }], action: RouteAction.forward(Destination.upstream(c.v1)) }); c.vs.addRoute({ matchers: [{ path: PathMatch.exact('/a') }], action: RouteAction.forward(Destination.upstream(c.v2)) }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got \[\{"exact":"\/a"\}\], expected a route that can match/],
  ['a route after a catch-all', c => { c.vs.addRoute(route('/', c.v1)); c.vs.addRoute({ matchers: [{ path: PathMatch.regex('/x.*') }], action: RouteAction.forward(Destination.upstream(c.v2)) }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got .*, expected a route that can match, but routes\[0\]/],
  ['a FunctionRoute shadowed by an earlier one, naming the later construct', c => { new FunctionRoute(c.vs, 'a', { routeContainer: c.vs, path: '/find', upstream: c.v1, functionName: 'findPets' }); new FunctionRoute(c.vs, 'b', { routeContainer: c.vs, path: '/findPets', upstream: c.v2, functionName: 'findPets' }); Testing.synth(c.chart); },
    /\[c\/vs\/b\] routes\[1\]\.matchers: .*routes\[0\] \(c\/vs\/a\) comes first and matches every request this one matches/],
  ['a route shadowed through delegation', c => {
    const rt = new RouteTable(c.chart, 'rt', { metadata: { name: 'api' } });
    rt.addRoute(route('/api', c.v1));
    c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/api') }], action: RouteAction.delegate(rt) });
    c.vs.addRoute(route('/api/reviews', c.v2));
    Testing.synth(c.chart);
  }, /\[c\/vs\] routes\[1\]\.matchers: got \[\{"prefix":"\/api\/reviews"\}\], expected a route that can match, but routes\[0\] \(c\/vs\) comes first and delegates every request this one matches to RouteTable api routes\[0\], which matches them all/],
  // references
  ['an upstream of another app', c => { const other = context(); c.vs.addRoute(route('/x', other.v1)); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.routeAction\.single\.upstream: got "gloo-system\/default-petstore-v1-8080 \(construct c\/v1 of another app\)", expected an Upstream defined in this app or declared external with Upstream\.fromUpstreamName\(\)/],
  ['an upstream group of another app', c => { const other = context(); const g = new UpstreamGroup(other.chart, 'g', { destinations: [{ destination: Destination.upstream(other.v1), weight: 1 }] }); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.upstreamGroup(g) }); Testing.synth(c.chart); },
    /routes\[0\]\.routeAction\.upstreamGroup: got .*, expected an UpstreamGroup defined in this app or declared external with UpstreamGroup\.fromUpstreamGroupName\(\)/],
  ['a route table of another app', c => { const other = context(); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/') }], action: RouteAction.delegate(new RouteTable(other.chart, 'rt')) }); Testing.synth(c.chart); },
    /routes\[0\]\.delegateAction\.ref: got .*, expected an RouteTable defined in this app or declared external with RouteTable\.fromRouteTableName\(\)/],
  ['an upstream group destination of another app', c => { const other = context(); new UpstreamGroup(c.chart, 'g', { destinations: [{ destination: Destination.upstream(other.v1), weight: 1 }] }); Testing.synth(c.chart); },
    '[c/g] destinations[0].destination.upstream: got "gloo-system/default-petstore-v1-8080", expected an Upstream defined in this app'],
  // delegation
  ['a delegating route with a regex matcher', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.regex('/team/.*') }], action: RouteAction.delegate(new RouteTable(c.chart, 'rt')) }); Testing.synth(c.chart); },
    '[c/vs] routes[0].matchers[0]: got {"regex":"/team/.*"}, expected a prefix matcher on a delegating route'],
  ['a delegating route with two matchers', c => { c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/a') }, { path: PathMatch.prefix('/b') }], action: RouteAction.delegate(new RouteTable(c.chart, 'rt')) }); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.matchers: got .*, expected at most one matcher on a delegating route/],
  ['a child route outside the parent prefix', c => { const rt = new RouteTable(c.chart, 'rt', { metadata: { name: 'team' } }); rt.addRoute(route('/other', c.v1)); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team') }], action: RouteAction.delegate(rt) }); Testing.synth(c.chart); },
    '[c/vs] routes[0].delegateAction.ref → team routes[0].matchers[0]: got "/other", expected a path that starts with the delegating prefix "/team"'],
  ['a child route without the parent header', c => { const rt = new RouteTable(c.chart, 'rt', { metadata: { name: 'team' } }); rt.addRoute(route('/team/a', c.v1)); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/team'), headers: [HeaderMatch.valueIs('x-team', 'a')] }], action: RouteAction.delegate(rt) }); Testing.synth(c.chart); },
    /routes\[0\]\.delegateAction\.ref → team routes\[0\]\.matchers\[0\]\.headers: got \[\], expected the delegating route's header condition/],
  ['a delegation cycle', c => { const a = new RouteTable(c.chart, 'a', { metadata: { name: 'a' } }); const b = new RouteTable(c.chart, 'b', { metadata: { name: 'b' } }); a.addRoute({ matchers: [{ path: PathMatch.prefix('/t/b') }], action: RouteAction.delegate(b) }); b.addRoute({ matchers: [{ path: PathMatch.prefix('/t/b/a') }], action: RouteAction.delegate(a) }); c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/t') }], action: RouteAction.delegate(a) }); Testing.synth(c.chart); },
    /delegateAction\.ref: got "a → b → a", expected delegation without a cycle/],
  // canary constructs
  ['a canary header without a name', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: '  ' } }),
    '[c/vs/cr] header.name: got "  ", expected a header name that is an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces), such as "x-canary"'],
  ['a canary identical to stable', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v2, canary: c.v2 }),
    '[c/vs/cr] canary: got "default-petstore-v2-8080 findPets", expected a canary that differs from the stable upstream and function'],
  ['a presence canary header with a value', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x', value: 'y', match: HeaderMatchType.PRESENT } }),
    '[c/vs/cr] header.value: got "y", expected no value with HeaderMatchType.PRESENT'],
  // names and resources
  ['an invalid VirtualService name', c => new VirtualService(c.chart, 'bad', { metadata: { name: 'CoalMine' } }),
    '[c/bad] metadata.name: got "CoalMine", expected a lowercase RFC 1123 subdomain name'],
  ['an invalid Upstream namespace', c => new Upstream(c.chart, 'bad', { serviceName: 's', servicePort: 80, metadata: { namespace: 'gloo_system' } }),
    '[c/bad] metadata.namespace: got "gloo_system", expected a lowercase RFC 1123 label'],
  ['an invalid service namespace', c => new Upstream(c.chart, 'bad', { serviceName: 's', serviceNamespace: 'Default', servicePort: 80 }),
    '[c/bad] serviceNamespace: got "Default", expected a lowercase RFC 1123 label'],
  ['an Upstream on a multi-port Service without a port', c => new Upstream(c.chart, 'bad', { service: new kplus.Service(c.chart, 's', { metadata: { name: 'two' }, ports: [{ port: 1 }, { port: 2 }] }) }),
    '[c/bad] servicePort: got nothing, expected the port to use, since service two has 2 ports'],
  ['a PetstoreService with an invalid version', c => new PetstoreService(c.chart, 'p', { version: 'V1!' }),
    '[c/p] version: got "V1!", expected a version such as "v1"'],
  ['a RouteTable weight that is not int32', c => new RouteTable(c.chart, 'rt', { weight: 1.5 }),
    '[c/rt] weight: got 1.5, expected an int32 integer'],
  // names and namespaces of every emitted object, by the Kubernetes rule of its kind
  ['a VirtualService namespace with "_" and capitals', c => new VirtualService(c.chart, 'bad', { metadata: { name: 'bad', namespace: 'Bad_NS' } }),
    '[c/bad] metadata.namespace: got "Bad_NS", expected a lowercase RFC 1123 label'],
  ['a VirtualService namespace of 64 characters', c => new VirtualService(c.chart, 'bad', { metadata: { name: 'bad', namespace: 'n'.repeat(64) } }),
    `[c/bad] metadata.namespace: got "${'n'.repeat(64)}", expected a namespace of at most 63 characters`],
  ['a RouteTable namespace of 64 characters', c => new RouteTable(c.chart, 'rt', { metadata: { namespace: 'n'.repeat(64) } }),
    `[c/rt] metadata.namespace: got "${'n'.repeat(64)}", expected a namespace of at most 63 characters`],
  ['a chart namespace a VirtualService would take', c => new VirtualService(new Chart(c.app, 'ns', { namespace: 'Team.A' }), 'vs'),
    '[ns/vs] metadata.namespace: got "Team.A", expected a lowercase RFC 1123 label'],
  ['a VirtualService name of 254 characters', c => new VirtualService(c.chart, 'bad', { metadata: { name: 'a'.repeat(254) } }),
    /\[c\/bad\] metadata\.name: got "a{254}", expected a name of at most 253 characters/],
  // Kubernetes Service names and ports
  ['an Upstream serviceName with "_" and capitals', c => new Upstream(c.chart, 'bad', { serviceName: 'Reviews_V1', servicePort: 80 }),
    '[c/bad] serviceName: got "Reviews_V1", expected a Service name that is a lowercase RFC 1035 label (a-z, 0-9 and "-", starting with a letter'],
  ['an Upstream serviceName that starts with a digit', c => new Upstream(c.chart, 'bad', { serviceName: '1reviews', servicePort: 80 }),
    '[c/bad] serviceName: got "1reviews", expected a Service name that is a lowercase RFC 1035 label'],
  ['an Upstream serviceName of 64 characters', c => new Upstream(c.chart, 'bad', { serviceName: 's'.repeat(64), servicePort: 80 }),
    `[c/bad] serviceName: got "${'s'.repeat(64)}", expected a Service name of at most 63 characters`],
  ['servicePort 0', c => new Upstream(c.chart, 'bad', { serviceName: 'reviews', servicePort: 0 }),
    '[c/bad] servicePort: got 0, expected an integer port between 1 and 65535'],
  ['a kube destination Service name with "_" and capitals', c => c.vs.addRoute(kube('Reviews_V1', 'default')),
    '[c/vs] routes[0].routeAction.single.kube.ref.name: got "Reviews_V1", expected a Service name that is a lowercase RFC 1035 label'],
  ['a kube destination namespace with "_"', c => c.vs.addRoute(kube('reviews', 'bad_ns')),
    '[c/vs] routes[0].routeAction.single.kube.ref.namespace: got "bad_ns", expected a lowercase RFC 1123 label'],
  ['a weighted kube destination Service name with a dot', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/k') }], action: RouteAction.weightedForward([{ destination: Destination.kubeService({ serviceName: 'reviews.v1', serviceNamespace: 'default', port: 80 }), weight: 1 }]) }),
    '[c/vs] routes[0].routeAction.multi.destinations[0].destination.kube.ref.name: got "reviews.v1", expected a Service name that is a lowercase RFC 1035 label'],
  // domains of one VirtualService, as Envoy reads them
  ['domains that differ only in case', c => new VirtualService(c.chart, 'd', { domains: ['api.example.com', 'API.example.com'] }),
    '[c/d] domains[1]: got "API.example.com", expected each domain once, ignoring case (domains[0] is "api.example.com") (hint: envoy lowercases domains'],
  ['a domain with a scheme', c => new VirtualService(c.chart, 'd', { domains: ['https://x.example.com'] }),
    '[c/d] domains[0]: got "https://x.example.com", expected a host name without a scheme'],
  ['a domain with a path', c => new VirtualService(c.chart, 'd', { domains: ['x.example.com/api'] }),
    '[c/d] domains[0]: got "x.example.com/api", expected a host name without a path, query or fragment'],
  ['a domain with a space', c => new VirtualService(c.chart, 'd', { domains: ['x example.com'] }),
    '[c/d] domains[0]: got "x example.com", expected a host name with an optional port'],
  ['a domain with a named port', c => new VirtualService(c.chart, 'd', { domains: ['x.example.com:http'] }),
    '[c/d] domains[0]: got "x.example.com:http", expected a host name with an optional port'],
  ['a wildcard in the middle of a domain', c => new VirtualService(c.chart, 'd', { domains: ['api.*.example.com'] }),
    '[c/d] domains[0]: got "api.*.example.com", expected one "*" at most, alone or at the start'],
  ['a domain with two wildcards', c => new VirtualService(c.chart, 'd', { domains: ['*.example.*'] }),
    '[c/d] domains[0]: got "*.example.*", expected one "*" at most'],
  // header names are HTTP tokens
  ['a header matcher name with a space', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.valueIs('x canary', '1')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    '[c/vs] routes[0].matchers[0].headers[0].name: got "x canary", expected a header name that is an HTTP token'],
  ['a header matcher name with a colon inside', c => c.vs.addRoute({ matchers: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.isPresent('x-canary:')] }], action: RouteAction.forward(Destination.upstream(c.v1)) }),
    'routes[0].matchers[0].headers[0].name: got "x-canary:", expected a header name that is an HTTP token'],
  ['a CanaryRoute header name with a space', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x canary' } }),
    '[c/vs/cr] header.name: got "x canary", expected a header name that is an HTTP token'],
  ['a CanaryRelease header name with a space', c => release(c, { header: { name: 'x canary', value: 's3cr3t' } }),
    '[c/vs/r] header.name: got "x canary", expected a header name that is an HTTP token'],
  // prefix rewrites
  ['a prefix rewrite without a leading "/"', c => { c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: 'api/pets' } }); Testing.synth(c.chart); },
    '[c/vs] routes[0].options.prefixRewrite: got "api/pets", expected a prefix rewrite that starts with "/", such as "/api/pets" (or "" for no rewrite) (hint: gloo accepts it, and envoy would forward paths that do not start with "/")'],
  ['a CanaryRelease route prefix rewrite without a leading "/"', c => { release(c, { routes: [{ path: '/petstore', prefixRewrite: 'api/pets' }] }); Testing.synth(c.chart); },
    '[c/vs/r] routes[0].options.prefixRewrite: got "api/pets", expected a prefix rewrite that starts with "/"'],
  ['a CanaryRoute prefix rewrite without a leading "/"', c => { new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, prefixRewrite: 'pets' }); Testing.synth(c.chart); },
    '[c/vs/cr] routes[0].options.prefixRewrite: got "pets", expected a prefix rewrite that starts with "/"'],
  ['a prefix rewrite that is not a string', c => c.vs.addRoute({ ...route('/x', c.v1), options: { prefixRewrite: 5 as any } }),
    '[c/vs] routes[0].options.prefixRewrite: got 5, expected a path such as "/api/pets", or "" for no rewrite'],
  // one canary-header rule for CanaryRoute and CanaryRelease
  ['a CanaryRelease presence header with a value', c => release(c, { header: { name: 'x-canary', value: 'y', match: HeaderMatchType.PRESENT }, allowHeaderPresenceMatch: true }),
    '[c/vs/r] header.value: got "y", expected no value with HeaderMatchType.PRESENT'],
  ['a CanaryRelease header match type that does not exist', c => release(c, { header: { name: 'x-canary', value: 'y', match: 'Exact' as any } }),
    '[c/vs/r] header.match: got "Exact", expected one of the HeaderMatchType values: exact, regex, present'],
  ['a CanaryRoute header match type that does not exist', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x', match: 'presence' as any } }),
    '[c/vs/cr] header.match: got "presence", expected one of the HeaderMatchType values'],
  // required props that JavaScript callers can omit
  ['a CanaryRelease without stable', c => release(c, { stable: undefined as any }),
    '[c/vs/r] stable: got nothing, expected an Upstream, such as new Upstream(...) or Upstream.fromUpstreamName(...)'],
  ['a CanaryRelease without canary', c => release(c, { canary: undefined as any }),
    '[c/vs/r] canary: got nothing, expected an Upstream'],
  ['a CanaryRelease whose stable is a name, not an Upstream', c => release(c, { stable: 'petstore-v1' as any }),
    '[c/vs/r] stable: got "petstore-v1", expected an Upstream'],
  ['a CanaryRelease with a missing route', c => release(c, { routes: [undefined as any] }),
    '[c/vs/r] routes[0]: got nothing, expected a route such as { path: "/findPets" }'],
  ['a CanaryRelease with a missing stage', c => release(c, { stages: [CanaryStage.stable(), undefined as any] }),
    '[c/vs/r] stages[1]: got nothing, expected a stage such as CanaryStage.header()'],
  ['a CanaryRelease with no props at all', c => new CanaryRelease(c.vs, 'r', undefined as any),
    /\[c\/vs\/r\] routes: got nothing, expected at least one route to release.*\n.*\[c\/vs\/r\] stable: got nothing/],
  ['a CanaryRoute without canary', c => new CanaryRoute(c.vs, 'cr', { routeContainer: c.vs, path: '/findPets', functionName: 'findPets', stable: c.v1 } as any),
    '[c/vs/cr] canary: got nothing, expected an Upstream'],
  ['a FunctionRoute without upstream', c => new FunctionRoute(c.vs, 'f', { routeContainer: c.vs, path: '/x', functionName: 'findPets' } as any),
    '[c/vs/f] upstream: got nothing, expected an Upstream'],
  ['a FunctionRoute without path', c => new FunctionRoute(c.vs, 'f', { routeContainer: c.vs, upstream: c.v1, functionName: 'findPets' } as any),
    '[c/vs/f] path: got nothing, expected a path prefix that starts with "/"'],
  ['a WeightedFunctionRoute target without upstream', c => new WeightedFunctionRoute(c.vs, 'w', { routeContainer: c.vs, path: '/x', functionName: 'findPets', targets: [{ upstream: c.v1, weight: 1 }, { weight: 1 } as any] }),
    '[c/vs/w] targets[1].upstream: got nothing, expected an Upstream'],
  ['a WeightedFunctionRoute without targets', c => new WeightedFunctionRoute(c.vs, 'w', { routeContainer: c.vs, path: '/x', functionName: 'findPets' } as any),
    '[c/vs/w] targets: got nothing, expected at least one target'],
];

describe('the bad-input corpus', () => {
  test('has at least 40 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CORPUS)('fails for %s', (_name, build, message) => {
    const c = context();
    expect(() => build(c)).toThrow(message);
  });
});
