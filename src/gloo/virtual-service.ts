import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { RouteProps } from './route';
import { RouteContainer } from './route-container';
import type { VirtualServiceSpec } from '../imports/gateway.solo.io';
import { AppState } from '../private/app-state';
import { formatProblemBody, ProblemCollector } from '../private/errors';
import { GlooVirtualService } from '../private/gvk';
import { DomainHolder, findDomainConflicts } from './rules/domain-conflicts';
import { checkDomains } from '../model/domain-rules';
import { IVirtualService } from '../model/references';

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
   * The Gateway that serves this VirtualService. Only used to check domains: two VirtualServices
   * of the app on the same gateway must not share a domain (Gloo rejects both).
   * @default 'gateway-proxy'
   */
  readonly gatewayName?: string;
}

/**
 * A Gloo VirtualService (`gateway.solo.io/v1`): the domains it serves and an ordered list of
 * routes. Gloo evaluates the routes in order and takes the first that matches.
 */
export class VirtualService extends RouteContainer implements IVirtualService {
  public readonly namespace?: string;
  /** The domains the VirtualService serves. */
  public readonly domains: string[];
  /** The Gateway that serves this VirtualService, for the domain check. */
  public readonly gatewayName: string;
  private readonly displayName?: string;
  private domainHolder?: DomainHolder;

  constructor(scope: Construct, id: string, props: VirtualServiceProps = {}) {
    super(scope, id, { gvk: GlooVirtualService.GVK, metadata: props.metadata });
    this.domains = [...(props.domains ?? ['*'])];
    this.gatewayName = props.gatewayName ?? 'gateway-proxy';
    this.displayName = props.displayName;
    this.namespace = this.metadata.namespace;

    const problems = new ProblemCollector(this);
    this._construct(problems, () => {
      if (this.domains.length === 0) problems.add('domains', this.domains, 'at least one domain, or none given for the default ["*"]');
      checkDomains(this.domains, problems.add.bind(problems));
      problems.throwIfAny();
      for (const r of props.routes ?? []) this.addRoute(r);
    });
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

  /** @internal Domains this VirtualService shares with another one on its gateway. */
  public _synthProblems(): string[] {
    const state = AppState.of(this);
    const all = state.memo('virtual-service-domains', () => findDomainConflicts(DOMAINS_BY_APP.get(state) ?? []));
    return (all.get(this.domainHolder!) ?? []).map(formatProblemBody);
  }

  /** @internal */
  public _renderSpec(): VirtualServiceSpec {
    return this.renderSpec();
  }

  private renderSpec(): VirtualServiceSpec {
    return {
      displayName: this.displayName,
      virtualHost: {
        domains: this.domains,
        routes: this._renderRoutes(),
      },
    };
  }
}
