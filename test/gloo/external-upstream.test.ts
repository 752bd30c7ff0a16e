import { Chart, Testing } from 'cdk8s';
import { Destination, ExternalUpstream, GatewayApiTarget, PathMatch, RouteAction, RoutingSimulator, Upstream, VirtualService } from '../../src';
import { newChart, onlyManifest, vsRoutes } from '../util';

describe('Upstreams outside Kubernetes, function destinations and gRPC service specs, typed as Gloo\'s CRD has them', () => {
  test('an ExternalUpstream renders its type, and a route calls one of its Lambda functions', () => {
    const chart = newChart();
    const lambda = new ExternalUpstream(chart, 'lambda', {
      metadata: { name: 'checkout-lambda' },
      type: { aws: { region: 'us-east-1', secretRef: { name: 'aws-creds', namespace: 'gloo-system' }, lambdaFunctions: [{ logicalName: 'checkout', lambdaFunctionName: 'checkout-v2' }] } },
      options: { connectionConfig: { connectTimeout: '2s' } },
    });
    const vs = new VirtualService(chart, 'vs', { metadata: { name: 'shop', namespace: 'gloo-system' } });
    vs.addRoute({ matchers: [{ path: PathMatch.prefix('/checkout') }], action: RouteAction.forward(Destination.upstream(lambda, { destinationSpec: { aws: { logicalName: 'checkout' } } })) });
    expect(onlyManifest(chart, 'Upstream')).toEqual({
      apiVersion: 'gloo.solo.io/v1',
      kind: 'Upstream',
      metadata: { name: 'checkout-lambda', namespace: 'gloo-system' },
      spec: {
        aws: { region: 'us-east-1', secretRef: { name: 'aws-creds', namespace: 'gloo-system' }, lambdaFunctions: [{ logicalName: 'checkout', lambdaFunctionName: 'checkout-v2' }] },
        connectionConfig: { connectTimeout: '2s' },
      },
    });
    expect(vsRoutes(chart)[0].routeAction.single).toEqual({
      upstream: { name: 'checkout-lambda', namespace: 'gloo-system' }, destinationSpec: { aws: { logicalName: 'checkout' } },
    });
    expect(RoutingSimulator.fromApp(chart).simulate('shop', { path: '/checkout' }, 'gloo-system').destinations.map(d => d.upstream)).toEqual(['checkout-lambda']);
  });

  test.each([
    ['no type', {}, '[test/up] type: got {}, expected exactly one of ai, aws, awsEc2, azure, consul, gcp, pipe'],
    ['two types', { gcp: { host: 'a.run.app' }, pipe: { path: '/run/x.sock' } },
      '[test/up] type: got {"gcp":{"host":"a.run.app"},"pipe":{"path":"/run/x.sock"}}, expected exactly one of ai, aws, awsEc2, azure, consul, gcp, pipe (hint: gloo reads one of them (gcp and pipe are given))'],
    ['a type the CRD does not have', { lambda: {} }, '[test/up] type.lambda: got {}, expected one of ai, aws, awsEc2, azure, consul, gcp, pipe'],
    ['a field of another type', { awsEc2: { region: 'eu-west-1', port: '80' } }, '[test/up] type.awsEc2.port: got "80", expected a whole number from 0 to 4294967295, as Gloo\'s CRD has it'],
  ])('%s is refused where it is given', (_what, type, message) => {
    expect(() => new ExternalUpstream(newChart(), 'up', { type: type as any })).toThrow(message);
  });

  test('a destination calls one function: two kinds of function are refused', () => {
    const chart = newChart();
    const up = new ExternalUpstream(chart, 'fn', { type: { azure: { functionAppName: 'shop' } } });
    const vs = new VirtualService(chart, 'vs', {});
    expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { destinationSpec: { azure: { functionName: 'a' }, grpc: { function: 'b' } } })) }))
      .toThrow('routes[0].routeAction.single.destinationSpec: got {"azure":{"functionName":"a"},"grpc":{"function":"b"}}, expected exactly one of aws, azure, grpc');
  });

  test('a Kubernetes Upstream offers gRPC to JSON transcoding, not together with REST functions', () => {
    const chart = newChart();
    new Upstream(chart, 'grpc', { serviceName: 'bookstore', servicePort: 8080, serviceSpec: { grpcJsonTranscoder: { protoDescriptorBin: 'Cg==', services: ['main.Bookstore'] } } });
    expect(onlyManifest(chart, 'Upstream').spec.kube.serviceSpec).toEqual({ grpcJsonTranscoder: { protoDescriptorBin: 'Cg==', services: ['main.Bookstore'] } });
    expect(() => new Upstream(newChart(), 'both', { serviceName: 'b', servicePort: 80, functions: { f: {} }, serviceSpec: { grpc: {} } }))
      .toThrow('[test/both] kube.serviceSpec: got {"grpc":{}}, expected a serviceSpec without functions or swaggerUrl');
  });

  test('the Gateway API target refuses them by name', () => {
    const app = Testing.app();
    GatewayApiTarget.apply(app, { gatewayName: 'gw', gatewayNamespace: 'gw' });
    const chart = new Chart(app, 'test');
    expect(() => new ExternalUpstream(chart, 'up', { type: { gcp: { host: 'a.run.app' } } }))
      .toThrow('[test/up] type: got {"gcp":{"host":"a.run.app"}}, expected no Upstream outside Kubernetes under the gateway api target');
    expect(() => new Upstream(chart, 'grpc', { serviceName: 'b', servicePort: 80, serviceSpec: { grpc: {} } }))
      .toThrow('[test/grpc] serviceSpec: got {"grpc":{}}, expected no serviceSpec under the gateway api target');
    const up = new Upstream(chart, 'plain', { serviceName: 'b', servicePort: 80 });
    const vs = new VirtualService(chart, 'vs', {});
    vs.addRoute({ action: RouteAction.forward(Destination.upstream(up, { destinationSpec: { grpc: { function: 'Get' } } })) });
    expect(() => app.synth()).toThrow(/routes\[0\]\.routeAction\.single\.destinationSpec: got \{"grpc":\{"function":"Get"\}\}, expected a destination without a function/);
  });
});

test('a function call is checked against the Upstream of this app it goes to, as Gloo does', () => {
  const chart = newChart();
  const lambda = new ExternalUpstream(chart, 'lambda', { type: { aws: { region: 'us-east-1', lambdaFunctions: [{ logicalName: 'checkout', lambdaFunctionName: 'c' }] } } });
  const pets = new Upstream(chart, 'pets', { serviceName: 'pets', servicePort: 8080 });
  const vs = new VirtualService(chart, 'vs', {});
  expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(lambda, { destinationSpec: { aws: { logicalName: 'refund' } } })) }))
    .toThrow('routes[0].routeAction.single.destinationSpec.aws.logicalName: got "refund", expected a function');
  expect(() => vs.addRoute({ action: RouteAction.forward(Destination.upstream(pets, { destinationSpec: { aws: { logicalName: 'checkout' } } })) }))
    .toThrow('routes[0].routeAction.single.destinationSpec.aws: got {"logicalName":"checkout"}, expected an aws call to an AWS Upstream, but');
});
