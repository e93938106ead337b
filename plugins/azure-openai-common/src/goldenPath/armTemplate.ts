import type { ArmResourceRequest, DesiredState } from './types';

/**
 * An ARM deployment template (the JSON that `az deployment group create` takes).
 *
 * @public
 */
export interface ArmDeploymentTemplate {
  /** The deployment template schema URL. */
  $schema: string;
  /** Version of the template content. */
  contentVersion: string;
  /** What the template provisions. */
  metadata: { description: string };
  /** The resources to deploy, with their `dependsOn`. */
  resources: Array<Record<string, unknown>>;
}

const ACCOUNT_TYPE = 'Microsoft.CognitiveServices/accounts';

function segmentsAfterProviders(id: string): string[] {
  const at = id.lastIndexOf('/providers/');
  return id
    .slice(at + '/providers/'.length)
    .split('/')
    .filter(Boolean);
}

/** `{ type, name }` of a resource in template form: child names joined with `/`. */
function typeAndName(id: string): { type: string; name: string } {
  const [namespace, ...rest] = segmentsAfterProviders(id);
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return { type: `${namespace}/${types.join('/')}`, name: names.join('/') };
}

function templateResource(
  r: ArmResourceRequest,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  // Extension resources (diagnostic settings, roles, locks) sit on the account.
  const isExtension = r.id.split('/providers/').length > 2;
  const { type, name } = typeAndName(r.id);
  return {
    type,
    apiVersion: r.apiVersion,
    name,
    ...(isExtension ? { scope: `${ACCOUNT_TYPE}/${accountNameOf(r.id)}` } : {}),
    ...r.body,
    ...extra,
  };
}

function accountNameOf(id: string): string {
  const m =
    /\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)/i.exec(id);
  return m ? m[1] : '';
}

/**
 * The desired state as an ARM deployment template for the account's resource group: the IaC of
 * what the golden path provisions, to keep in the service's repository. Deployments depend on
 * each other so ARM creates them one at a time, as Azure requires.
 *
 * @public
 */
export function desiredStateToArmTemplate(
  state: DesiredState,
): ArmDeploymentTemplate {
  const accountRef = `[resourceId('${ACCOUNT_TYPE}', '${state.account.name}')]`;
  const after = (...refs: string[]) => ({ dependsOn: refs });
  const raiRef = `[resourceId('${ACCOUNT_TYPE}/raiPolicies', '${state.account.name}', '${state.raiPolicy.name}')]`;
  const resources: Array<Record<string, unknown>> = [
    templateResource(state.account, {}),
    templateResource(state.raiPolicy, after(accountRef)),
  ];
  let previous = raiRef;
  for (const d of state.deployments) {
    resources.push(templateResource(d, after(accountRef, previous)));
    previous = `[resourceId('${ACCOUNT_TYPE}/deployments', '${state.account.name}', '${d.name}')]`;
  }
  const peRef = `[resourceId('Microsoft.Network/privateEndpoints', '${state.privateEndpoint.name}')]`;
  resources.push(
    templateResource(state.privateEndpoint, after(accountRef, previous)),
    templateResource(state.privateDnsZoneGroup, after(peRef)),
    templateResource(state.diagnosticSettings, after(accountRef)),
    templateResource(state.defenderForAISettings, after(accountRef)),
    ...state.metricAlerts.map(a => templateResource(a, after(accountRef))),
    ...state.roleAssignments.map(r => templateResource(r, after(accountRef))),
    templateResource(state.lock, after(accountRef, previous, peRef)),
  );
  return {
    $schema:
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: {
      description: `Azure OpenAI account ${state.account.name} as the golden path provisioned it.`,
    },
    resources,
  };
}
