import { Construct } from 'constructs';
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

  constructor(scope: Construct, id: string, name: string, options: ImportedResourceOptions = {}) {
    super(scope, id);
    this.name = name;
    this.namespace = (typeof options === 'object' ? options?.namespace : undefined) ?? GLOO_SYSTEM_NAMESPACE;
    checkImportedName(this, this.name, this.namespace, options);
  }
}

brand(ImportedResource, IMPORTED_RESOURCE_BRAND);

