import { evaluateAccount } from '../engine/evaluate';
import {
  FIXTURE_NOW,
  fixturePolicy,
  loadFixture,
} from '../__fixtures__/fixtures';
import type { GoldenPathPolicy } from '../types';

/* Focused cases for branches the named fixtures do not reach. Each starts from pass-hardened. */

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const hardened = loadFixture('pass-hardened');

function evalWith(
  controlId: string,
  change: (input: Json) => void = () => {},
  policy: GoldenPathPolicy = {},
  extra: Json = {},
) {
  const input = JSON.parse(JSON.stringify(hardened.input));
  change(input);
  const e = evaluateAccount(input, {
    policy: { ...fixturePolicy(hardened), ...policy },
    now: FIXTURE_NOW,
    controlIds: [controlId],
    ...extra,
  });
  return e.results[0];
}
const account = (i: Json) => i.account.account.value;
const deployments = (i: Json) => i.account.deployments.value.value;
const strict = (i: Json) => i.account.raiPolicies.value.value[0];

describe('network controls', () => {
  it('AOAI-NET-002 treats a missing publicNetworkAccess as enabled and compares case-insensitively', () => {
    const missing = evalWith(
      'AOAI-NET-002',
      i => delete account(i).properties.publicNetworkAccess,
    );
    expect(missing.status).toBe('fail');
    expect(missing.message).toMatch(/not set/);
    expect(
      evalWith(
        'AOAI-NET-002',
        i => (account(i).properties.publicNetworkAccess = 'disabled'),
      ).status,
    ).toBe('pass');
  });

  it('AOAI-NET-003 fails an Enforced association that has provisioning issues', () => {
    const r = evalWith('AOAI-NET-003', i => {
      i.account.networkSecurityPerimeterConfigurations.value.value[0].properties.provisioningIssues =
        [
          {
            name: 'MissingPerimeterConfiguration',
            properties: { issueType: 'ConfigurationPropagationFailure' },
          },
        ];
    });
    expect(r.status).toBe('fail');
  });

  it('AOAI-NET-004 rejects IP rules of /8 or wider but accepts narrow ones', () => {
    expect(
      evalWith(
        'AOAI-NET-004',
        i =>
          (account(i).properties.networkAcls.ipRules = [
            { value: '10.0.0.0/8' },
          ]),
      ).message,
    ).toMatch(/too broad: 10\.0\.0\.0\/8/);
    expect(
      evalWith(
        'AOAI-NET-004',
        i =>
          (account(i).properties.networkAcls.ipRules = [
            { value: '203.0.113.0/24' },
            { value: '198.51.100.7' },
          ]),
      ).status,
    ).toBe('pass');
  });

  it('AOAI-NET-005 requires the three AI Services zones when privateLinkResources is not collected', () => {
    const r = evalWith('AOAI-NET-005', i => {
      account(i).kind = 'AIServices';
      i.account.privateLinkResources = {
        state: 'absent',
        reason: 'not-collected',
      };
    });
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'privatelink.cognitiveservices.azure.com, privatelink.services.ai.azure.com',
    );
  });

  it('AOAI-NET-005 prefers requiredZoneNames from privateLinkResources over the kind', () => {
    const r = evalWith('AOAI-NET-005', i => {
      i.account.privateLinkResources.value.value[0].properties.requiredZoneNames =
        ['privatelink.openai.azure.com', 'privatelink.extra.azure.com'];
    });
    expect(r.message).toContain('privatelink.extra.azure.com');
    expect(r.status).toBe('fail');
  });

  it('AOAI-NET-005 is unknown for an unknown kind without privateLinkResources', () => {
    const r = evalWith('AOAI-NET-005', i => {
      account(i).kind = 'FormRecognizer';
      delete i.account.privateLinkResources;
    });
    expect(r.status).toBe('unknown');
  });
});

