import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { loadGoldenPathOptionsFrom } from '../../hooks/useGoldenPathOptions';
import { errorMessage } from '../../utils/errorMessage';
import {
  isPolicyChoice,
  POLICY_CHOICES,
  policyChoiceProblem,
} from '../../utils/goldenPathRules';
import type { AzureOpenAIPolicyChoiceUiOptions } from './AzureOpenAIPolicyChoice';

/**
 * Refuses a value the golden-path policy does not allow, naming the allowed values.
 *
 * @public
 */
export const azureOpenAIPolicyChoiceValidation: CustomFieldValidator<
  string,
  AzureOpenAIPolicyChoiceUiOptions
> = async (value, validation, context) => {
  const choice = context.uiSchema?.['ui:options']?.choice;
  if (!isPolicyChoice(choice)) {
    validation.addError(
      `The template's ui:options.choice must be one of ${POLICY_CHOICES.join(
        ', ',
      )}.`,
    );
    return;
  }
  if (!value) return;
  let options;
  try {
    options = await loadGoldenPathOptionsFrom(context.apiHolder);
  } catch (e) {
    validation.addError(
      `Could not check the ${choice} against the golden-path policy: ${errorMessage(
        e as Error,
      )}`,
    );
    return;
  }
  const problem = policyChoiceProblem(value, options, choice);
  if (problem) validation.addError(problem);
};
