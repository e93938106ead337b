import { accountToEntity, entityNamesFor } from './accountToEntity';
import { ArmAccountSummary } from './types';

const SUB_A = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const SUB_B = '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02';
const armId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.CognitiveServices/accounts/${name}`;

const base = {
  providerName: 'azure-openai-accounts',
  namespace: 'default',
  defaultOwner: 'group:default/platform-team',
  portalUrl: 'https://portal.azure.com',
};

describe('accountToEntity', () => {
  it('takes owner and system from the account tags', () => {
    const account: ArmAccountSummary = {
      id: armId(SUB_A, 'rg-chat-prod', 'aoai-chat-prod'),
      name: 'aoai-chat-prod',
      kind: 'OpenAI',
      location: 'swedencentral',
      tags: {
        'backstage.io-owner': 'group:default/team-chat',
        'backstage.io-system': 'customer-assistant',
      },
    };
    const entity = accountToEntity(account, {
      ...base,
      name: 'aoai-chat-prod',
    });
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'aoai-chat-prod',
        namespace: 'default',
        title: 'aoai-chat-prod',
        annotations: {
          'management.azure.com/resourceId': account.id,
          'management.azure.com/subscription-id': SUB_A,
          'management.azure.com/location': 'swedencentral',
          'backstage.io/view-url': `https://portal.azure.com/#resource${account.id}/overview`,
          'backstage.io/managed-by-location': `azure-openai-accounts:${account.id}`,
        },
      },
      spec: {
        type: 'azure-openai-account',
        owner: 'group:default/team-chat',
        system: 'customer-assistant',
      },
    });
  });

  it('falls back to the default owner and leaves out the system when untagged', () => {
    const entity = accountToEntity(
      { id: armId(SUB_B, 'rg', 'handmade'), name: 'handmade', tags: {} },
      { ...base, name: 'handmade', portalUrl: 'https://portal.azure.us/' },
    );
    expect(entity.spec).toEqual({
      type: 'azure-openai-account',
      owner: 'group:default/platform-team',
    });
    expect(entity.metadata.annotations?.['backstage.io/view-url']).toBe(
      `https://portal.azure.us/#resource${armId(
        SUB_B,
        'rg',
        'handmade',
      )}/overview`,
    );
  });
});

describe('entityNamesFor', () => {
  it('keeps account names, and disambiguates the same name in two subscriptions stably', () => {
    const a = { id: armId(SUB_A, 'rg1', 'shared'), name: 'shared' };
    const b = { id: armId(SUB_B, 'rg2', 'shared'), name: 'shared' };
    const c = { id: armId(SUB_A, 'rg1', 'unique-one'), name: 'unique-one' };
    const names = entityNamesFor([a, b, c]);
    expect(names.get(c)).toBe('unique-one');
    expect(names.get(a)).toMatch(/^shared-[0-9a-f]{6}$/);
    expect(names.get(b)).toMatch(/^shared-[0-9a-f]{6}$/);
    expect(names.get(a)).not.toBe(names.get(b));

    const reversed = entityNamesFor([c, b, a]);
    expect(reversed.get(a)).toBe(names.get(a));
    expect(reversed.get(b)).toBe(names.get(b));
  });

  it('produces valid entity names from the longest account names', () => {
    const long = {
      id: armId(SUB_A, 'rg', 'x'.repeat(64)),
      name: 'x'.repeat(64),
    };
    const name = entityNamesFor([long]).get(long)!;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/);
  });
});
