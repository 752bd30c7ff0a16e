import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { checkRefList } from './enterprise-checks';
import { RouteProps } from './route';
import { RouteContainer } from './route-container';
import { containerMetadata, RouteOutput, routeOutputOf } from './route-output';
import { checkSslConfig, checkVirtualHostOptions } from './virtual-host-checks';
import { renderOptionsConfigRefs, renderSslConfig, renderVirtualHostOptions } from './virtual-host-render';
import type { VirtualServiceSpec } from '../imports/gateway.solo.io';
import { checkDomains } from '../model/domain-rules';
import { AppState } from '../private/app-state';
import { formatProblemBody, GlooInputError, ProblemCollector } from '../private/errors';
import { GlooVirtualService } from '../private/gvk';
import { DomainHolder, findDomainConflicts } from './rules/domain-conflicts';
import { IVirtualService } from '../model/references';
import { SslConfig } from '../model/tls';
import { ConfigRef, VirtualHostBehavior } from '../model/virtual-host-options';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { checkKnownKeys } from '../private/unknown-keys';

const VIRTUAL_SERVICE_BRAND = brandSymbol('VirtualService');

/** The domains of each app's VirtualServices, in the order they were created (for the domain check). */
const DOMAINS_BY_APP = new WeakMap<AppState, DomainHolder[]>();


/** Properties of a `VirtualService`. */
export interface VirtualServiceProps {
  /**
   * Metadata of the VirtualService.
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The domains (hosts) the VirtualService serves. `*` serves every domain; two VirtualServices
   * on one gateway must not share a domain. Envoy compares domains ignoring case.
   * @default ['*']
   */
  readonly domains?: string[];
  /**
   * A human-readable name (`displayName`).
   * @default - none
   */
  readonly displayName?: string;
  /**
   * Routes, in order. More can be added with `addRoute`.
   * @default - none
   */
  readonly routes?: RouteProps[];
  /**
   * How Gloo treats every request of the VirtualHost: header manipulation, retries, CORS, external
   * authentication and rate-limit configs (Gloo's `virtualHost.options`).
   * @default - none
   */
  readonly options?: VirtualHostBehavior;
  /**
   * VirtualHostOption objects whose options apply too (Gloo's `optionsConfigRefs.delegateOptions`):
   * `options` wins over them, and an earlier one over a later one. Without a namespace, the
   * VirtualService's.
   * @default - none
   */
  readonly optionsConfigRefs?: ConfigRef[];
  /**
   * TLS: the certificate's Secret, SNI domains, protocol versions, ALPN. With it, Gloo serves the
   * VirtualService on its HTTPS gateway (`gateway-proxy-ssl`), without it on its HTTP one.
   * @default - no TLS
   */
  readonly sslConfig?: SslConfig;
  /**
   * The Gateway that serves this VirtualService. Only used to check domains: two VirtualServices
   * of the app on the same gateway must not share a domain (Gloo rejects both).
   * @default - 'gateway-proxy-ssl' with `sslConfig`, else 'gateway-proxy' (Gloo's two default gateways)
   */
  readonly gatewayName?: string;
}

/**
 * A Gloo VirtualService (`gateway.solo.io/v1`): the domains it serves and an ordered list of
 * routes. Gloo evaluates the routes in order and takes the first that matches.
 *
 * Under the Gateway API target (`GatewayApiTarget.apply`) the same VirtualService synthesizes as
 * an HTTPRoute of the same name and namespace instead (see docs/gateway-api.md).
 */
export class VirtualService extends RouteContainer implements IVirtualService {
  /** Whether `x` is a VirtualService; works across copies of the library. */
  public static isVirtualService(x: unknown): x is VirtualService {
    return hasBrand(x, VIRTUAL_SERVICE_BRAND);
  }

  public readonly namespace?: string;
  /** The domains the VirtualService serves. */
  public readonly domains: string[];
  /** The Gateway that serves this VirtualService, for the domain check. */
  public readonly gatewayName: string;
  private readonly displayName?: string;
  private readonly vhOptions?: VirtualHostBehavior;
  private readonly optionsConfigRefs?: ConfigRef[];
  private readonly sslConfig?: SslConfig;
  private domainHolder?: DomainHolder;
  private readonly output?: RouteOutput;

