import * as fs from 'fs';
import { KNOWN_KEYS } from '../../src/private/known-keys';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/gen-option-types.js') as { sources(): { [file: string]: string } };

describe('the option types generated from the CRD', () => {
  test.each(Object.keys(generator.sources()))('%s is what scripts/gen-option-types.js writes from the vendored CRDs', file => {
    expect(fs.readFileSync(file, 'utf8')).toBe(generator.sources()[file]);
  });

  test('every route and VirtualHost option of the CRD is a field of RouteBehavior or VirtualHostBehavior, typed by hand or generated', () => {
    const schemas = JSON.parse(fs.readFileSync(`${__dirname}/../../imports/gloo.schemas.json`, 'utf8'));
    const vh = schemas['gateway.solo.io/v1/VirtualService'].properties.spec.properties.virtualHost.properties;
    // Gloo's field -> the library's, where the library names it otherwise
    const renamed: { [gloo: string]: string } = {
      autoHostRewrite: 'hostRewrite', hostRewriteHeader: 'hostRewrite', lbHash: 'hashPolicies', ratelimit: 'rateLimits', shadowing: '(RouteProps.mirror)',
    };
    const routeFields = Object.keys(vh.routes.items.properties.options.properties).map(f => renamed[f] ?? f).filter(f => !f.startsWith('('));
    const vhFields = Object.keys(vh.options.properties).map(f => renamed[f] ?? f);
    expect(routeFields.filter(f => !(KNOWN_KEYS.RouteBehavior as readonly string[]).includes(f))).toEqual([]);
    expect(vhFields.filter(f => !(KNOWN_KEYS.VirtualHostBehavior as readonly string[]).includes(f))).toEqual([]);
  });
});
