import { InputError } from '@backstage/errors';
import { armIdKey, parseArmResourceId } from './armResourceId';

describe('parseArmResourceId', () => {
  it('splits an account id, whatever the casing of the fixed segments', () => {
    expect(
      parseArmResourceId(
        '/SUBSCRIPTIONS/8f2c/resourcegroups/rg-Chat/providers/Microsoft.CognitiveServices/accounts/aoai-Chat',
      ),
    ).toEqual({
      subscriptionId: '8f2c',
      resourceGroup: 'rg-Chat',
      provider: 'Microsoft.CognitiveServices',
      type: 'accounts',
      name: 'aoai-Chat',
    });
  });

  it.each([
    'aoai-chat',
    '/subscriptions/s/resourceGroups/rg',
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/deployments/d',
  ])('refuses %s', id => {
    expect(() => parseArmResourceId(id)).toThrow(InputError);
  });

  it('keys ids case-insensitively', () => {
    expect(armIdKey('/Subscriptions/S/ResourceGroups/RG/x/')).toBe(
      armIdKey('/subscriptions/s/resourcegroups/rg/x'),
    );
  });
});
