import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { app, release, vs } from '../../examples/your-own-service/app';
import { addPayments } from '../../examples/your-own-service/plain-upstream';
import { CrdSchemaValidator, RoutingSimulator } from '../../src';
import { REPO_ROOT } from '../util';

describe('the README\'s "your own service" example', () => {
  test('synthesizes valid objects for checkout in namespace shop, 5% to v2', () => {
    const manifests = app.charts.flatMap(c => c.toJson());
    expect(manifests.map((m: any) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'Deployment/shop/checkout-v1', 'Service/shop/checkout-v1', 'Upstream/gloo-system/shop-checkout-v1-8080',
      'Deployment/shop/checkout-v2', 'Service/shop/checkout-v2', 'Upstream/gloo-system/shop-checkout-v2-8080',
      'VirtualService/gloo-system/shop',
    ]);
    expect(CrdSchemaValidator.gloo().validate(manifests)).toEqual([]);
    expect(RoutingSimulator.sharesByUpstream(RoutingSimulator.simulateRequest(vs, { path: '/checkout/cart' }))).toEqual({ 'shop-checkout-v2-8080': 5, 'shop-checkout-v1-8080': 95 });
  });

  test('the stage names in its comment are the ones the schedule generates', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'your-own-service', 'app.ts'), 'utf8');
    const comment = /\/\/ stages: (.*)$/m.exec(source);
    expect(comment?.[1].split(', ')).toEqual(release.stageNames);
  });

  test('a plain Upstream for a cdk8s-plus-33 Service, in its own namespace', () => {
    const chart = new Chart(Testing.app(), 'payments');
    const upstream = addPayments(chart);
    expect([upstream.name, upstream.namespace]).toEqual(['shop-payments-80', 'gloo']);
    expect(CrdSchemaValidator.gloo().validate(chart.toJson())).toEqual([]);
  });
});
