import { validRoute } from './routes';
import { formatHttpRouteProblem } from '../../src/gateway-api/http-route-problems';
import { HttpRouteRules } from '../../src/gateway-api/http-route-rules';

function problemsOf(change: (route: any) => void): string[] {
  const route = validRoute();
  change(route);
  return HttpRouteRules.check([route]).map(formatHttpRouteProblem);
}

const rule = (i: number) => (r: any) => r.spec.rules[i];
const times = (n: number, make: (i: number) => any) => Array.from({ length: n }, (_, i) => make(i));

describe('HttpRouteRules', () => {
  test('passes a valid route, and skips other kinds and API groups', () => {
    expect(HttpRouteRules.check([validRoute(), { kind: 'HTTPRoute', apiVersion: 'example.com/v1', spec: {} }, { kind: 'Service' }])).toEqual([]);
  });

  test('passes a route without rules or matches (the CRD defaults)', () => {
    expect(problemsOf(r => { delete r.spec.rules; })).toEqual([]);
    expect(problemsOf(r => { delete rule(0)(r).matches; })).toEqual([]);
  });

  test('reports the object, field, given value and expectation', () => {
    const route = validRoute();
    route.spec.rules[2].backendRefs[0].weight = 1_000_001;
    expect(HttpRouteRules.check([route])).toEqual([{
      object: 'apps/petstore',
      field: 'spec.rules[2].backendRefs[0].weight',
      given: 1_000_001,
      expected: 'an integer from 0 to 1,000,000',
    }]);
  });

  test.each<[string, (r: any) => void, string[]]>([
    // spec.parentRefs (not a CRD rule: a route without parents attaches to nothing)
    ['there is no parentRef but hostnames', r => { delete r.spec.parentRefs; r.spec.hostnames = ['a.example.com']; },
      ['[apps/petstore] spec.parentRefs: got nothing, expected at least one parentRef (the Gateway to attach to): a route without parents is only a delegation child, which has no hostnames']],
    ['parentRefs is empty but hostnames', r => { r.spec.parentRefs = []; r.spec.hostnames = ['a.example.com']; },
      ['[apps/petstore] spec.parentRefs: got [], expected at least one parentRef (the Gateway to attach to): a route without parents is only a delegation child, which has no hostnames']],
    ['no parentRefs and no hostnames (a delegation child)', r => { delete r.spec.parentRefs; delete r.spec.hostnames; }, []],
    ['a parentRef has no name', r => { r.spec.parentRefs = [{ namespace: 'x' }]; }, ['[apps/petstore] spec.parentRefs[0].name: got nothing, expected the name of the parent']],
    ['there are 33 parentRefs', r => { r.spec.parentRefs = times(33, i => ({ name: `gw${i}` })); }, ['[apps/petstore] spec.parentRefs: got 33, expected at most 32 parentRefs']],
    // spec.hostnames
    ['there are 17 hostnames', r => { r.spec.hostnames = times(17, i => `h${i}.example.com`); }, ['[apps/petstore] spec.hostnames: got 17, expected at most 16 hostnames']],
    ['a hostname is an IP address with a port', r => { r.spec.hostnames = ['10.0.0.1:80']; }, [expect.stringContaining('spec.hostnames[0]: got "10.0.0.1:80", expected a hostname matching ^(\\*\\.)?[a-z0-9]')]],
    ['a hostname has upper case', r => { r.spec.hostnames = ['Example.com']; }, [expect.stringContaining('spec.hostnames[0]: got "Example.com"')]],
    ['a wildcard is not the first label', r => { r.spec.hostnames = ['foo.*.example.com']; }, [expect.stringContaining('spec.hostnames[0]: got "foo.*.example.com"')]],
    ['a hostname is empty', r => { r.spec.hostnames = ['']; }, ['[apps/petstore] spec.hostnames[0]: got "", expected at least 1 character']],
    // spec.rules
    ['rules is an empty list', r => { r.spec.rules = []; }, ['[apps/petstore] spec.rules: got [], expected at least one rule, or no rules field']],
    ['there are 17 rules', r => { r.spec.rules = times(17, () => ({ backendRefs: [{ name: 'v1', port: 80 }] })); }, ['[apps/petstore] spec.rules: got 17, expected at most 16 rules per HTTPRoute']],
    ['the rules have 129 matches in all', r => {
      r.spec.rules = [...times(2, () => ({ matches: times(64, i => ({ path: { value: `/p${i}` } })) })), { matches: [{}] }];
    }, ['[apps/petstore] spec.rules: got "129 matches in all", expected at most 128 matches across all rules of a route']],
    ['a rule has 65 matches', r => { rule(1)(r).matches = times(65, i => ({ path: { value: `/p${i}` } })); }, ['[apps/petstore] spec.rules[1].matches: got 65, expected at most 64 matches per rule']],
    ['a rule has 17 backendRefs', r => { rule(1)(r).backendRefs = times(17, i => ({ name: `v${i}`, port: 80 })); }, ['[apps/petstore] spec.rules[1].backendRefs: got 17, expected at most 16 backendRefs per rule']],
    // backendRefs
    ['a weight is negative', r => { rule(2)(r).backendRefs[1].weight = -1; }, ['[apps/petstore] spec.rules[2].backendRefs[1].weight: got -1, expected an integer from 0 to 1,000,000']],
    ['a weight is not an integer', r => { rule(2)(r).backendRefs[1].weight = 2.5; }, ['[apps/petstore] spec.rules[2].backendRefs[1].weight: got 2.5, expected an integer from 0 to 1,000,000']],
    ['a Service backendRef has no port', r => { delete rule(1)(r).backendRefs[0].port; }, ['[apps/petstore] spec.rules[1].backendRefs[0].port: got nothing, expected a port for a Service reference']],
    ['a backendRef port is 0', r => { rule(1)(r).backendRefs[0].port = 0; }, ['[apps/petstore] spec.rules[1].backendRefs[0].port: got 0, expected an integer from 1 to 65,535']],
    ['a backendRef has no name', r => { delete rule(1)(r).backendRefs[0].name; }, ['[apps/petstore] spec.rules[1].backendRefs[0].name: got nothing, expected the name of the backend']],
    ['a backendRef namespace is not a label', r => { rule(1)(r).backendRefs[0].namespace = 'Apps'; }, [expect.stringContaining('spec.rules[1].backendRefs[0].namespace: got "Apps", expected a namespace matching')]],
    // matches[].path
    ['a PathPrefix does not start with /', r => { rule(0)(r).matches[0].path.value = 'findPetWithId'; }, [
      '[apps/petstore] spec.rules[0].matches[0].path.value: got "findPetWithId", expected an absolute path starting with "/" for a PathPrefix match',
    ]],
    ['an Exact path does not start with /', r => { rule(2)(r).matches[0].path.value = 'findPets'; }, [expect.stringContaining('expected an absolute path starting with "/" for a Exact match')]],
    ...['//', '/./', '/../', '%2f', '%2F', '#'].map((s): [string, (r: any) => void, string[]] => [
      `a path contains ${s}`, r => { rule(1)(r).matches[0].path.value = `/a${s}b`; }, [`[apps/petstore] spec.rules[1].matches[0].path.value: got "/a${s}b", expected a path without "${s}"`],
    ]),
    ...['/..', '/.'].map((s): [string, (r: any) => void, string[]] => [
      `a path ends with ${s}`, r => { rule(1)(r).matches[0].path.value = `/a${s}`; }, [`[apps/petstore] spec.rules[1].matches[0].path.value: got "/a${s}", expected a path that does not end with "${s}"`],
    ]),
    ['a path has a space', r => { rule(1)(r).matches[0].path.value = '/a b'; }, [expect.stringContaining('path.value: got "/a b", expected a path matching ^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$')]],
    ['a path is longer than 1024 characters', r => { rule(1)(r).matches[0].path.value = `/${'a'.repeat(1024)}`; }, [expect.stringContaining('expected at most 1024 characters')]],
    ['a path type is unknown', r => { rule(1)(r).matches[0].path.type = 'Prefix'; }, ['[apps/petstore] spec.rules[1].matches[0].path.type: got "Prefix", expected one of Exact, PathPrefix, RegularExpression']],
    ['a RegularExpression path is not RE2', r => { rule(1)(r).matches[0].path = { type: 'RegularExpression', value: '/(?=a)' }; }, [expect.stringContaining('path.value: got "/(?=a)", expected an RE2 regular expression')]],
    ['a method is lower case', r => { rule(0)(r).matches[0].method = 'get'; }, ['[apps/petstore] spec.rules[0].matches[0].method: got "get", expected one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH']],
    // matches[].headers and queryParams
    ['a match has 17 headers', r => { rule(1)(r).matches[0].headers = times(17, i => ({ name: `h${i}`, value: 'v' })); }, ['[apps/petstore] spec.rules[1].matches[0].headers: got 17, expected at most 16 header matches']],
    ['a header name is not an HTTP token', r => { rule(1)(r).matches[0].headers[0].name = 'x canary:'; }, [
      '[apps/petstore] spec.rules[1].matches[0].headers[0].name: got "x canary:", expected an HTTP token matching ^[A-Za-z0-9!#$%&\'*+\\-.^_`|~]+$',
    ]],
    ['a header value is empty (no presence-only match)', r => { rule(1)(r).matches[0].headers[0].value = ''; }, ['[apps/petstore] spec.rules[1].matches[0].headers[0].value: got "", expected a non-empty value']],
    ['a header value is missing', r => { delete rule(1)(r).matches[0].headers[0].value; }, ['[apps/petstore] spec.rules[1].matches[0].headers[0].value: got nothing, expected a non-empty value']],
    ['a header value is longer than 4096 characters', r => { rule(1)(r).matches[0].headers[0].value = 'v'.repeat(4097); }, [expect.stringContaining('headers[0].value: got "vvv')]],
    ['a header match type is unknown', r => { rule(1)(r).matches[0].headers[0].type = 'Prefix'; }, ['[apps/petstore] spec.rules[1].matches[0].headers[0].type: got "Prefix", expected one of Exact, RegularExpression']],
    ['a header regular expression is not RE2', r => { rule(1)(r).matches[0].headers[0] = { name: 'x', type: 'RegularExpression', value: '(a)\\1' }; }, [expect.stringContaining('headers[0].value: got "(a)\\\\1", expected an RE2 regular expression')]],
    ['a match has 17 query params', r => { rule(2)(r).matches[0].queryParams = times(17, i => ({ name: `q${i}`, value: 'v' })); }, ['[apps/petstore] spec.rules[2].matches[0].queryParams: got 17, expected at most 16 query-param matches']],
    ['a query param value is longer than 1024 characters', r => { rule(2)(r).matches[0].queryParams[0] = { name: 'q', value: 'v'.repeat(1025) }; }, [expect.stringContaining('queryParams[0].value: got "vvv')]],
    ['a query param name is empty', r => { rule(2)(r).matches[0].queryParams[0].name = ''; }, ['[apps/petstore] spec.rules[2].matches[0].queryParams[0].name: got "", expected a name']],
    // ReplacePrefixMatch CEL
    ['ReplacePrefixMatch is used with an Exact match', r => { rule(0)(r).matches[0].path.type = 'Exact'; }, [
      '[apps/petstore] spec.rules[0].matches: got ["Exact"], expected exactly one PathPrefix match when a urlRewrite filter uses ReplacePrefixMatch',
    ]],
    ['ReplacePrefixMatch is used with two PathPrefix matches', r => { rule(0)(r).matches.push({ path: { value: '/other' } }); }, [
      '[apps/petstore] spec.rules[0].matches: got ["PathPrefix","PathPrefix"], expected exactly one PathPrefix match when a urlRewrite filter uses ReplacePrefixMatch',
    ]],
    ['ReplacePrefixMatch is used with an empty matches list', r => { rule(0)(r).matches = []; }, [expect.stringContaining('spec.rules[0].matches: got [], expected exactly one PathPrefix match')]],
    ['a backendRef filter uses ReplacePrefixMatch with a RegularExpression match', r => {
      const rewrite = rule(0)(r).filters.pop();
      rule(0)(r).backendRefs[0].filters = [rewrite];
      rule(0)(r).matches[0].path = { type: 'RegularExpression', value: '/find.*' };
    }, ['[apps/petstore] spec.rules[0].matches: got ["RegularExpression"], expected exactly one PathPrefix match when a urlRewrite filter of a backendRef uses ReplacePrefixMatch']],
    ['a RequestRedirect uses ReplacePrefixMatch with an Exact match', r => {
      r.spec.rules[0] = { matches: [{ path: { type: 'Exact', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } }] };
    }, ['[apps/petstore] spec.rules[0].matches: got ["Exact"], expected exactly one PathPrefix match when a requestRedirect filter uses ReplacePrefixMatch']],
    // filters
    ['a rule has two URLRewrite filters', r => { rule(0)(r).filters.push({ type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } }); }, [
      '[apps/petstore] spec.rules[0].filters[1].type: got "URLRewrite", expected at most one URLRewrite filter in a list',
    ]],
    ['a rule has two RequestHeaderModifier filters', r => { rule(2)(r).filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x'] } }); }, [
      '[apps/petstore] spec.rules[2].filters[2].type: got "RequestHeaderModifier", expected at most one RequestHeaderModifier filter in a list',
    ]],
    ['a backendRef has two ResponseHeaderModifier filters', r => {
      rule(1)(r).backendRefs[0].filters = times(2, () => ({ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x'] } }));
    }, ['[apps/petstore] spec.rules[1].backendRefs[0].filters[1].type: got "ResponseHeaderModifier", expected at most one ResponseHeaderModifier filter in a list']],
    ['a rule has both RequestRedirect and URLRewrite', r => {
      r.spec.rules[0] = { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }, { type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } }] };
    }, ['[apps/petstore] spec.rules[0].filters[1].type: got "URLRewrite", expected either a RequestRedirect or a URLRewrite filter, not both']],
    ['a RequestRedirect is used with backendRefs', r => { rule(1)(r).filters = [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }]; }, [
      '[apps/petstore] spec.rules[1].filters: got "RequestRedirect", expected no RequestRedirect filter in a rule with backendRefs',
    ]],
    ['a rule has 17 filters', r => { rule(1)(r).filters = times(17, () => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } })); }, [
      '[apps/petstore] spec.rules[1].filters: got 17, expected at most 16 filters',
    ]],
    ['a filter type is unknown', r => { rule(1)(r).filters = [{ type: 'Rewrite' }]; }, [expect.stringContaining('spec.rules[1].filters[0].type: got "Rewrite", expected one of RequestHeaderModifier,')]],
    ['a filter lacks the field of its type', r => { rule(1)(r).filters = [{ type: 'URLRewrite' }]; }, ['[apps/petstore] spec.rules[1].filters[0].urlRewrite: got nothing, expected a urlRewrite for a URLRewrite filter']],
    ['a filter has the field of another type', r => { rule(0)(r).filters[0].requestMirror = { backendRef: { name: 'm', port: 80 } }; }, [
      '[apps/petstore] spec.rules[0].filters[0].requestMirror: got {"backendRef":{"name":"m","port":80}}, expected no requestMirror in a URLRewrite filter',
    ]],
    // URLRewrite / RequestRedirect path modifiers
    ['ReplacePrefixMatch has no replacePrefixMatch', r => { delete rule(0)(r).filters[0].urlRewrite.path.replacePrefixMatch; }, [
      '[apps/petstore] spec.rules[0].filters[0].urlRewrite.path.replacePrefixMatch: got nothing, expected a replacePrefixMatch when type is ReplacePrefixMatch',
    ]],
    ['replaceFullPath is set with type ReplacePrefixMatch', r => { rule(0)(r).filters[0].urlRewrite.path.replaceFullPath = '/x'; }, [
      '[apps/petstore] spec.rules[0].filters[0].urlRewrite.path.type: got "ReplacePrefixMatch", expected ReplaceFullPath when replaceFullPath is set',
    ]],
    ['a path modifier type is unknown', r => { rule(0)(r).filters[0].urlRewrite.path.type = 'Prefix'; }, [
      '[apps/petstore] spec.rules[0].filters[0].urlRewrite.path.type: got "Prefix", expected one of ReplaceFullPath, ReplacePrefixMatch',
      '[apps/petstore] spec.rules[0].filters[0].urlRewrite.path.type: got "Prefix", expected ReplacePrefixMatch when replacePrefixMatch is set',
    ]],
    ['a replacePrefixMatch is longer than 1024 characters', r => { rule(0)(r).filters[0].urlRewrite.path.replacePrefixMatch = `/${'a'.repeat(1024)}`; }, [
      expect.stringContaining('urlRewrite.path.replacePrefixMatch: got "/aaa'),
    ]],
    ['a URLRewrite hostname has a wildcard', r => { rule(0)(r).filters[0].urlRewrite.hostname = '*.example.com'; }, [expect.stringContaining('urlRewrite.hostname: got "*.example.com", expected a hostname matching')]],
    // RequestMirror
    ['a mirror percent is above 100', r => { rule(2)(r).filters[0].requestMirror.percent = 101; }, ['[apps/petstore] spec.rules[2].filters[0].requestMirror.percent: got 101, expected an integer from 0 to 100']],
    ['a mirror has both percent and fraction', r => { rule(2)(r).filters[0].requestMirror.fraction = { numerator: 1 }; }, [
      '[apps/petstore] spec.rules[2].filters[0].requestMirror.fraction: got {"numerator":1}, expected either percent or fraction, not both',
    ]],
    ['a mirror fraction is above 1', r => { rule(2)(r).filters[0].requestMirror = { backendRef: { name: 'm', port: 80 }, fraction: { numerator: 5, denominator: 4 } }; }, [
      '[apps/petstore] spec.rules[2].filters[0].requestMirror.fraction.numerator: got 5, expected a numerator no larger than the denominator (4)',
    ]],
    ['a mirror fraction has denominator 0', r => { rule(2)(r).filters[0].requestMirror = { backendRef: { name: 'm', port: 80 }, fraction: { numerator: 0, denominator: 0 } }; }, [
      '[apps/petstore] spec.rules[2].filters[0].requestMirror.fraction.denominator: got 0, expected an integer from 1 to 2,147,483,647',
    ]],
    ['a mirror to a Service has no port', r => { delete rule(2)(r).filters[0].requestMirror.backendRef.port; }, [
      '[apps/petstore] spec.rules[2].filters[0].requestMirror.backendRef.port: got nothing, expected a port for a Service reference',
    ]],
    // RequestHeaderModifier
    ['a header modifier sets 17 headers', r => { rule(2)(r).filters[1].requestHeaderModifier.set = times(17, i => ({ name: `h${i}`, value: 'v' })); }, [
      '[apps/petstore] spec.rules[2].filters[1].requestHeaderModifier.set: got 17, expected at most 16 headers',
    ]],
    ['a header modifier removes 17 headers', r => { rule(2)(r).filters[1].requestHeaderModifier.remove = times(17, i => `h${i}`); }, [
      '[apps/petstore] spec.rules[2].filters[1].requestHeaderModifier.remove: got 17, expected at most 16 header names',
    ]],
    ['a header modifier adds an empty value', r => { rule(2)(r).filters[1].requestHeaderModifier.add = [{ name: 'x', value: '' }]; }, [
      '[apps/petstore] spec.rules[2].filters[1].requestHeaderModifier.add[0].value: got "", expected a non-empty header value',
    ]],
    ['a header modifier sets a name that is not a token', r => { rule(2)(r).filters[1].requestHeaderModifier.set[0].name = 'x route'; }, [
      expect.stringContaining('requestHeaderModifier.set[0].name: got "x route", expected an HTTP token'),
    ]],
  ])('fails when %s', (_what, change, expected) => {
    expect(problemsOf(change)).toEqual(expected);
  });
});

test('rule names are section names, unique within the route', () => {
  const route = (names: Array<string | undefined>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r', namespace: 'ns' },
    spec: { parentRefs: [{ name: 'gw' }], rules: names.map(name => ({ ...(name !== undefined ? { name } : {}), backendRefs: [{ name: 's', port: 80 }] })) },
  });
  expect(HttpRouteRules.check([route(['a', 'a.2', undefined, undefined])])).toEqual([]);
  expect(HttpRouteRules.check([route(['a', 'a'])]).map(p => `${p.field}: ${p.expected}`)).toEqual(['spec.rules[1].name: a name no other rule of the route has']);
  expect(HttpRouteRules.check([route(['A_b'])]).map(p => p.field)).toEqual(['spec.rules[0].name']);
});
