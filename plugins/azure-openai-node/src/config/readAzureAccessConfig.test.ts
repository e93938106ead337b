import { ConfigReader } from '@backstage/config';
import { readAzureAccessConfig } from './readAzureAccessConfig';

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';
const SUB_A = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const SUB_B = '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02';

function read(azure: object | undefined) {
  return readAzureAccessConfig(
    new ConfigReader(azure === undefined ? {} : { azureOpenAI: { azure } }),
  );
}

function errorOf(azure: object): Error {
  try {
    read(azure);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the config to be refused');
}

describe('readAzureAccessConfig', () => {
  it('gives safe defaults when the block is absent', () => {
    expect(read(undefined)).toEqual({
      credential: { kind: 'default', tenantId: undefined, clientId: undefined },
      cloud: 'public',
      authorityHost: 'https://login.microsoftonline.com',
      cloudResourceManagerUrl: 'https://management.azure.com',
      resourceManagerUrl: 'https://management.azure.com',
      subscriptions: [],
      concurrency: { total: 32, perSubscription: 8 },
      requestTimeoutMs: 30_000,
      retries: 5,
    });
  });

  it.each([
    [
      'usGovernment',
      'https://management.usgovcloudapi.net',
      'https://login.microsoftonline.us',
    ],
    [
      'china',
      'https://management.chinacloudapi.cn',
      'https://login.chinacloudapi.cn',
    ],
  ])('selects the endpoints of the %s cloud', (cloud, arm, authority) => {
    const access = read({ cloud });
    expect(access.cloudResourceManagerUrl).toBe(arm);
    expect(access.resourceManagerUrl).toBe(arm);
    expect(access.authorityHost).toBe(authority);
  });

  it('names the key and the choices for an unknown cloud', () => {
    const error = errorOf({ cloud: 'germany' });
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      "Invalid azureOpenAI.azure.cloud 'germany': use one of public, usGovernment, china.",
    );
  });

  it('reads every field and normalises subscriptions', () => {
    const access = read({
      credential: {
        kind: 'clientSecret',
        tenantId: TENANT,
        clientId: CLIENT,
        clientSecret: 's3cret',
      },
      subscriptions: [SUB_A, SUB_B.toUpperCase(), SUB_A],
      concurrency: { total: 16, perSubscription: 6 },
      requestTimeout: { seconds: 10 },
      retries: 3,
    });
    expect(access.credential).toEqual({
      kind: 'clientSecret',
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
    });
    expect(access.subscriptions).toEqual([SUB_A, SUB_B]);
    expect(access.concurrency).toEqual({ total: 16, perSubscription: 6 });
    expect(access.requestTimeoutMs).toBe(10_000);
    expect(access.retries).toBe(3);
  });

  it.each([
    [{ seconds: 45 }, 45_000],
    ['PT2M', 120_000],
    [2500, 2500],
  ])('reads requestTimeout %j as %d ms', (requestTimeout, ms) => {
    expect(read({ requestTimeout }).requestTimeoutMs).toBe(ms);
  });

  it('keeps the cloud audience and accepts a loopback resourceManagerUrl', () => {
    const access = read({
      resourceManagerUrl: 'http://127.0.0.1:7071/',
      credential: { kind: 'staticToken', token: 'local' },
    });
    expect(access.resourceManagerUrl).toBe('http://127.0.0.1:7071');
    expect(access.cloudResourceManagerUrl).toBe('https://management.azure.com');
    expect(access.credential).toEqual({ kind: 'staticToken', token: 'local' });
  });

  it.each([
    [
      { resourceManagerUrl: 'http://management.example.test' },
      "Invalid azureOpenAI.azure.resourceManagerUrl 'http://management.example.test': plain http is only allowed on loopback",
    ],
    [
      { resourceManagerUrl: 'not a url' },
      "Invalid azureOpenAI.azure.resourceManagerUrl 'not a url': expected an absolute URL",
    ],
    [
      { resourceManagerUrl: 'https://arm.example.test/base' },
      'give only the origin',
    ],
    [
      { credential: { kind: 'staticToken', token: 't' } },
      "azureOpenAI.azure.credential.kind 'staticToken' is only for the local emulator: set azureOpenAI.azure.resourceManagerUrl",
    ],
    [
      { credential: { kind: 'password' } },
      "Invalid azureOpenAI.azure.credential.kind 'password': use one of default, workloadIdentity, managedIdentity, clientSecret, clientCertificate, azureCli, staticToken.",
    ],
    [
      {
        credential: {
          kind: 'clientSecret',
          tenantId: TENANT,
          clientSecret: 'x',
        },
      },
      "Missing azureOpenAI.azure.credential.clientId: credential kind 'clientSecret' needs the application (client) id.",
    ],
    [
      {
        credential: {
          kind: 'clientSecret',
          tenantId: TENANT,
          clientId: CLIENT,
        },
      },
      'Missing azureOpenAI.azure.credential.clientSecret',
    ],
    [
      {
        credential: {
          kind: 'clientCertificate',
          clientId: CLIENT,
          certificatePath: '/c.pem',
        },
      },
      'Missing azureOpenAI.azure.credential.tenantId',
    ],
    [
      {
        credential: {
          kind: 'clientCertificate',
          tenantId: TENANT,
          clientId: CLIENT,
        },
      },
      'needs exactly one of azureOpenAI.azure.credential.certificate (inline PEM) or azureOpenAI.azure.credential.certificatePath',
    ],
    [
      {
        credential: {
          kind: 'clientCertificate',
          tenantId: TENANT,
          clientId: CLIENT,
          certificate: 'PEM',
          certificatePath: '/c.pem',
        },
      },
      'needs exactly one of',
    ],
    [
      { credential: { kind: 'managedIdentity', clientSecret: 'oops' } },
      "azureOpenAI.azure.credential.clientSecret is not used by credential kind 'managedIdentity' (it accepts clientId, resourceId)",
    ],
    [
      {
        credential: {
          kind: 'managedIdentity',
          clientId: CLIENT,
          resourceId:
            '/subscriptions/x/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i',
        },
      },
      'both name a user-assigned managed identity: set only one',
    ],
    [
      { credential: { kind: 'managedIdentity', resourceId: 'my-identity' } },
      "Invalid azureOpenAI.azure.credential.resourceId 'my-identity'",
    ],
    [
      { credential: { kind: 'workloadIdentity', clientId: 'app' } },
      "Invalid azureOpenAI.azure.credential.clientId 'app': expected a GUID",
    ],
    [
      { credential: { kind: 'default', tenantId: '  ' } },
      'azureOpenAI.azure.credential.tenantId is empty',
    ],
    [
      { subscriptions: [SUB_A, 'prod'] },
      "Invalid azureOpenAI.azure.subscriptions[1] 'prod': expected a subscription id (GUID).",
    ],
    [
      { concurrency: { total: 0 } },
      'Invalid azureOpenAI.azure.concurrency.total 0: use a whole number of at least 1.',
    ],
    [
      { concurrency: { total: 2, perSubscription: 3 } },
      'Invalid azureOpenAI.azure.concurrency.perSubscription 3: it cannot exceed azureOpenAI.azure.concurrency.total (2)',
    ],
    [{ retries: 1.5 }, 'Invalid azureOpenAI.azure.retries 1.5'],
    [{ retries: 50 }, 'use a whole number from 0 to 20'],
    [{ requestTimeout: 0 }, 'Invalid azureOpenAI.azure.requestTimeout 0'],
    [{ requestTimeout: 'soon' }, 'Invalid azureOpenAI.azure.requestTimeout:'],
    [{ cloud: 42 }, 'azureOpenAI.azure.cloud'],
  ])('refuses %j with an InputError naming the key', (azure, message) => {
    const error = errorOf(azure);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(message);
  });

  it('caps the default perSubscription at a smaller total', () => {
    expect(read({ concurrency: { total: 2 } }).concurrency).toEqual({
      total: 2,
      perSubscription: 2,
    });
  });
});
