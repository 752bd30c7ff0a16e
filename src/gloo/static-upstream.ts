import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { GlooResource } from './gloo-resource';
import { GLOO_SYSTEM_NAMESPACE } from './imported-resource';
import { keepOutOfOutput, routeOutputOf } from './route-output';
import { checkUpstreamSettings, renderUpstreamSettings } from './upstream-options';
import type { UpstreamSpec } from '../imports/gloo.solo.io';
import type { UpstreamOptions } from '../model/gloo-option-types.generated';
import { isHostAddress } from '../model/host-rules';
import { LoadBalancer } from '../model/load-balancer';
import { IUpstream } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { ProblemCollector } from '../private/errors';
import { GlooUpstream } from '../private/gvk';
import { sanitizeGlooName, whyNotPort } from '../private/names';
import { checkKnownKeys } from '../private/unknown-keys';

const STATIC_UPSTREAM_BRAND = brandSymbol('StaticUpstream');

/** One host of a static Upstream. */
export interface StaticHost {
  /** A host name or an IP address, e.g. `api.example.com` or `10.0.0.7`. */
  readonly address: string;
  /** The port, 1 to 65535. */
  readonly port: number;
  /**
   * The server name sent in the TLS handshake (SNI), when it is not `address`.
   * @default - Gloo's: none, unless the Upstream rewrites it
   */
  readonly sniAddress?: string;
}

/** Properties of a `StaticUpstream`. */
export interface StaticUpstreamProps {
  /**
   * Metadata of the Upstream.
   * @default - name `<address>-<port>` of the first host, sanitized as Gloo names objects; namespace `gloo-system`
   */
  readonly metadata?: ApiObjectMetadata;
  /** The hosts Gloo balances requests across. */
  readonly hosts: StaticHost[];
  /**
   * Whether Gloo connects to the hosts with TLS (`useTls`).
   * @default - Gloo's: TLS when any host's port is 443
   */
  readonly useTls?: boolean;
  /**
   * How Envoy picks an endpoint (`loadBalancerConfig`), e.g. `LoadBalancer.ringHash()` for session
   * affinity with the routes' `hashPolicies`.
   * @default - Envoy's round robin
   */
  readonly loadBalancer?: LoadBalancer;
  /**
   * Labels as Gloo's discovery gives them (`discoveryMetadata.labels`), for selectors that pick
   * Upstreams by label.
   * @default - none
   */
  readonly discoveryLabels?: { [key: string]: string };
  /**
   * Further fields of the Upstream's `spec` as Gloo's CRD has them: TLS to the endpoints
   * (`sslConfig`), connection limits and timeouts, circuit breakers, health checks, outlier
   * detection, HTTP/2 (`useHttp2`, window sizes).
   * @default - Gloo's defaults
   */
  readonly options?: UpstreamOptions;
}

/**
 * A Gloo Upstream of static type (`gloo.solo.io/v1`, `spec.static`): a fixed list of hosts outside
 * Kubernetes, such as an external API. Routes reach it as any Upstream (`Destination.upstream`).
 */
export class StaticUpstream extends GlooResource implements IUpstream {
  /** Whether `x` is a StaticUpstream; works across copies of the library. */
  public static isStaticUpstream(x: unknown): x is StaticUpstream {
    return hasBrand(x, STATIC_UPSTREAM_BRAND);
  }

  public readonly namespace: string;
  /** The hosts, as given. */
  public readonly hosts: StaticHost[];
  private readonly useTls?: boolean;
  private readonly loadBalancer?: LoadBalancer;
  private readonly discoveryLabels?: { [key: string]: string };
  private readonly options?: UpstreamOptions;

  constructor(scope: Construct, id: string, props: StaticUpstreamProps) {
    const hosts = Array.isArray(props?.hosts) ? props.hosts.map(h => ({ ...h })) : [];
    const first = hosts[0];
    const name = props?.metadata?.name ?? (first && typeof first.address === 'string' ? sanitizeGlooName(`${first.address}-${first.port}`) : undefined);
    super(scope, id, { gvk: GlooUpstream.GVK, metadata: { ...props?.metadata, name }, defaultNamespace: GLOO_SYSTEM_NAMESPACE });
    this.namespace = this.metadata.namespace ?? GLOO_SYSTEM_NAMESPACE;
    this.hosts = hosts;
    this.useTls = props?.useTls;
    this.loadBalancer = props?.loadBalancer;
    this.discoveryLabels = props?.discoveryLabels ? { ...props.discoveryLabels } : undefined;
    this.options = props?.options;

    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      const add = problems.add.bind(problems);
      checkKnownKeys(add, props, 'StaticUpstreamProps');
      if (!Array.isArray(props?.hosts) || props.hosts.length === 0) {
        add('static.hosts', props?.hosts, 'at least one host { address, port }', 'gloo rejects a static upstream without hosts');
      }
      hosts.forEach((h, i) => {
        const at = `static.hosts[${i}]`;
        checkKnownKeys(add, h, 'StaticHost', `${at}.`);
        if (!isHostAddress(h.address)) add(`${at}.addr`, h.address, 'a host name or an IP address, without scheme, port or path');
        const portProblem = whyNotPort(h.port);
        if (portProblem) add(`${at}.port`, h.port, portProblem);
        if (h.sniAddress !== undefined && !isHostAddress(h.sniAddress)) add(`${at}.sniAddr`, h.sniAddress, 'a host name');
      });
      if (props?.useTls !== undefined && typeof props.useTls !== 'boolean') add('static.useTls', props.useTls, 'true or false');
      checkUpstreamSettings(props, add);
      const output = routeOutputOf(scope);
      if (output) {
        // the hosts become a kgateway Backend, TLS and balancing its BackendConfigPolicy (checked there); a host's own SNI has no field
        const sni = hosts.findIndex(h => h.sniAddress !== undefined);
        if (sni >= 0) {
          add(`static.hosts[${sni}].sniAddr`, hosts[sni].sniAddress, `no sniAddr under the ${output.targetName} target (a kgateway Backend host has none)`,
            output.unmovedUpstreamHint('sniAddr'));
        }
      }
      problems.throwIfAny();
    });
    keepOutOfOutput(this);
  }

  /** @internal What a target other than Gloo writes for the Upstream's connections: TLS, load balancing and further options, as given. */
  public get _settings(): { useTls?: boolean; loadBalancer?: LoadBalancer; options?: UpstreamOptions } {
    return { useTls: this.useTls, loadBalancer: this.loadBalancer, options: this.options };
  }

  /** @internal */
  public _renderSpec(): UpstreamSpec {
    return {
      static: {
        hosts: this.hosts.map(h => ({ addr: h.address, port: h.port, sniAddr: h.sniAddress })),
        useTls: this.useTls,
      },
      ...renderUpstreamSettings({ loadBalancer: this.loadBalancer, discoveryLabels: this.discoveryLabels, options: this.options }),
    };
  }
}

brand(StaticUpstream, STATIC_UPSTREAM_BRAND);
