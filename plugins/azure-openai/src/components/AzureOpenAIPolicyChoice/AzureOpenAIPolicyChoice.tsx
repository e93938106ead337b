import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Progress } from '@backstage/core-components';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ChangeEvent } from 'react';
import { useGoldenPathOptions } from '../../hooks/useGoldenPathOptions';
import {
  allowedValues,
  describeContentFilterProfile,
  isPolicyChoice,
  POLICY_CHOICE_LABELS,
  POLICY_CHOICES,
  policyChoiceProblem,
  type PolicyChoice,
} from '../../utils/goldenPathRules';
import { GoldenPathOptionsError } from '../GoldenPathOptionsError';

/**
 * `ui:options` of the `AzureOpenAIPolicyChoice` field.
 *
 * @public
 */
export type AzureOpenAIPolicyChoiceUiOptions = {
  /** Which golden-path list the field picks from. */
  choice: 'subscription' | 'region' | 'contentFilterProfile';
};

/**
 * Props of {@link AzureOpenAIPolicyChoice}.
 *
 * @public
 */
export type AzureOpenAIPolicyChoiceProps = FieldExtensionComponentProps<
  string,
  AzureOpenAIPolicyChoiceUiOptions
>;

/**
 * A template form field whose value is one of the subscriptions, regions or content filter
 * profiles the golden-path policy allows; free text when the policy does not restrict it.
 *
 * @public
 */
export function AzureOpenAIPolicyChoice(props: AzureOpenAIPolicyChoiceProps) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    disabled,
    readonly,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const choice = uiSchema?.['ui:options']?.choice;
  const { loading, error, value: options, retry } = useGoldenPathOptions();
  const id = idSchema?.$id ?? 'azure-openai-policy-choice';

  if (!isPolicyChoice(choice)) {
    return (
      <GoldenPathOptionsError
        subject="this field"
        error={
          new Error(
            `The template sets ui:options.choice to ${JSON.stringify(
              choice,
            )}; use one of ${POLICY_CHOICES.join(', ')}.`,
          )
        }
        onRetry={retry}
      />
    );
  }
  const subject = POLICY_CHOICE_LABELS[choice];
  const label = schema?.title ?? defaultTitle(choice);
  if (error) {
    return (
      <GoldenPathOptionsError subject={subject} error={error} onRetry={retry} />
    );
  }
  if (loading || !options) {
    return <Progress />;
  }

  const allowed = allowedValues(options, choice);
  const problem = policyChoiceProblem(formData, options, choice);
  const hasErrors = Boolean(problem) || (rawErrors?.length ?? 0) > 0;
  const common = {
    id,
    label,
    required,
    disabled: disabled || readonly,
    fullWidth: true,
    margin: 'normal' as const,
    variant: 'outlined' as const,
    error: hasErrors,
    value: formData ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange(e.target.value || undefined),
  };

  if (allowed.length === 0) {
    return (
      <TextField
        {...common}
        helperText={
          problem ??
          schema?.description ??
          `The golden-path policy does not restrict the ${subject}.`
        }
      />
    );
  }

  const profiles = new Map(
    options.contentFilterProfiles.map(p => [p.name, p] as const),
  );
  return (
    <TextField
      {...common}
      select
      helperText={problem ?? schema?.description}
      SelectProps={{ renderValue: v => String(v) }}
    >
      {allowed.map(value => {
        const profile =
          choice === 'contentFilterProfile' ? profiles.get(value) : undefined;
        return (
          <MenuItem key={value} value={value}>
            {profile ? (
              <ListItemText
                primary={value}
                secondary={describeContentFilterProfile(profile)}
              />
            ) : (
              value
            )}
          </MenuItem>
        );
      })}
    </TextField>
  );
}

function defaultTitle(choice: PolicyChoice): string {
  switch (choice) {
    case 'subscription':
      return 'Subscription';
    case 'region':
      return 'Region';
    default:
      return 'Content filter profile';
  }
}
