import * as fs from 'fs';
import * as path from 'path';
import * as gateway from '../../src/imports/gateway.solo.io';
import * as gloo from '../../src/imports/gloo.solo.io';
import { GlooRouteTable, GlooUpstream, GlooUpstreamGroup, GlooVirtualService } from '../../src/private/gvk';

describe('the hand-written GVK constants', () => {
  test.each([
    ['Upstream', GlooUpstream.GVK, gloo.Upstream.GVK],
    ['UpstreamGroup', GlooUpstreamGroup.GVK, gloo.UpstreamGroup.GVK],
    ['VirtualService', GlooVirtualService.GVK, gateway.VirtualService.GVK],
    ['RouteTable', GlooRouteTable.GVK, gateway.RouteTable.GVK],
  ])('%s equals the generated binding\'s GVK', (_kind, ours, generated) => {
    expect(ours).toEqual({ apiVersion: generated.apiVersion, kind: generated.kind });
  });
});

describe('the library\'s source', () => {
  const src = path.join(__dirname, '..', '..', 'src');

  function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'imports' ? [] : sourceFiles(p);
      return entry.name.endsWith('.ts') ? [p] : [];
    });
  }

  // The generated bindings are megabytes of JavaScript that the package does not ship.
  test('imports only types from the generated bindings in src/imports/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(import|export)\b([^;]*?)from\s+'([^']+)'/gms)) {
        const isBindings = /(^|\/)imports\/[^/]+$/.test(m[3]);
        const typeOnly = /^\s*type\b/.test(m[2]);
        if (isBindings && !typeOnly) offenders.push(`${path.relative(src, file)}: ${m[0].split('\n')[0]}`);
      }
      if (/require\([^)]*imports\//.test(text)) offenders.push(`${path.relative(src, file)}: require of the bindings`);
    }
    expect(offenders).toEqual([]);
  });
});
