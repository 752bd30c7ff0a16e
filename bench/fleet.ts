/**
 * The fleet the benchmark synthesizes, built two ways that must give byte-identical YAML:
 * with this library (all validation on), and with raw cdk8s ApiObjects (no validation).
 *
 * Each service i has a Deployment and a Service (`svc-i`), a stable Upstream with the petstore's
 * four REST functions, a canary Upstream (for `svc-i-v2`, with the same functions) and a canary
 * release of its `/svc-i/` route with header, 10%, 50% and promote stages, active at 10%.
 * The routes are spread across VirtualServices of 50 routes each.
 */
import { ApiObject, App, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { CanaryRelease, CanaryReleaseRoute, CanaryStage, PetstoreService, Upstream, VirtualService } from '../src';

export const ROUTES_PER_VIRTUAL_SERVICE = 50;
export const PARAMETERS = { headers: { ':path': '/svc/{id}' } };

/** The fleet through the library's constructs, every release at `stage` (`weight-10` unless given). */
export function buildWithLibrary(n: number, stage = 'weight-10'): App {
  const app = new App({ outdir: 'unused' });
  addLibraryFleet(app, n, ROUTES_PER_VIRTUAL_SERVICE, i => ({ path: `/svc-${i}/`, functionName: 'findPetById', parameters: PARAMETERS }), stage);
  return app;
}

/**
 * Adds the fleet's chart to `app`: for each service i, the `PetstoreService`, the canary Upstream
 * and the release of `route(i)`, in VirtualServices of `routesPerVirtualService` routes.
 */
export function addLibraryFleet(app: App, n: number, routesPerVirtualService: number, route: (i: number) => CanaryReleaseRoute, stage = 'weight-10'): void {
  const chart = new Chart(app, 'fleet');
  let vs: VirtualService | undefined;
  for (let i = 0; i < n; i++) {
    if (i % routesPerVirtualService === 0) vs = new VirtualService(chart, `vs-${i / routesPerVirtualService}`, virtualServiceProps(i / routesPerVirtualService));
    const svc = new PetstoreService(chart, `svc-${i}`, { version: 'v1', name: `svc-${i}` });
    const canary = new Upstream(chart, `svc-${i}-canary`, { serviceName: `svc-${i}-v2`, servicePort: 8080, functions: PetstoreService.FUNCTIONS });
    new CanaryRelease(vs!, `release-${i}`, {
      routeContainer: vs!,
      routes: [route(i)],
      stable: svc.upstream,
      canary,
      stages: [CanaryStage.header(), CanaryStage.weight(10), CanaryStage.weight(50), CanaryStage.promote()],
      stage,
    });
  }
}

/** The metadata and domains of the VirtualService of the routes of group `group`. */
export function virtualServiceProps(group: number) {
  return { metadata: { name: `group-${group}`, namespace: 'gloo-system' }, domains: [`group-${group}.example.com`] };
}

/** The same fleet as raw ApiObjects, written the way a team without the library would write them. */
export function buildRaw(n: number): App {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'fleet');
  for (let i = 0; i < n; i++) {
    if (i % ROUTES_PER_VIRTUAL_SERVICE === 0) {
      const group = i / ROUTES_PER_VIRTUAL_SERVICE;
      const last = Math.min(n, i + ROUTES_PER_VIRTUAL_SERVICE);
      const routes = [];
      for (let j = i; j < last; j++) routes.push(weightedRoute(j));
      const props = virtualServiceProps(group);
      new ApiObject(chart, `vs-${group}`, {
        apiVersion: 'gateway.solo.io/v1',
        kind: 'VirtualService',
        metadata: props.metadata,
        spec: { virtualHost: { domains: props.domains, routes } },
      });
    }
    const name = `svc-${i}`;
    const labels = addRawWorkload(chart, name);
    new ApiObject(chart, `${name}-upstream`, upstream(`default-${name}-8080`, name, labels, `http://${name}.default.svc.cluster.local:8080/swagger.json`));
    new ApiObject(chart, `${name}-canary-upstream`, upstream(`default-${name}-v2-8080`, `${name}-v2`));
  }
  return app;
}

