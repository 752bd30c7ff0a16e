import { Construct } from 'constructs';
import type { KubeServiceDestination } from '../model/destination';
import { IRouteTable, IUpstream, IUpstreamGroup } from '../model/references';
import { brand, brandSymbol, hasBrand } from '../private/brand';
import { checkImportedName } from '../private/imported';

const IMPORTED_RESOURCE_BRAND = brandSymbol('ImportedResource');

/** The namespace Gloo installs to and its discovery writes Upstreams to: the default of the library's Gloo resources. */
export const GLOO_SYSTEM_NAMESPACE = 'gloo-system';

/** How to find a Gloo resource defined outside the app (`fromUpstreamName` and the like). */
export interface ImportedResourceOptions {
  /**
   * The resource's namespace.
   * @default 'gloo-system'
   */
  readonly namespace?: string;
}

/** How to find an Upstream defined outside the app, and which Kubernetes Service it stands for. */
export interface ImportedUpstreamOptions extends ImportedResourceOptions {
  /**
   * The Kubernetes Service and port the Upstream sends to, e.g. what Gloo's discovery made it for
   * (`default-petstore-8080`: Service `petstore` in `default`, port 8080). The Gateway API target
   * sends the routes to this Upstream to the Service; Gloo output does not change.
   * @default - unknown: the Gateway API target refuses routes to the Upstream
   */
  readonly service?: KubeServiceDestination;
}

/**
 * A Gloo resource defined outside the app, known by name: an Upstream, an UpstreamGroup or a
 * RouteTable. Its contents are unknown, so the checks that need them (functions, weights,
 * routes) skip it.
 */
export class ImportedResource extends Construct implements IUpstream, IUpstreamGroup, IRouteTable {
  /** Whether `x` is a reference to a Gloo object defined outside the app; works across copies of the library. */
  public static isImportedResource(x: unknown): x is ImportedResource {
    return hasBrand(x, IMPORTED_RESOURCE_BRAND);
  }

  public readonly name: string;
  public readonly namespace: string;
  /** Unknown: the functions of an Upstream defined elsewhere are not checked. */
  public readonly functionNames?: string[];
  /** The Kubernetes Service an imported Upstream stands for, when the app says so. */
  public readonly kubeService?: KubeServiceDestination;

  /**
   * @param upstream whether it is an Upstream, whose options may say which Service it stands for
   */
  constructor(scope: Construct, id: string, name: string, options: ImportedUpstreamOptions = {}, upstream: boolean = false) {
    super(scope, id);
    this.name = name;
    this.namespace = (typeof options === 'object' ? options?.namespace : undefined) ?? GLOO_SYSTEM_NAMESPACE;
    const service = upstream && typeof options === 'object' && options !== null && 'service' in options ? options.service : undefined;
    this.kubeService = typeof service === 'object' && service !== null ? { ...service } : service;
    checkImportedName(this, this.name, this.namespace, options, upstream ? 'ImportedUpstreamOptions' : 'ImportedResourceOptions');
  }
}

brand(ImportedResource, IMPORTED_RESOURCE_BRAND);