describe('identity controls', () => {
  it('AOAI-IAM-001 fails when keys are off but there is no custom subdomain', () => {
    const r = evalWith(
      'AOAI-IAM-001',
      i => delete account(i).properties.customSubDomainName,
    );
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/no custom subdomain/);
  });

  it('AOAI-IAM-004 flags a person with Owner on the account unless allowlisted, and ignores sibling scopes', () => {
    const owner = (scope: string) => (i: Json) =>
      i.account.roleAssignments.value.value.push({
        name: 'x',
        properties: {
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
          principalId: 'dddddddd-0000-4000-8000-000000000001',
          principalType: 'User',
          scope,
        },
      });
    const id = (i: Json) => account(i).id as string;
    const accountId: string = (hardened.input.account.account as Json).value.id;
    expect(evalWith('AOAI-IAM-004', owner(accountId)).status).toBe('fail');
    expect(
      evalWith('AOAI-IAM-004', owner(accountId), {
        privilegedPrincipalAllowlist: [
          'aaaaaaaa-0000-4000-8000-000000000001',
          'DDDDDDDD-0000-4000-8000-000000000001',
        ],
      }).status,
    ).toBe('pass');
    expect(
      evalWith('AOAI-IAM-004', i => owner(`${id(i)}-other`)(i)).status,
    ).toBe('pass');
  });

  it('AOAI-IAM-005 fails an application that holds OpenAI Contributor', () => {
    const r = evalWith('AOAI-IAM-005', i => {
      i.account.roleAssignments.value.value[0].properties.roleDefinitionId =
        '/providers/Microsoft.Authorization/roleDefinitions/a001fd3d-188f-4b5d-821b-7da978bf7442';
    });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Cognitive Services OpenAI Contributor');
  });

  it('AOAI-IAM-004 counts roles inherited from a management group', () => {
    const r = evalWith('AOAI-IAM-004', i =>
      i.account.roleAssignments.value.value.push({
        name: 'mg-owner',
        properties: {
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
          principalId: 'eeeeeeee-0000-4000-8000-000000000001',
          principalType: 'User',
          scope:
            '/providers/Microsoft.Management/managementGroups/contoso-platform',
        },
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'eeeeeeee-0000-4000-8000-000000000001 holds Owner, inherited',
    );
  });
});

describe('data controls', () => {
  it('AOAI-DATA-003 asks for an attestation when the golden path has no FQDN allowlist', () => {
    const r = evalWith('AOAI-DATA-003', undefined, {
      allowedOutboundFqdns: [],
    });
    expect(r.status).toBe('attestation-required');
    const attested = evalWith(
      'AOAI-DATA-003',
      undefined,
      { allowedOutboundFqdns: [] },
      {
        attestations: [
          {
            controlId: 'AOAI-DATA-003',
            resourceId: '*',
            author: 'sec@example.com',
            evidenceUrl: 'https://example.com/fqdn-review',
            statement: 'Both hosts belong to the payments workload.',
            expiresAt: '2027-06-01T00:00:00Z',
          },
        ],
      },
    );
    expect(attested.status).toBe('attested');
  });

  it('AOAI-DATA-002 accepts Low and Medium but not High, and requires blocking', () => {
    expect(
      evalWith(
        'AOAI-DATA-002',
        i =>
          (strict(i).properties.contentFilters[0].severityThreshold = 'High'),
      ).status,
    ).toBe('fail');
    expect(
      evalWith(
        'AOAI-DATA-002',
        i => (strict(i).properties.contentFilters[2].blocking = 'false'),
      ).status,
    ).toBe('fail');
    expect(
      evalWith(
        'AOAI-DATA-002',
        i => (strict(i).properties.contentFilters[2].severityThreshold = 'Low'),
      ).status,
    ).toBe('pass');
  });

  it('AOAI-DATA-004 requires jailbreak blocking but accepts annotate-only indirect attack shields', () => {
    expect(
      evalWith(
        'AOAI-DATA-004',
        i => (strict(i).properties.contentFilters[9].blocking = false),
      ).status,
    ).toBe('pass');
    expect(
      evalWith(
        'AOAI-DATA-004',
        i => (strict(i).properties.contentFilters[8].blocking = false),
      ).status,
    ).toBe('fail');
  });

  it('AOAI-DATA-005 passes when every deployment has a groundedness filter', () => {
    const r = evalWith('AOAI-DATA-005', i =>
      strict(i).properties.contentFilters.push({
        name: 'Groundedness',
        enabled: true,
        blocking: false,
        source: 'Completion',
      }),
    );
    expect(r.status).toBe('pass');
  });
});

describe('logging controls', () => {
  it('AOAI-LOG-001 accepts the three categories instead of allLogs but not fewer', () => {
    const logs = (categories: string[]) => (i: Json) => {
      i.account.diagnosticSettings.value.value[0].properties.logs =
        categories.map(category => ({ category, enabled: true }));
    };
    expect(
      evalWith(
        'AOAI-LOG-001',
        logs(['Audit', 'RequestResponse', 'AzureOpenAIRequestUsage']),
      ).status,
    ).toBe('pass');
    const r = evalWith('AOAI-LOG-001', logs(['Audit', 'RequestResponse']));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('azureopenairequestusage');
  });

  it('AOAI-LOG-002 ignores alerts without an action group', () => {
    const r = evalWith(
      'AOAI-LOG-002',
      i => (i.subscription.metricAlerts.value.value[0].properties.actions = []),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/content-safety/);
  });

  it('AOAI-LOG-002 does not read an Exclude dimension on status codes as an auth alert', () => {
    const r = evalWith('AOAI-LOG-002', i => {
      i.subscription.metricAlerts.value.value[1].properties.criteria.allOf[0].dimensions[0].operator =
        'Exclude';
    });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/authentication failures/);
  });

  it('AOAI-LOG-004 treats a missing account setting (404) as no override, but a 403 as unknown', () => {
    expect(
      evalWith(
        'AOAI-LOG-004',
        i =>
          (i.account.defenderForAISettings = {
            state: 'absent',
            reason: 'not-found',
          }),
      ).status,
    ).toBe('pass');
    expect(
      evalWith(
        'AOAI-LOG-004',
        i =>
          (i.account.defenderForAISettings = {
            state: 'absent',
            reason: 'forbidden',
          }),
      ).status,
    ).toBe('unknown');
  });
});

