/**
 * The Azure clouds the package knows.
 *
 * @public
 */
export type AzureCloudName = 'public' | 'usGovernment' | 'china';

/**
 * The endpoints of one Azure cloud.
 *
 * @public
 */
export interface AzureCloudEndpoints {
  /** Azure Resource Manager origin, without a trailing slash. */
  resourceManagerUrl: string;
  /** Microsoft Entra authority host used by `@azure/identity`. */
  authorityHost: string;
}

/**
 * Resource manager URL and authority host of every supported cloud.
 *
 * @public
 */
export const AZURE_CLOUDS: Readonly<
  Record<AzureCloudName, AzureCloudEndpoints>
> = Object.freeze({
  public: {
    resourceManagerUrl: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
  },
  usGovernment: {
    resourceManagerUrl: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
  },
  china: {
    resourceManagerUrl: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
});

/** True for the names in {@link AZURE_CLOUDS}. */
export function isAzureCloudName(value: string): value is AzureCloudName {
  return Object.prototype.hasOwnProperty.call(AZURE_CLOUDS, value);
}
