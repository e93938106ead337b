import { testPolicy, validInputs } from '../__fixtures__/goldenPath';
import { absent, present, type EvaluationInput } from '../evidence';
import { buildDesiredState } from './build';
import { compareWithDesiredState, MISSING_RESOURCE_FIELD } from './drift';
import { desiredStateEvidence } from './evidence';

const desired = buildDesiredState(validInputs(), testPolicy);

/** The evidence of an account exactly as the golden path built it, deep-copied. */
function asBuilt(): EvaluationInput {
  return JSON.parse(JSON.stringify(desiredStateEvidence(desired)));
}

function listOf(evidence: EvaluationInput, key: 'deployments' | 'locks') {
  return (evidence.account[key] as { value: { value: any[] } }).value.value;
}

describe('compareWithDesiredState', () => {
  it('finds nothing on an account as the golden path built it', () => {
    expect(compareWithDesiredState(desired, asBuilt())).toEqual([]);
  });

  it('names the resource, field, desired and actual value of each change', () => {
    const evidence = asBuilt();
    const account = (evidence.account.account as { value: any }).value;
    account.properties.publicNetworkAccess = 'Enabled';
    account.location = 'eastus';
    account.tags.extra = 'kept';
    const [chat] = listOf(evidence, 'deployments');
    chat.sku.capacity = 999;

    expect(compareWithDesiredState(desired, evidence)).toEqual([
      {
        resource: desired.account.id,
        field: 'location',
        desired: desired.account.body.location,
        actual: 'eastus',
      },
      {
        resource: desired.account.id,
        field: 'properties.publicNetworkAccess',
        desired: 'Disabled',
        actual: 'Enabled',
      },
      {
        resource: desired.deployments[0].id,
        field: 'sku.capacity',
        desired: validInputs().deployments[0].capacity,
        actual: 999,
      },
    ]);
  });

  it('reports a deleted resource as missing, and skips what was not collected', () => {
    const evidence = asBuilt();
    listOf(evidence, 'locks').length = 0;
    evidence.account.diagnosticSettings = absent('forbidden');
    evidence.account.raiPolicies = present([]);
    expect(compareWithDesiredState(desired, evidence)).toEqual([
      {
        resource: desired.raiPolicy.id,
        field: MISSING_RESOURCE_FIELD,
        desired: 'Microsoft.CognitiveServices/accounts/raiPolicies',
        actual: null,
      },
      {
        resource: desired.lock.id,
        field: MISSING_RESOURCE_FIELD,
        desired: 'Microsoft.Authorization/locks',
        actual: null,
      },
    ]);
  });

  it('compares evidence in the Azure SDK shape (properties merged, odataType)', () => {
    const withAlerts = buildDesiredState(validInputs(), {
      ...testPolicy,
      alertActionGroupId:
        '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-monitoring/providers/Microsoft.Insights/actionGroups/ag-oncall',
    });
    const evidence: EvaluationInput = JSON.parse(
      JSON.stringify(desiredStateEvidence(withAlerts)),
    );
    const sdkShape = (r: { body: any; id: string; name: string }) => {
      const { properties, ...rest } = r.body;
      return { ...rest, id: r.id, name: r.name, ...properties };
    };
    evidence.account.diagnosticSettings = present({
      value: [sdkShape(withAlerts.diagnosticSettings)],
    });
    expect(withAlerts.metricAlerts).toHaveLength(2);
    evidence.subscription!.metricAlerts = present({
      value: withAlerts.metricAlerts.map(alert => {
        const shaped = sdkShape(alert);
        const { 'odata.type': odataType, ...criteria } = shaped.criteria;
        return { ...shaped, criteria: { ...criteria, odataType } };
      }),
    });
    expect(compareWithDesiredState(withAlerts, evidence)).toEqual([]);

    (evidence.account.diagnosticSettings as any).value.value[0].workspaceId =
      '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/other';
    expect(compareWithDesiredState(withAlerts, evidence)).toEqual([
      expect.objectContaining({
        resource: withAlerts.diagnosticSettings.id,
        field: 'workspaceId',
      }),
    ]);
  });

  it('reports the whole account missing when ARM no longer has it', () => {
    const evidence = asBuilt();
    evidence.account.account = absent('not-found');
    expect(compareWithDesiredState(desired, evidence)).toContainEqual({
      resource: desired.account.id,
      field: MISSING_RESOURCE_FIELD,
      desired: 'Microsoft.CognitiveServices/accounts',
      actual: null,
    });
  });
});