describe('governance controls', () => {
  it('AOAI-GOV-001 fails when a required definition is not assigned', () => {
    const r = evalWith('AOAI-GOV-001', undefined, {
      requiredPolicyDefinitionIds: [
        '037eea7a-bd0a-46c5-9a66-03aea78705d3',
        '67121cc7-ff39-4ab8-b7e3-95b84dab487d',
        '46aa9b05-0e60-4eae-a88b-1e9d374fa515',
      ],
    });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('46aa9b05-0e60-4eae-a88b-1e9d374fa515');
    expect(r.message).not.toContain('67121cc7');
  });

  it('AOAI-GOV-001 counts assignments inherited from a management group', () => {
    const r = evalWith('AOAI-GOV-001', i => {
      for (const a of i.subscription.policyAssignments.value.value) {
        a.properties.scope =
          '/providers/Microsoft.Management/managementGroups/contoso-platform';
      }
    });
    expect(r.status).toBe('pass');
  });

  it('AOAI-GOV-006 applies regional residency and the data-zone geography', () => {
    expect(
      evalWith('AOAI-GOV-006', undefined, { dataResidency: 'regional' })
        .message,
    ).toMatch(/chat-eu.*outside the account region/);
    const usAccount = evalWith(
      'AOAI-GOV-006',
      i => (account(i).location = 'eastus'),
    );
    expect(usAccount.status).toBe('fail');
    expect(usAccount.message).toContain('data zone US');
    expect(
      evalWith(
        'AOAI-GOV-006',
        i => (deployments(i)[0].sku.name = 'GlobalStandard'),
        { dataResidency: 'none' },
      ).status,
    ).toBe('pass');
    expect(
      evalWith(
        'AOAI-GOV-006',
        i => (deployments(i)[0].sku.name = 'DeveloperTier'),
        { dataResidency: 'none' },
      ).status,
    ).toBe('fail');
  });

  it('AOAI-GOV-007 compares tag keys case-insensitively and rejects empty values', () => {
    expect(
      evalWith(
        'AOAI-GOV-007',
        i =>
          (account(i).tags = {
            Owner: 'x',
            'COST-CENTER': 'y',
            'data-classification': 'z',
          }),
      ).status,
    ).toBe('pass');
    expect(
      evalWith('AOAI-GOV-007', i => (account(i).tags.owner = '')).status,
    ).toBe('fail');
  });
});

describe('resilience and service controls', () => {
  it('AOAI-BCDR-001 passes on global or data-zone deployments without peer accounts', () => {
    const r = evalWith('AOAI-BCDR-001', i => {
      for (const d of deployments(i)) d.sku.name = 'DataZoneStandard';
      delete i.account.workloadAccounts;
    });
    expect(r.status).toBe('pass');
  });

  it('AOAI-BCDR-008 is unknown when a deployed model is not in the catalogue', () => {
    expect(
      evalWith(
        'AOAI-BCDR-008',
        i => (deployments(i)[0].properties.model.version = '99'),
      ).status,
    ).toBe('unknown');
  });

  it('AOAI-BCDR-008 honours the warning window', () => {
    const retiring = (i: Json) =>
      (deployments(i)[1].properties.model.version = '2024-05-13');
    expect(
      evalWith('AOAI-BCDR-008', retiring, { modelRetirementWarningDays: 60 })
        .status,
    ).toBe('fail');
    expect(
      evalWith(
        'AOAI-BCDR-008',
        i => {
          retiring(i);
        },
        { modelRetirementWarningDays: 10, approvedModels: [] },
      ).status,
    ).toBe('pass');
  });

  it('AOAI-SVC-001 requires a custom policy only for high-risk accounts', () => {
    const useSystem = (i: Json) => {
      for (const d of deployments(i))
        d.properties.raiPolicyName = 'Microsoft.DefaultV2';
    };
    expect(evalWith('AOAI-SVC-001', useSystem).status).toBe('fail');
    expect(
      evalWith('AOAI-SVC-001', i => {
        useSystem(i);
        account(i).tags['ai-risk-tier'] = 'low';
      }).status,
    ).toBe('pass');
  });

  it('AOAI-SVC-004 fails a capped deployment without a numeric capacity', () => {
    expect(
      evalWith('AOAI-SVC-004', i => (deployments(i)[0].sku.capacity = '120'))
        .status,
    ).toBe('fail');
  });

  it('AOAI-SVC-006 accepts asynchronous filtering for an excepted deployment', () => {
    const asyncMode = (i: Json) =>
      (strict(i).properties.mode = 'Asynchronous_filter');
    expect(evalWith('AOAI-SVC-006', asyncMode).status).toBe('fail');
    expect(
      evalWith('AOAI-SVC-006', asyncMode, {
        streamingModeExceptions: [
          'embeddings',
          'chat-eu',
          'chat-ptu',
          'chat-41',
        ],
      }).status,
    ).toBe('pass');
  });
});
