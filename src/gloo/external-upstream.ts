import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { GlooResource } from './gloo-resource';
import { GLOO_SYSTEM_NAMESPACE } from './imported-resource';
import { checkUpstreamType, renderOneOf } from './pass-through-options';
import { keepOutOfOutput, routeOutputOf } from './route-output';
import { checkUpstreamSettings, renderUpstreamSettings } from './upstream-options';
import type { UpstreamSpec } from '../imports/gloo.solo.io';
import type { ExternalUpstreamType, UpstreamOptions } from '../model/gloo-option-types.generated';
import { LoadBalancer } from '../model/load-balancer';
import { IUpstream } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { GlooUpstream } from '../private/gvk';
import { checkKnownKeys } from '../private/unknown-keys';

const EXTERNAL_UPSTREAM_BRAND = brandSymbol('ExternalUpstream');

/** Properties of an `ExternalUpstream`. */
export interface ExternalUpstreamProps {
  /**
   * Metadata of the Upstream.
   * @default - a name cdk8s generates from the construct path; namespace `gloo-system`
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * What the Upstream is, exactly one of: `aws` (AWS Lambda functions), `awsEc2` (EC2 instances),
   * `azure` (Azure Functions), `consul` (a Consul service), `gcp` (a Google Cloud service), `ai`
   * (an AI provider) or `pipe` (a Unix socket), as Gloo's CRD has it.
   */
  readonly type: ExternalUpstreamType;
  /**
   * How Envoy picks an endpoint (`loadBalancerConfig`).
   * @default - Envoy's round robin
   */
  readonly loadBalancer?: LoadBalancer;
  /**
   * Labels as Gloo's discovery gives them (`discoveryMetadata.labels`).
   * @default - none
   */
  readonly discoveryLabels?: { [key: string]: string };
  /**
   * Further fields of the Upstream's `spec` (TLS, connection, health checks), as Gloo's CRD has them.
   * @default - Gloo's defaults
   */
  readonly options?: UpstreamOptions;
}

/**
 * A Gloo Upstream outside Kubernetes (`gloo.solo.io/v1`): AWS Lambda, EC2, Azure Functions, Consul,
 * Google Cloud, an AI provider or a Unix socket. Routes reach it as any Upstream
 * (`Destination.upstream`), an AWS Lambda or Azure function with the destination's `destinationSpec`.
 */
export class ExternalUpstream extends GlooResource implements IUpstream {
  /** Whether `x` is an ExternalUpstream; works across copies of the library. */
  public static isExternalUpstream(x: unknown): x is ExternalUpstream {
    return hasBrand(x, EXTERNAL_UPSTREAM_BRAND);
  }

  public readonly namespace: string;
  /** What the Upstream is, as given. */
  public readonly type: ExternalUpstreamType;
  private readonly loadBalancer?: LoadBalancer;
  private readonly discoveryLabels?: { [key: string]: string };
  private readonly options?: UpstreamOptions;

  constructor(scope: Construct, id: string, props: ExternalUpstreamProps) {
    super(scope, id, { gvk: GlooUpstream.GVK, metadata: props?.metadata, defaultNamespace: GLOO_SYSTEM_NAMESPACE });
    this.namespace = this.metadata.namespace ?? GLOO_SYSTEM_NAMESPACE;
    this.type = props?.type;
    this.loadBalancer = props?.loadBalancer;
    this.discoveryLabels = props?.discoveryLabels ? { ...props.discoveryLabels } : undefined;
    this.options = props?.options;

    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      const add = problems.add.bind(problems);
      checkKnownKeys(add, props, 'ExternalUpstreamProps');
      checkUpstreamType(props?.type, add);
      checkUpstreamSettings(props, add);
      const output = routeOutputOf(scope);
      if (output) {
        const kind = Object.keys(props?.type ?? {}).sort().find(k => (props!.type as { [k: string]: unknown })[k] !== undefined) ?? 'type';
        add('type', props?.type, `no Upstream outside Kubernetes under the ${output.targetName} target`, output.unmovedUpstreamHint(kind));
      }
      problems.throwIfAny();
    });
    keepOutOfOutput(this);
  }

  /** @internal */
  public _renderSpec(): UpstreamSpec {
    return {
      ...renderOneOf(this.type),
      ...renderUpstreamSettings({ loadBalancer: this.loadBalancer, discoveryLabels: this.discoveryLabels, options: this.options }),
    } as UpstreamSpec;
  }
}

brand(ExternalUpstream, EXTERNAL_UPSTREAM_BRAND);
