import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { ConfigReader } from '@backstage/config';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { createAzureCredential } from './createAzureCredential';
import { StaticTokenCredential } from './StaticTokenCredential';

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';

function credentialFor(azure: object) {
  return createAzureCredential(
    readAzureAccessConfig(new ConfigReader({ azureOpenAI: { azure } })),
  );
}

describe('createAzureCredential', () => {
  it.each([
    [{}, DefaultAzureCredential],
    [
      { credential: { kind: 'default', clientId: CLIENT } },
      DefaultAzureCredential,
    ],
    [{ credential: { kind: 'managedIdentity' } }, ManagedIdentityCredential],
    [
      { credential: { kind: 'managedIdentity', clientId: CLIENT } },
      ManagedIdentityCredential,
    ],
    [
      {
        credential: {
          kind: 'managedIdentity',
          resourceId: `/subscriptions/${TENANT}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/audit`,
        },
      },
      ManagedIdentityCredential,
    ],
    [
      {
        credential: {
          kind: 'clientSecret',
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: 'secret',
        },
      },
      ClientSecretCredential,
    ],
    [
      {
        credential: {
          kind: 'clientCertificate',
          tenantId: TENANT,
          clientId: CLIENT,
          certificatePath: '/etc/azure/audit.pem',
        },
      },
      ClientCertificateCredential,
    ],
    [
      {
        credential: {
          kind: 'clientCertificate',
          tenantId: TENANT,
          clientId: CLIENT,
          certificate: '-----BEGIN CERTIFICATE-----',
        },
      },
      ClientCertificateCredential,
    ],
    [{ credential: { kind: 'azureCli' } }, AzureCliCredential],
    [
      {
        resourceManagerUrl: 'http://127.0.0.1:7071',
        credential: { kind: 'staticToken', token: 'local' },
      },
      StaticTokenCredential,
    ],
  ])('builds the credential for %j', (azure, type) => {
    expect(credentialFor(azure)).toBeInstanceOf(type);
  });

  it('refuses a client secret credential without clientId, naming the key', () => {
    expect(() =>
      credentialFor({
        credential: {
          kind: 'clientSecret',
          tenantId: TENANT,
          clientSecret: 'secret',
        },
      }),
    ).toThrow(
      "Missing azureOpenAI.azure.credential.clientId: credential kind 'clientSecret' needs the application (client) id.",
    );
  });

  describe('workload identity', () => {
    const saved = process.env.AZURE_FEDERATED_TOKEN_FILE;
    afterEach(() => {
      if (saved === undefined) {
        delete process.env.AZURE_FEDERATED_TOKEN_FILE;
      } else {
        process.env.AZURE_FEDERATED_TOKEN_FILE = saved;
      }
    });
    const azure = {
      credential: {
        kind: 'workloadIdentity',
        tenantId: TENANT,
        clientId: CLIENT,
      },
    };

    it('builds the credential inside a workload-identity pod', () => {
      process.env.AZURE_FEDERATED_TOKEN_FILE =
        '/var/run/secrets/azure/tokens/token';
      expect(credentialFor(azure)).toBeInstanceOf(WorkloadIdentityCredential);
    });

    it('explains what is missing outside such a pod', () => {
      delete process.env.AZURE_FEDERATED_TOKEN_FILE;
      expect(() => credentialFor(azure)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(
            "Credential kind 'workloadIdentity' cannot start",
          ),
        }),
      );
      expect(() => credentialFor(azure)).toThrow('AZURE_FEDERATED_TOKEN_FILE');
    });
  });

  it('returns the configured static token', async () => {
    const credential = credentialFor({
      resourceManagerUrl: 'http://127.0.0.1:7071',
      credential: { kind: 'staticToken', token: 'local-token' },
    });
    const token = await credential.getToken(
      'https://management.azure.com/.default',
    );
    expect(token?.token).toBe('local-token');
    expect(token!.expiresOnTimestamp).toBeGreaterThan(Date.now());
  });
});
