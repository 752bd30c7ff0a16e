/**
 * The bad-input corpus: inputs Gloo would reject, warn about, or silently mishandle. Each must fail
 * (when the input is given, or at synth) with a message that names the construct path, the field,
 * the value given and what was expected.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CanaryRoute, FunctionRoute, HeaderMatchType, PetstoreService, RouteTable, Upstream, UpstreamGroup, VirtualService, WeightedFunctionRoute,
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

const route = (prefix: string, up: Upstream) => ({ matchers: [{ prefix }], destination: { upstream: up } });

const CORPUS: Array<[string, (c: Ctx) => void, string | RegExp]> = [
  // weights
  ['a weight that is not an integer', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [{ upstream: c.v1, weight: 0.5 }] }),
    '[c/vs] routes[0].routeAction.multi.destinations[0].weight: got 0.5, expected an integer from 0 to 4294967295'],
  ['a negative weight', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [{ upstream: c.v1, weight: -5 }] }),
    'destinations[0].weight: got -5, expected an integer from 0 to 4294967295'],
  ['a weight above uint32', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [{ upstream: c.v1, weight: 2 ** 32 }] }),
    'destinations[0].weight: got 4294967296, expected an integer from 0 to 4294967295'],
  ['weights whose total overflows uint32', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [{ upstream: c.v1, weight: 4294967295 }, { upstream: c.v2, weight: 1 }] }),
    'destinations[*].weight: got 4294967296, expected weights that add up to at most 4294967295'],
  ['a total weight of 0', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [{ upstream: c.v1, weight: 0 }] }),
    'destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0)'],
  ['no weighted destinations', c => c.vs.addRoute({ matchers: [{ prefix: '/' }], weightedDestinations: [] }),
    'routes[0].routeAction.multi.destinations: got [], expected at least one weighted destination'],
  ['a WeightedFunctionRoute with weights 0 and 0', c => new WeightedFunctionRoute(c.vs, 'w', { path: '/x', functionName: 'findPets', targets: [{ upstream: c.v1, weight: 0 }, { upstream: c.v2, weight: 0 }] }),
    '[c/vs/w] routeAction.multi.destinations[*].weight: got 0, expected weights that add up to at least 1 (got 0 + 0)'],
  ['an UpstreamGroup whose weights total 0', c => { new UpstreamGroup(c.chart, 'g', { destinations: [{ upstream: c.v1, weight: 0 }] }); Testing.synth(c.chart); },
    '[c/g] destinations[*].weight: got 0, expected weights that add up to at least 1'],
  ['an UpstreamGroup with no destinations', c => { new UpstreamGroup(c.chart, 'g'); Testing.synth(c.chart); },
    '[c/g] destinations: got [], expected at least one weighted destination'],
  // one-of fields
  ['a route without an action', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }] }),
    'routes[0]: got {"matchers":[{"prefix":"/x"}]}, expected a route with an action'],
  ['a route with two actions', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { upstream: c.v1 }, weightedDestinations: [{ upstream: c.v2, weight: 1 }] }),
    'routes[0]: got "destination and weightedDestinations", expected exactly one action per route'],
  ['a destination with no type', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: {} }),
    'routes[0].routeAction.single: got {}, expected a destination type: upstream or kube'],
  ['a destination with two types', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { upstream: c.v1, kube: { serviceName: 's', serviceNamespace: 'n', port: 80 } } }),
    'routes[0].routeAction.single: got "upstream and kube", expected exactly one destination type'],
  ['a weighted destination with no type', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], weightedDestinations: [{ weight: 1 }] }),
    'routes[0].routeAction.multi.destinations[0].destination: got {"weight":1}, expected a destination type: upstream or kube'],
  ['parameters without a function', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { upstream: c.v1, parameters: { path: '/x' } } }),
    'routes[0].routeAction.single.destinationSpec.rest.parameters: got {"path":"/x"}, expected parameters only together with functionName'],
  // function routes
  ['an unknown function', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { upstream: c.v1, functionName: 'findPet' } }),
    'functionName: got "findPet", expected one of the functions of upstream default-petstore-v1-8080: findPetById, findPets'],
  ['a function route to an upstream without REST spec', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { upstream: c.plain, functionName: 'f' } }),
    'expected an upstream with a REST spec, but upstream default-plain-80 has no functions'],
  ['a function route to a kube destination', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], destination: { kube: { serviceName: 's', serviceNamespace: 'n', port: 80 }, functionName: 'f' } }),
    'routes[0].routeAction.single.destinationSpec.rest.functionName: got "f", expected a function route to an Upstream with a REST spec'],
  ['a FunctionRoute to a missing function', c => new FunctionRoute(c.vs, 'f', { path: '/x', upstream: c.v2, functionName: 'deletePet' }),
    '[c/vs/f] routeAction.single.destinationSpec.rest.functionName: got "deletePet"'],
  ['a weighted function missing on one upstream', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], weightedDestinations: [{ upstream: c.v1, weight: 1, functionName: 'findPets' }, { upstream: c.plain, weight: 1, functionName: 'findPets' }] }),
    'routes[0].routeAction.multi.destinations[1].destination.destinationSpec.rest.functionName: got "findPets"'],
  // matchers
  ['a matcher with headers but no path', c => c.vs.addRoute({ matchers: [{ headers: [{ name: 'x-canary', value: 'true' }] }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0]: got {"headers":[{"name":"x-canary","value":"true"}]}, expected a path specifier (prefix, exact or regex)'],
  ['a matcher with methods but no path', c => c.vs.addRoute({ matchers: [{ methods: ['GET'] }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0]: got {"methods":["GET"]}, expected a path specifier'],
  ['a matcher with two path specifiers', c => c.vs.addRoute({ matchers: [{ prefix: '/a', regex: '/a.*' }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0]: got "prefix and regex", expected exactly one path specifier'],
  ['a prefix without a leading slash', c => c.vs.addRoute({ matchers: [{ prefix: 'pets' }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0].prefix: got "pets", expected a path that starts with "/"'],
  ['a header matcher without a name', c => c.vs.addRoute({ matchers: [{ prefix: '/', headers: [{ name: '' }] }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0].headers[0].name: got "", expected a non-empty header name'],
  ['a regex header matcher without a value', c => c.vs.addRoute({ matchers: [{ prefix: '/', headers: [{ name: 'x', regex: true }] }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0].headers[0].value: got nothing, expected a regular expression when regex is true'],
  ['a lowercase method', c => c.vs.addRoute({ matchers: [{ prefix: '/', methods: ['get'] }], destination: { upstream: c.v1 } }),
    'routes[0].matchers[0].methods[0]: got "get", expected an upper-case HTTP method such as GET'],
  // regexes (RE2, at synth)
  ['a path regex RE2 refuses (look-ahead)', c => { c.vs.addRoute({ matchers: [{ regex: '/pets(?=/)' }], destination: { upstream: c.v1 } }); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.matchers\[0\]\.regex: got "\/pets\(\?=\/\)", expected a valid RE2 regular expression \(error parsing regexp: invalid or unsupported Perl syntax/],
  ['a path regex with an unclosed group', c => { c.vs.addRoute({ matchers: [{ regex: '/pets/(' }], destination: { upstream: c.v1 } }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.regex: got "\/pets\/\(", expected a valid RE2 regular expression \(error parsing regexp: missing closing \)/],
  ['a header regex with a back-reference', c => { c.vs.addRoute({ matchers: [{ prefix: '/', headers: [{ name: 'x', value: '(a)\\1', regex: true }] }], destination: { upstream: c.v1 } }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.headers\[0\]\.value: got "\(a\)\\\\1", expected a valid RE2 regular expression .*hint: gloo passes header regexes to envoy unchecked/],
  ['a query regex with a possessive quantifier', c => { c.vs.addRoute({ matchers: [{ prefix: '/', queryParameters: [{ name: 'q', value: 'a++', regex: true }] }], destination: { upstream: c.v1 } }); Testing.synth(c.chart); },
    /routes\[0\]\.matchers\[0\]\.queryParameters\[0\]\.value: got "a\+\+", expected a valid RE2 regular expression/],
  ['a canary header regex RE2 refuses', c => { new CanaryRoute(c.vs, 'cr', { path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x', value: '(?<!a)b', match: HeaderMatchType.REGEX } }); Testing.synth(c.chart); },
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
  ['a prefix rewrite on a delegating route', c => c.vs.addRoute({ matchers: [{ prefix: '/x' }], delegateTo: new RouteTable(c.chart, 'rt'), options: { prefixRewrite: '/y' } }),
    'routes[0].options.prefixRewrite: got "/y", expected no prefix rewrite on a delegating route'],
  // domains
  ['two VirtualServices on one gateway sharing "*"', c => { new VirtualService(c.chart, 'other', { metadata: { name: 'other' } }); Testing.synth(c.chart); },
    /\[c\/vs\] domains: got \["\*"\], expected domains no other VirtualService on gateway gateway-proxy serves, but c\/other serves them too \(hint: gloo rejects both/],
  ['a domain listed twice', c => { new VirtualService(c.chart, 'dup', { domains: ['a.example.com', 'a.example.com'] }); Testing.synth(c.chart); },
    '[c/dup] domains[1]: got "a.example.com", expected each domain once'],
  ['an empty domain', c => new VirtualService(c.chart, 'e', { domains: [''] }),
    '[c/e] domains[0]: got "", expected a non-empty domain'],
  // shadowing
  ['a route shadowed by an earlier prefix', c => { c.vs.addRoute(route('/pets', c.v1)); c.vs.addRoute(route('/pets/find', c.v2)); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[1\]\.matchers: got \[\{"prefix":"\/pets\/find"\}\], expected a route that can match: routes\[0\] \(c\/vs\) matches every request it would, and comes first \(hint: gloo takes the first route that matches/],
  ['a header route placed after its plain route', c => { c.vs.addRoute(route('/findPets', c.v1)); c.vs.addRoute({ matchers: [{ prefix: '/findPets', headers: [{ name: 'x-canary', value: 'true' }] }], destination: { upstream: c.v2 } }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got .*, expected a route that can match: routes\[0\]/],
  ['a duplicate exact route', c => { c.vs.addRoute({ matchers: [{ exact: '/a' }], destination: { upstream: c.v1 } }); c.vs.addRoute({ matchers: [{ exact: '/a' }], destination: { upstream: c.v2 } }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got \[\{"exact":"\/a"\}\], expected a route that can match/],
  ['a route after a catch-all', c => { c.vs.addRoute(route('/', c.v1)); c.vs.addRoute({ matchers: [{ regex: '/x.*' }], destination: { upstream: c.v2 } }); Testing.synth(c.chart); },
    /routes\[1\]\.matchers: got .*, expected a route that can match: routes\[0\]/],
  ['a FunctionRoute shadowed by an earlier one, naming the later construct', c => { new FunctionRoute(c.vs, 'a', { path: '/find', upstream: c.v1, functionName: 'findPets' }); new FunctionRoute(c.vs, 'b', { path: '/findPets', upstream: c.v2, functionName: 'findPets' }); Testing.synth(c.chart); },
    /\[c\/vs\/b\] routes\[1\]\.matchers: .*routes\[0\] \(c\/vs\/a\) matches every request it would/],
  // references
  ['an upstream of another app', c => { const other = context(); c.vs.addRoute(route('/x', other.v1)); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.routeAction\.single\.upstream: got "gloo-system\/default-petstore-v1-8080 \(construct c\/v1 of another app\)", expected an Upstream defined in this app or declared external with Upstream\.fromUpstreamName\(\)/],
  ['an upstream group of another app', c => { const other = context(); const g = new UpstreamGroup(other.chart, 'g', { destinations: [{ upstream: other.v1, weight: 1 }] }); c.vs.addRoute({ matchers: [{ prefix: '/' }], upstreamGroup: g }); Testing.synth(c.chart); },
    /routes\[0\]\.routeAction\.upstreamGroup: got .*, expected an UpstreamGroup defined in this app or declared external with UpstreamGroup\.fromUpstreamGroupName\(\)/],
  ['a route table of another app', c => { const other = context(); c.vs.addRoute({ matchers: [{ prefix: '/' }], delegateTo: new RouteTable(other.chart, 'rt') }); Testing.synth(c.chart); },
    /routes\[0\]\.delegateAction\.ref: got .*, expected an RouteTable defined in this app or declared external with RouteTable\.fromRouteTableName\(\)/],
  ['an upstream group destination of another app', c => { const other = context(); new UpstreamGroup(c.chart, 'g', { destinations: [{ upstream: other.v1, weight: 1 }] }); Testing.synth(c.chart); },
    '[c/g] destinations[0].destination.upstream: got "gloo-system/default-petstore-v1-8080", expected an Upstream defined in this app'],
  // delegation
  ['a delegating route with a regex matcher', c => { c.vs.addRoute({ matchers: [{ regex: '/team/.*' }], delegateTo: new RouteTable(c.chart, 'rt') }); Testing.synth(c.chart); },
    '[c/vs] routes[0].matchers[0]: got {"regex":"/team/.*"}, expected a prefix matcher on a delegating route'],
  ['a delegating route with two matchers', c => { c.vs.addRoute({ matchers: [{ prefix: '/a' }, { prefix: '/b' }], delegateTo: new RouteTable(c.chart, 'rt') }); Testing.synth(c.chart); },
    /\[c\/vs\] routes\[0\]\.matchers: got .*, expected at most one matcher on a delegating route/],
  ['a child route outside the parent prefix', c => { const rt = new RouteTable(c.chart, 'rt', { metadata: { name: 'team' } }); rt.addRoute(route('/other', c.v1)); c.vs.addRoute({ matchers: [{ prefix: '/team' }], delegateTo: rt }); Testing.synth(c.chart); },
    '[c/vs] routes[0].delegateAction.ref → team routes[0].matchers[0]: got "/other", expected a path that starts with the delegating prefix "/team"'],
  ['a child route without the parent header', c => { const rt = new RouteTable(c.chart, 'rt', { metadata: { name: 'team' } }); rt.addRoute(route('/team/a', c.v1)); c.vs.addRoute({ matchers: [{ prefix: '/team', headers: [{ name: 'x-team', value: 'a' }] }], delegateTo: rt }); Testing.synth(c.chart); },
    /routes\[0\]\.delegateAction\.ref → team routes\[0\]\.matchers\[0\]\.headers: got \[\], expected the delegating route's header condition/],
  ['a delegation cycle', c => { const a = new RouteTable(c.chart, 'a', { metadata: { name: 'a' } }); const b = new RouteTable(c.chart, 'b', { metadata: { name: 'b' } }); a.addRoute({ matchers: [{ prefix: '/t/b' }], delegateTo: b }); b.addRoute({ matchers: [{ prefix: '/t/b/a' }], delegateTo: a }); c.vs.addRoute({ matchers: [{ prefix: '/t' }], delegateTo: a }); Testing.synth(c.chart); },
    /delegateAction\.ref: got "a → b → a", expected delegation without a cycle/],
  // canary constructs
  ['a canary header without a name', c => new CanaryRoute(c.vs, 'cr', { path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: '  ' } }),
    '[c/vs/cr] header.name: got "  ", expected a header name that is an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces), such as "x-canary"'],
  ['a canary identical to stable', c => new CanaryRoute(c.vs, 'cr', { path: '/findPets', functionName: 'findPets', stable: c.v2, canary: c.v2 }),
    '[c/vs/cr] canary: got "default-petstore-v2-8080 findPets", expected a canary that differs from the stable upstream and function'],
  ['a presence canary header with a value', c => new CanaryRoute(c.vs, 'cr', { path: '/findPets', functionName: 'findPets', stable: c.v1, canary: c.v2, header: { name: 'x', value: 'y', match: HeaderMatchType.PRESENT } }),
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
