import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readAccountDiscoveryConfig } from './readAccountDiscoveryConfig';

function read(discovery?: object) {
  return readAccountDiscoveryConfig(
    new ConfigReader({ azureOpenAI: { azure: { discovery } } }),
  );
}

describe('readAccountDiscoveryConfig', () => {
  it('defaults to one Resource Graph query per 200 subscriptions', () => {
    expect(readAccountDiscoveryConfig(new ConfigReader({}))).toEqual({
      mode: 'resourceGraph',
      subscriptionBatchSize: 200,
    });
  });

  it('reads the ARM list mode and a batch size', () => {
    expect(read({ mode: 'arm', subscriptionBatchSize: 50 })).toEqual({
      mode: 'arm',
      subscriptionBatchSize: 50,
    });
  });

  it.each([
    [{ mode: 'graph' }, /discovery.mode 'graph'/],
    [{ subscriptionBatchSize: 0 }, /subscriptionBatchSize 0/],
    [{ subscriptionBatchSize: 1001 }, /subscriptionBatchSize 1001/],
    [{ subscriptionBatchSize: 2.5 }, /subscriptionBatchSize 2.5/],
  ])('refuses %j with an InputError naming the key', (discovery, message) => {
    expect(() => read(discovery)).toThrow(InputError);
    expect(() => read(discovery)).toThrow(message);
  });
});
