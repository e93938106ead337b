import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { loadGoldenPathOptionsFrom } from '../../hooks/useGoldenPathOptions';
import { errorMessage } from '../../utils/errorMessage';
import {
  deploymentProblems,
  type DeploymentRow,
} from '../../utils/goldenPathRules';
import type { AzureOpenAIModelDeployment } from './AzureOpenAIModelDeployments';

/**
 * Refuses deployments the golden-path policy does not allow: missing fields, invalid or duplicate
 * names, models, versions and SKUs that are not allowed, capacity above the SKU's cap. Each
 * message names the row and the field.
 *
 * @public
 */
export const azureOpenAIModelDeploymentsValidation: CustomFieldValidator<
  AzureOpenAIModelDeployment[]
> = async (value, validation, context) => {
  let options;
  try {
    options = await loadGoldenPathOptionsFrom(context.apiHolder);
  } catch (e) {
    validation.addError(
      `Could not check the model deployments against the golden-path policy: ${errorMessage(
        e as Error,
      )}`,
    );
    return;
  }
  for (const problem of deploymentProblems(
    value as DeploymentRow[] | undefined,
    options,
  )) {
    validation.addError(problem.message);
  }
};
