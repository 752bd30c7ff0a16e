/**
 * The Deployment and Service bodies of a `VersionedService`, written as plain JSON in the shape
 * cdk8s-plus-28 renders for the input `VersionedService` documents (one replica by default, pod
 * and container allowed to run as root, container ports without a startup probe; its other
 * defaults included), so that the output did not change when the library stopped using
 * cdk8s-plus. test/service/cdk8s-plus-parity.test.ts holds the two side by side.
 */

import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { JsonObject } from './json';

/** Where the Deployment and the Service go: the namespace given, else the chart's, else `default`. */
export function workloadNamespace(scope: IConstruct, namespace: string | undefined): string {
  return namespace ?? Chart.of(scope).namespace ?? 'default';
}

/** The label cdk8s-plus puts on pod templates: the Deployment's construct address. */
export const POD_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/** What a Deployment and its Service are built from. */
export interface WorkloadSpec {
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly image: string;
  readonly port: number;
  readonly containerPort: number;
  readonly replicas: number;
  readonly env?: { [name: string]: string };
}

/**
 * The `spec` of an apps/v1 Deployment. Its pod template labels are returned too, so that the caller
 * can add the pod address label once the Deployment's construct path is known.
 */
export function deploymentSpec(w: WorkloadSpec): { spec: JsonObject; podLabels: { [key: string]: string } } {
  const podLabels = { ...w.labels };
  const envNames = Object.keys(w.env ?? {}).sort();
  const container = {
    env: envNames.length > 0 ? envNames.map(name => ({ name, value: w.env![name] })) : undefined,
    image: w.image,
    imagePullPolicy: 'Always',
    name: w.name,
    ports: [{ containerPort: w.containerPort }],
    resources: { limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } },
    securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: false },
  };
  const spec = {
    minReadySeconds: 0,
    progressDeadlineSeconds: 600,
    replicas: w.replicas,
    selector: { matchLabels: { ...w.labels } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template: {
      metadata: { labels: podLabels },
      spec: {
        automountServiceAccountToken: false,
        containers: [container],
        dnsPolicy: 'ClusterFirst',
        hostNetwork: false,
        restartPolicy: 'Always',
        securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: false },
        setHostnameAsFQDN: false,
        terminationGracePeriodSeconds: 30,
      },
    },
  };
  return { spec, podLabels };
}

/** The `spec` of a v1 Service of type ClusterIP with one TCP port named `http`. */
export function serviceSpec(w: WorkloadSpec): JsonObject {
  return {
    externalIPs: [],
    ports: [{ name: 'http', port: w.port, protocol: 'TCP', targetPort: w.containerPort }],
    selector: { ...w.labels },
    type: 'ClusterIP',
  };
}
