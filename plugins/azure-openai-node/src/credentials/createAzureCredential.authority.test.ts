import { ConfigReader } from '@backstage/config';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { createAzureCredential } from './createAzureCredential';

const constructed: Array<{ type: string; args: unknown[] }> = [];

jest.mock('@azure/identity', () => {
  const record = (type: string) =>
    jest.fn().mockImplementation((...args: unknown[]) => {
      constructed.push({ type, args });
      return {};
    });
  return {
    DefaultAzureCredential: record('DefaultAzureCredential'),
    WorkloadIdentityCredential: record('WorkloadIdentityCredential'),
    ManagedIdentityCredential: record('ManagedIdentityCredential'),
    ClientSecretCredential: record('ClientSecretCredential'),
    ClientCertificateCredential: record('ClientCertificateCredential'),
    AzureCliCredential: record('AzureCliCredential'),
  };
});

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';
const RESOURCE = `/subscriptions/${TENANT}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/audit`;

function build(azure: object) {
  constructed.length = 0;
  createAzureCredential(
    readAzureAccessConfig(new ConfigReader({ azureOpenAI: { azure } })),
  );
  return constructed[0];
}

describe('createAzureCredential settings', () => {
  it.each([
    ['public', 'https://login.microsoftonline.com'],
    ['usGovernment', 'https://login.microsoftonline.us'],
    ['china', 'https://login.chinacloudapi.cn'],
  ])('signs a client secret in at the %s authority', (cloud, authority) => {
    expect(
      build({
        cloud,
        credential: {
          kind: 'clientSecret',
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: 'secret',
        },
      }),
    ).toEqual({
      type: 'ClientSecretCredential',
      args: [TENANT, CLIENT, 'secret', { authorityHost: authority }],
    });
  });

  it('passes the certificate file and the sovereign authority', () => {
    expect(
      build({
        cloud: 'china',
        credential: {
          kind: 'clientCertificate',
          tenantId: TENANT,
          clientId: CLIENT,
          certificatePath: '/etc/azure/audit.pem',
        },
      }),
    ).toEqual({
      type: 'ClientCertificateCredential',
      args: [
        TENANT,
        CLIENT,
        { certificatePath: '/etc/azure/audit.pem' },
        { authorityHost: 'https://login.chinacloudapi.cn' },
      ],
    });
  });

  it('selects a user-assigned managed identity by resource id', () => {
    expect(
      build({ credential: { kind: 'managedIdentity', resourceId: RESOURCE } }),
    ).toEqual({
      type: 'ManagedIdentityCredential',
      args: [
        {
          authorityHost: 'https://login.microsoftonline.com',
          resourceId: RESOURCE,
        },
      ],
    });
  });

  it('selects a user-assigned managed identity by client id', () => {
    expect(
      build({ credential: { kind: 'managedIdentity', clientId: CLIENT } }),
    ).toEqual({
      type: 'ManagedIdentityCredential',
      args: [
        {
          authorityHost: 'https://login.microsoftonline.com',
          clientId: CLIENT,
        },
      ],
    });
  });

  it('hands the client id to both identity steps of DefaultAzureCredential', () => {
    expect(
      build({
        cloud: 'usGovernment',
        credential: { kind: 'default', tenantId: TENANT, clientId: CLIENT },
      }),
    ).toEqual({
      type: 'DefaultAzureCredential',
      args: [
        {
          authorityHost: 'https://login.microsoftonline.us',
          tenantId: TENANT,
          managedIdentityClientId: CLIENT,
          workloadIdentityClientId: CLIENT,
        },
      ],
    });
  });

  it('passes the tenant to the Azure CLI', () => {
    expect(
      build({ credential: { kind: 'azureCli', tenantId: TENANT } }),
    ).toEqual({ type: 'AzureCliCredential', args: [{ tenantId: TENANT }] });
  });
});
