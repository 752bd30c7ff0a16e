/**
 * The README's plain `Upstream` for a Service built with cdk8s-plus (a test synthesizes it).
 */
// [tutorial:own-upstream]
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Upstream } from '../../src';

export function addPayments(chart: Chart): Upstream {
  // Any Service works: one of cdk8s-plus 28 to 33, a KubeService, or an ApiObject of kind Service.
  const payments = new kplus.Service(chart, 'payments', {
    metadata: { name: 'payments', namespace: 'shop' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  // The Upstream shop-payments-80 (as Gloo's discovery names it), in namespace gloo instead of gloo-system.
  return new Upstream(chart, 'payments-upstream', { service: payments, metadata: { namespace: 'gloo' } });
}
// [/tutorial]