  constructor(scope: Construct, id: string, props: VirtualServiceProps = {}) {
    const output = routeOutputOf(scope);
    super(scope, id, { gvk: output?.gvk ?? GlooVirtualService.GVK, metadata: containerMetadata(scope, output, props.metadata) });
    this.output = output;
    this.domains = [...(props.domains ?? ['*'])];
    this.gatewayName = props.gatewayName ?? (props.sslConfig !== undefined ? 'gateway-proxy-ssl' : 'gateway-proxy');
    this.displayName = props.displayName;
    this.vhOptions = props.options;
    this.optionsConfigRefs = Array.isArray(props.optionsConfigRefs) ? props.optionsConfigRefs.map(r => ({ ...r })) : props.optionsConfigRefs;
    this.sslConfig = props.sslConfig;
    this.namespace = this.metadata.namespace;

    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      checkKnownKeys(problems.add.bind(problems), props, 'VirtualServiceProps');
      if (this.domains.length === 0) problems.add('domains', this.domains, 'at least one domain, or none given for the default ["*"]');
      checkDomains(this.domains, problems.add.bind(problems));
      if (props.options !== undefined) checkVirtualHostOptions(props.options, problems.add.bind(problems));
      if (props.sslConfig !== undefined) checkSslConfig(props.sslConfig, problems.add.bind(problems));
      if (props.optionsConfigRefs !== undefined) checkRefList(props.optionsConfigRefs, 'virtualHost.optionsConfigRefs.delegateOptions', problems.add.bind(problems), false);
      const unmapped = output?.virtualHostProblem({ ...props, namespace: this.namespace });
      if (unmapped) problems.add(unmapped.field, unmapped.given, unmapped.expected, unmapped.hint);
      problems.throwIfAny();
      for (const r of props.routes ?? []) this.addRoute(r);
    });
    // only once it is made: a VirtualService that failed is no HTTPRoute
    this.output?.containerCreated(this);
    this.registerDomains();
  }

  /**
   * Adds this VirtualService's domains to the app's domain check, which runs once per generation
   * of the app for all its VirtualServices (see `findDomainConflicts`), and reports on each.
   */
  private registerDomains(): void {
    const state = AppState.of(this);
    const holder: DomainHolder = { path: this.node.path, gatewayName: this.gatewayName, domains: this.domains };
    const inApp = DOMAINS_BY_APP.get(state) ?? [];
    inApp.push(holder);
    DOMAINS_BY_APP.set(state, inApp);
    state.changed();
    this.domainHolder = holder;
  }

  /**
   * @internal Domains this VirtualService shares with another one on its gateway, and under
   * another output target, what that target cannot express.
   */
  public _synthProblems(): string[] {
    const state = AppState.of(this);
    const all = state.memo('virtual-service-domains', () => findDomainConflicts(DOMAINS_BY_APP.get(state) ?? []));
    const domains = (all.get(this.domainHolder!) ?? []).map(formatProblemBody);
    const rendered = this.output ? this.renderOutput() : undefined;
    const inApp = this.output?.appProblems(this) ?? [];
    return [...domains, ...inApp.map(p => this._problemLine(p)), ...(rendered?.error?.problems.map(p => this._problemLine(p)) ?? [])];
  }

  /** @internal The virtual host's options, as given. */
  public get _virtualHostOptions(): VirtualHostBehavior | undefined {
    return this.vhOptions;
  }

  /** @internal The TLS settings, as given. */
  public get _sslConfig(): SslConfig | undefined {
    return this.sslConfig;
  }

  /** @internal The Gloo spec, or under another output target, that target's spec. */
  public _renderSpec(): unknown {
    if (!this.output) return this.renderSpec();
    return this._specThroughOutput(() => this.output!.renderSpec(this));
  }

  /** @internal Under another output target, the VirtualService the routes mean; see `GlooResource._glooModelJson`. */
  public _glooModelJson(): unknown {
    if (!this.output) return super._glooModelJson();
    return { ...GlooVirtualService.GVK, metadata: this.metadata.toJson(), spec: this.renderSpec() };
  }

  /**
   * @internal Under another output target, a rendering that fails although the routes render is a
   * JSON patch written for the Gloo object: say so, rather than leave cdk8s's serialization error.
   */
  public _renderFailureProblems(error: unknown): string[] {
    if (!this.output || this.renderOutput().error) return [];
    return [formatProblemBody({
      path: this.node.path,
      field: 'addJsonPatch',
      given: error instanceof Error ? error.message.replace(/^.*?: (?=[^:]*$)/, '') : String(error),
      expected: `patches that apply to the ${this.apiVersion} ${this.kind} it synthesizes as under the ${this.output.targetName} target`,
      hint: 'a patch of a VirtualService field (spec.virtualHost...) has no place in the HTTPRoute; patch the HTTPRoute\'s fields, or express the option with the route props',
    })];
  }

  /** The output target's rendering, once per generation of the app: it runs the differential check. */
  private renderOutput(): { spec?: unknown; error?: GlooInputError } {
    return this._renderThroughOutput(() => this.output!.renderSpec(this));
  }

  private renderSpec(): VirtualServiceSpec {
    return {
      displayName: this.displayName,
      sslConfig: renderSslConfig(this.sslConfig, this.namespace),
      virtualHost: {
        domains: this.domains,
        routes: this._renderRoutes(),
        options: renderVirtualHostOptions(this.vhOptions, this.namespace),
        optionsConfigRefs: renderOptionsConfigRefs(this.optionsConfigRefs, this.namespace),
      },
    };
  }
}

brand(VirtualService, VIRTUAL_SERVICE_BRAND);

