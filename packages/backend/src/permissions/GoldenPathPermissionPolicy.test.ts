import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { GoldenPathPermissionPolicy } from './GoldenPathPermissionPolicy';

const chatMember = {
  userEntityRef: 'user:default/casey.chat',
  ownershipEntityRefs: ['user:default/casey.chat', 'group:default/team-chat'],
};
const platformMember = {
  userEntityRef: 'user:default/pat.platform',
  ownershipEntityRefs: [
    'user:default/pat.platform',
    'group:default/platform-team',
  ],
};

function policyFor(info: typeof chatMember, config: JsonObject = {}) {
  return GoldenPathPermissionPolicy.fromConfig(new ConfigReader(config), {
    userInfo: mockServices.userInfo(info),
  });
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

const approveWaiver = createPermission({
  name: 'azure-openai.waiver.approve',
  attributes: { action: 'update' },
});
const scanEntity = createPermission({
  name: 'azure-openai.scan.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});
const readGoldenPath = createPermission({
  name: 'azure-openai.golden-path.read',
  attributes: { action: 'read' },
});
const unknownUpdate = createPermission({
  name: 'some-plugin.setting.update',
  attributes: { action: 'update' },
});

describe('GoldenPathPermissionPolicy', () => {
  it('lets every signed-in user read the catalog', async () => {
    const decision = await policyFor(chatMember).handle(
      { permission: catalogEntityReadPermission },
      user(chatMember.userEntityRef),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets every signed-in user read the golden-path options, and nobody without a user', async () => {
    for (const member of [chatMember, platformMember]) {
      const decision = await policyFor(member).handle(
        { permission: readGoldenPath },
        user(member.userEntityRef),
      );
      expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
    }
    const newcomer = user('user:default/new.hire');
    expect(
      await policyFor(newcomer.info).handle(
        { permission: readGoldenPath },
        newcomer,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policyFor(chatMember).handle({ permission: readGoldenPath }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies requests that carry no user', async () => {
    const decision = await policyFor(chatMember).handle({
      permission: catalogEntityReadPermission,
    });
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets anonymous callers read, and only read, when config allows it', async () => {
    const policy = policyFor(chatMember, {
      permission: { goldenPath: { anonymousRead: true } },
    });
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: catalogEntityDeletePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('limits deleting and refreshing an entity to its owners', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogEntityRefreshPermission,
    ]) {
      const decision = await policyFor(chatMember).handle(
        { permission },
        user(chatMember.userEntityRef),
      );
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: { claims: chatMember.ownershipEntityRefs },
        },
      });
    }
  });

  it('limits scanning an entity to its owners, and lets the platform team scan anything', async () => {
    const asOwner = await policyFor(chatMember).handle(
      { permission: scanEntity },
      user(chatMember.userEntityRef),
    );
    expect(asOwner).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: chatMember.ownershipEntityRefs },
      },
    });
    const asPlatform = await policyFor(platformMember).handle(
      { permission: scanEntity },
      user(platformMember.userEntityRef),
    );
    expect(asPlatform).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('keeps waiver approval and location deletion to the platform team', async () => {
    for (const permission of [approveWaiver, catalogLocationDeletePermission]) {
      const asOwner = await policyFor(chatMember).handle(
        { permission },
        user(chatMember.userEntityRef),
      );
      expect(asOwner).toEqual({ result: AuthorizeResult.DENY });
      const asPlatform = await policyFor(platformMember).handle(
        { permission },
        user(platformMember.userEntityRef),
      );
      expect(asPlatform).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies updates it knows nothing about to non-platform users', async () => {
    const decision = await policyFor(chatMember).handle(
      { permission: unknownUpdate },
      user(chatMember.userEntityRef),
    );
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('takes the platform groups from config', async () => {
    const config = {
      permission: {
        goldenPath: { platformGroups: ['group:default/team-chat'] },
      },
    };
    const asChat = await policyFor(chatMember, config).handle(
      { permission: approveWaiver },
      user(chatMember.userEntityRef),
    );
    expect(asChat).toEqual({ result: AuthorizeResult.ALLOW });
    const asPlatform = await policyFor(platformMember, config).handle(
      { permission: approveWaiver },
      user(platformMember.userEntityRef),
    );
    expect(asPlatform).toEqual({ result: AuthorizeResult.DENY });
  });
});
