// A user's cdk8s app, as CI's fresh-app check writes it: the checkout service, v1 and v2, behind
// shop.example.com, released stage by stage; and a payments Service built with the cdk8s-plus
// major the app depends on (cdk8s-plus-XX is replaced by the major under test).
import { App, Chart, ChartProps } from 'cdk8s';
import { CanaryRelease, CanaryStage, Destination, PathMatch, RouteAction, Upstream, VersionedService, VirtualService } from 'cdk8s-gloo-canary';
import * as kplus from 'cdk8s-plus-XX';
import { Construct } from 'constructs';

export class ShopChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const v1 = new VersionedService(this, 'checkout-v1', { name: 'checkout', version: 'v1', image: 'example/checkout:1.0', port: 8080, namespace: 'shop' });
    const v2 = new VersionedService(this, 'checkout-v2', { name: 'checkout', version: 'v2', image: 'example/checkout:2.0', port: 8080, namespace: 'shop' });

    const payments = new kplus.Service(this, 'payments', {
      metadata: { name: 'payments', namespace: 'shop' },
      ports: [{ port: 80, targetPort: 8080 }],
    });
    const paymentsUpstream = new Upstream(this, 'payments-upstream', { service: payments });

    const vs = new VirtualService(this, 'shop', {
      metadata: { name: 'shop', namespace: 'gloo-system' },
      domains: ['shop.example.com'],
    });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/payments') }], action: RouteAction.forward(Destination.upstream(paymentsUpstream)) });

    new CanaryRelease(this, 'checkout', {
      routeContainer: vs,
      routes: [{ path: '/checkout' }],
      stable: v1.upstream,
      canary: v2.upstream,
      header: { name: 'x-canary', value: 'checkout-s3cr3t' },
      stages: [CanaryStage.stable(), CanaryStage.header(), ...CanaryStage.stepWeights([10, 50]), CanaryStage.promote(), CanaryStage.rollback()],
      stage: 'weight-10',
    });
  }
}

const app = new App();
new ShopChart(app, 'shop');
app.synth();
