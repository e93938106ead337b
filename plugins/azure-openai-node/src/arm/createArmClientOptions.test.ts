import { ConfigReader } from '@backstage/config';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { createArmClientOptions } from './createArmClientOptions';

function optionsFor(azure: object) {
  return createArmClientOptions(
    readAzureAccessConfig(new ConfigReader({ azureOpenAI: { azure } })),
  );
}

const policyNames = (options: ReturnType<typeof optionsFor>) =>
  options.additionalPolicies.map(p => `${p.position}:${p.policy.name}`);

describe('createArmClientOptions', () => {
  it('targets the public cloud by default', () => {
    const options = optionsFor({});
    expect(options.endpoint).toBe('https://management.azure.com');
    expect(options.credentialScopes).toEqual([
      'https://management.azure.com/.default',
    ]);
    expect(policyNames(options)).toEqual([
      'perRetry:pavedaiArmRateLimit',
      'perRetry:pavedaiAttemptTimeout',
    ]);
    expect(options.retryOptions).toEqual({
      maxRetries: 5,
      retryDelayInMs: 800,
      maxRetryDelayInMs: 30_000,
    });
  });

  it.each([
    ['usGovernment', 'https://management.usgovcloudapi.net'],
    ['china', 'https://management.chinacloudapi.cn'],
  ])('uses the %s endpoint and token audience', (cloud, arm) => {
    const options = optionsFor({ cloud });
    expect(options.endpoint).toBe(arm);
    expect(options.credentialScopes).toEqual([`${arm}/.default`]);
  });

  it('keeps the https endpoint and adds the redirect for a loopback URL', () => {
    const options = optionsFor({
      resourceManagerUrl: 'http://127.0.0.1:7071',
      credential: { kind: 'staticToken', token: 't' },
      retries: 2,
    });
    expect(options.endpoint).toBe('https://management.azure.com');
    expect(options.credentialScopes).toEqual([
      'https://management.azure.com/.default',
    ]);
    expect(policyNames(options)).toEqual([
      'perRetry:pavedaiArmRateLimit',
      'perRetry:pavedaiAttemptTimeout',
      'perRetry:pavedaiLoopbackRedirect',
    ]);
    expect(options.retryOptions.maxRetries).toBe(2);
  });

  it('uses an https override as the endpoint, keeping the cloud audience', () => {
    const options = optionsFor({
      cloud: 'usGovernment',
      resourceManagerUrl: 'https://arm-proxy.example.test',
    });
    expect(options.endpoint).toBe('https://arm-proxy.example.test');
    expect(options.credentialScopes).toEqual([
      'https://management.usgovcloudapi.net/.default',
    ]);
  });

  it('refuses a hand-built non-loopback http URL', () => {
    expect(() =>
      createArmClientOptions({
        cloudResourceManagerUrl: 'https://management.azure.com',
        resourceManagerUrl: 'http://arm.example.test',
        requestTimeoutMs: 1000,
        retries: 1,
      }),
    ).toThrow('only plain-http loopback URLs');
  });
});
