import { buildDesiredState } from './build';
import { desiredStateToArmTemplate } from './armTemplate';
import { testPolicy, validInputs } from '../__fixtures__/goldenPath';

describe('desiredStateToArmTemplate', () => {
  const state = buildDesiredState(validInputs(), testPolicy);
  const template = desiredStateToArmTemplate(state);
  const byType = (type: string) =>
    template.resources.filter(r => r.type === type);

  it('has one template resource per write, with the builder bodies and api-versions', () => {
    const writes =
      6 +
      state.deployments.length +
      state.metricAlerts.length +
      state.roleAssignments.length +
      1;
    expect(template.resources).toHaveLength(writes);
    const [account] = byType('Microsoft.CognitiveServices/accounts');
    expect(account).toMatchObject({
      name: 'aoai-payments-prod-weu',
      apiVersion: state.account.apiVersion,
      properties: { publicNetworkAccess: 'Disabled', disableLocalAuth: true },
    });
  });

  it('names child resources after their parent and puts extension resources on the account', () => {
    expect(
      byType('Microsoft.CognitiveServices/accounts/deployments').map(
        d => d.name,
      ),
    ).toEqual([
      'aoai-payments-prod-weu/chat',
      'aoai-payments-prod-weu/embeddings',
    ]);
    const [lock] = byType('Microsoft.Authorization/locks');
    expect(lock.scope).toBe(
      'Microsoft.CognitiveServices/accounts/aoai-payments-prod-weu',
    );
    expect(lock.name).toBe('golden-path-no-delete');
  });

  it('chains the deployments so ARM creates them one at a time', () => {
    const [first, second] = byType(
      'Microsoft.CognitiveServices/accounts/deployments',
    );
    expect(second.dependsOn).toContain(
      "[resourceId('Microsoft.CognitiveServices/accounts/deployments', 'aoai-payments-prod-weu', 'chat')]",
    );
    expect(first.dependsOn).not.toContain(
      "[resourceId('Microsoft.CognitiveServices/accounts/deployments', 'aoai-payments-prod-weu', 'embeddings')]",
    );
  });
});
