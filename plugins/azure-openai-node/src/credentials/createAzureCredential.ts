import type { TokenCredential } from '@azure/core-auth';
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { InputError } from '@backstage/errors';
import type { AzureAccessConfig } from '../config/types';
import { StaticTokenCredential } from './StaticTokenCredential';

/**
 * Builds the `@azure/identity` credential that the config asks for.
 *
 * @remarks
 * Throws an `InputError` when the credential cannot work in this process
 * (for example workload identity without its federated token file). The
 * credential authenticates against the authority host of the configured
 * cloud. Build it once at startup and share it: the identity library caches
 * tokens per credential instance.
 *
 * @param accessConfig - the result of {@link readAzureAccessConfig}
 * @public
 */
export function createAzureCredential(
  accessConfig: Pick<AzureAccessConfig, 'credential' | 'authorityHost'>,
): TokenCredential {
  const { credential, authorityHost } = accessConfig;
  switch (credential.kind) {
    case 'default':
      return new DefaultAzureCredential({
        authorityHost,
        tenantId: credential.tenantId,
        managedIdentityClientId: credential.clientId,
        workloadIdentityClientId: credential.clientId,
      });
    case 'workloadIdentity':
      try {
        return new WorkloadIdentityCredential({
          authorityHost,
          tenantId: credential.tenantId,
          clientId: credential.clientId,
        });
      } catch (error) {
        throw new InputError(
          `Credential kind 'workloadIdentity' cannot start: ${
            (error as Error).message.split('\n')[0]
          } Run the backend in a pod with workload identity enabled (it sets AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID and AZURE_TENANT_ID), or set azureOpenAI.azure.credential.clientId and tenantId and the token file variable yourself.`,
        );
      }
    case 'managedIdentity':
      if (credential.resourceId) {
        return new ManagedIdentityCredential({
          authorityHost,
          resourceId: credential.resourceId,
        });
      }
      return new ManagedIdentityCredential({
        authorityHost,
        clientId: credential.clientId,
      });
    case 'clientSecret':
      return new ClientSecretCredential(
        credential.tenantId,
        credential.clientId,
        credential.clientSecret,
        { authorityHost },
      );
    case 'clientCertificate':
      if (credential.certificate !== undefined) {
        return new ClientCertificateCredential(
          credential.tenantId,
          credential.clientId,
          { certificate: credential.certificate },
          { authorityHost },
        );
      }
      return new ClientCertificateCredential(
        credential.tenantId,
        credential.clientId,
        { certificatePath: credential.certificatePath! },
        { authorityHost },
      );
    case 'azureCli':
      return new AzureCliCredential({ tenantId: credential.tenantId });
    case 'staticToken':
      return new StaticTokenCredential(credential.token);
    default:
      throw new Error(
        `Unknown credential kind '${(credential as { kind: string }).kind}'`,
      );
  }
}