/**
 * Adds the Deployment and the Service of `svc-i` as raw ApiObjects, as `PetstoreService` writes
 * them, and returns their labels.
 */
export function addRawWorkload(chart: Chart, name: string): { [k: string]: string } {
  const labels = { app: name };
  // PetstoreService labels pods with a hash of the Deployment's construct path (as cdk8s-plus does); so does this
  const scope = new Construct(chart, name);
  const podAddress = Names.toLabelValue(new Construct(scope, 'Deployment'));
  new ApiObject(chart, `${name}-deployment`, deployment(name, labels, podAddress));
  new ApiObject(chart, `${name}-service`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels, name, namespace: 'default' },
    spec: { externalIPs: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }], selector: labels, type: 'ClusterIP' },
  });
  return labels;
}

function deployment(name: string, labels: { [k: string]: string }, podAddress: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name, namespace: 'default' },
    spec: {
      minReadySeconds: 0,
      progressDeadlineSeconds: 600,
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...labels, 'cdk8s.io/metadata.addr': podAddress } },
        spec: {
          automountServiceAccountToken: false,
          containers: [{
            image: 'scottcranton/petstore:v1',
            imagePullPolicy: 'Always',
            name,
            ports: [{ containerPort: 8080 }],
            resources: { limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } },
            securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: false },
          }],
          dnsPolicy: 'ClusterFirst',
          hostNetwork: false,
          restartPolicy: 'Always',
          securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: false },
          setHostnameAsFQDN: false,
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  };
}

const TRANSFORMATIONS = {
  addPet: {
    body: { text: '{"id": {{ default(id, "") }},"name": "{{ default(name, "")}}","tag": "{{ default(tag, "")}}"}' },
    headers: { ':method': { text: 'POST' }, ':path': { text: '/api/pets' }, 'content-type': { text: 'application/json' } },
  },
  deletePet: {
    headers: { ':method': { text: 'DELETE' }, ':path': { text: '/api/pets/{{ default(id, "") }}' }, 'content-type': { text: 'application/json' } },
  },
  findPetById: {
    body: {},
    headers: { ':method': { text: 'GET' }, ':path': { text: '/api/pets/{{ default(id, "") }}' }, 'content-length': { text: '0' }, 'content-type': {}, 'transfer-encoding': {} },
  },
  findPets: {
    body: {},
    headers: {
      ':method': { text: 'GET' },
      ':path': { text: '/api/pets?tags={{default(tags, "")}}&limit={{default(limit, "")}}' },
      'content-length': { text: '0' },
      'content-type': {},
      'transfer-encoding': {},
    },
  },
};

export function upstream(name: string, serviceName: string, selector?: { [k: string]: string }, swaggerUrl?: string): any {
  return {
    apiVersion: 'gloo.solo.io/v1',
    kind: 'Upstream',
    metadata: { name, namespace: 'gloo-system' },
    spec: {
      kube: {
        selector,
        serviceName,
        serviceNamespace: 'default',
        servicePort: 8080,
        serviceSpec: { rest: { swaggerInfo: swaggerUrl ? { url: swaggerUrl } : undefined, transformations: TRANSFORMATIONS } },
      },
    },
  };
}

function functionDestination(upstreamName: string): any {
  return {
    destinationSpec: { rest: { functionName: 'findPetById', parameters: PARAMETERS } },
    upstream: { name: upstreamName, namespace: 'gloo-system' },
  };
}

export function weightedRoute(i: number): any {
  return {
    matchers: [{ prefix: `/svc-${i}/` }],
    routeAction: {
      multi: {
        destinations: [
          { destination: functionDestination(`default-svc-${i}-v2-8080`), weight: 10 },
          { destination: functionDestination(`default-svc-${i}-8080`), weight: 90 },
        ],
      },
    },
  };
}
