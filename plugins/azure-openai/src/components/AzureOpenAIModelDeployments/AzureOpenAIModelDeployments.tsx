import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import type { GoldenPathOptions } from '@pavedai/plugin-azure-openai-common';
import type { ChangeEvent, ReactNode } from 'react';
import { useGoldenPathOptions } from '../../hooks/useGoldenPathOptions';
import {
  capacityCap,
  defaultDeploymentName,
  deploymentProblems,
  findModel,
  type DeploymentField,
  type DeploymentProblem,
  type DeploymentRow,
} from '../../utils/goldenPathRules';
import { GoldenPathOptionsError } from '../GoldenPathOptionsError';

/**
 * One model deployment as the `AzureOpenAIModelDeployments` field returns it.
 *
 * @public
 */
export interface AzureOpenAIModelDeployment {
  /** Deployment name: 2–64 letters, digits, `-`, `_` or `.`. */
  name: string;
  /** Model name, e.g. `gpt-4.1`. */
  model: string;
  /** Model version, e.g. `2025-04-14`. */
  version: string;
  /** Deployment SKU, e.g. `Standard`. */
  sku: string;
  /** Capacity in the SKU's units (thousands of tokens per minute for Standard SKUs). */
  capacity: number;
}

/**
 * Props of {@link AzureOpenAIModelDeployments}.
 *
 * @public
 */
export type AzureOpenAIModelDeploymentsProps = FieldExtensionComponentProps<
  AzureOpenAIModelDeployment[],
  {}
>;

const useStyles = makeStyles(theme => ({
  row: { padding: theme.spacing(2), marginTop: theme.spacing(1) },
  rowTitle: { flexGrow: 1 },
}));

/** Capacity of a new row when the SKU has no lower cap. */
const DEFAULT_CAPACITY = 10;

/**
 * A template form field that edits the list of model deployments: approved models and versions,
 * allowed SKUs and capacity up to the SKU's cap, as the golden-path policy says.
 *
 * @public
 */
export function AzureOpenAIModelDeployments(
  props: AzureOpenAIModelDeploymentsProps,
) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    disabled,
    readonly,
    schema,
    idSchema,
  } = props;
  const { loading, error, value: options, retry } = useGoldenPathOptions();
  const id = idSchema?.$id ?? 'azure-openai-model-deployments';
  const title = schema?.title ?? 'Model deployments';

  if (error) {
    return (
      <GoldenPathOptionsError
        subject="model deployments"
        error={error}
        onRetry={retry}
      />
    );
  }
  if (loading || !options) {
    return <Progress />;
  }

  const rows: DeploymentRow[] = (formData as DeploymentRow[] | undefined) ?? [];
  const locked = Boolean(disabled || readonly);
  const problems = deploymentProblems(rows, options).filter(
    p => p.kind === 'refused',
  );
  const emit = (next: DeploymentRow[]) =>
    onChange(next as AzureOpenAIModelDeployment[]);
  const update = (index: number, next: DeploymentRow) =>
    emit(rows.map((row, i) => (i === index ? next : row)));
  const remove = (index: number) => emit(rows.filter((_, i) => i !== index));
  const add = () => emit([...rows, newRow(options, rows)]);

  return (
    <FormControl
      component="fieldset"
      fullWidth
      margin="normal"
      required={required}
      error={(rawErrors?.length ?? 0) > 0}
    >
      <FormLabel component="legend">{title}</FormLabel>
      {schema?.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {rows.length === 0 && (
        <Box my={1}>
          <Typography variant="body2" color="textSecondary">
            No model deployments yet.
          </Typography>
        </Box>
      )}
      {rows.map((row, index) => (
        <DeploymentRowEditor
          key={index}
          id={`${id}-${index}`}
          index={index}
          row={row}
          others={rows.filter((_, i) => i !== index)}
          options={options}
          problems={problems.filter(p => p.row === index)}
          disabled={locked}
          onChange={next => update(index, next)}
          onRemove={() => remove(index)}
        />
      ))}
      <Box mt={1}>
        <Button
          variant="outlined"
          startIcon={<AddIcon />}
          onClick={add}
          disabled={locked}
        >
          Add deployment
        </Button>
      </Box>
    </FormControl>
  );
}

interface DeploymentRowEditorProps {
  id: string;
  index: number;
  row: DeploymentRow;
  others: DeploymentRow[];
  options: GoldenPathOptions;
  problems: DeploymentProblem[];
  disabled: boolean;
  onChange: (row: DeploymentRow) => void;
  onRemove: () => void;
}

function DeploymentRowEditor(props: DeploymentRowEditorProps) {
  const {
    id,
    index,
    row,
    others,
    options,
    problems,
    disabled,
    onChange,
    onRemove,
  } = props;
  const classes = useStyles();
  const label = `Deployment ${index + 1}`;
  const takenNames = others.map(o => o.name ?? '').filter(Boolean);
  const model = findModel(options, row.model);
  const versions = model?.versions ?? [];
  const cap = capacityCap(options, row.sku);
  const problem = (field: DeploymentField) =>
    problems.find(p => p.field === field)?.detail;

  const changeModel = (name: string) => {
    const chosen = findModel(options, name);
    const autoName =
      !row.name ||
      row.name === defaultDeploymentName(row.model ?? '', takenNames);
    const approved = chosen?.versions ?? [];
    const keepVersion =
      approved.length === 0 || approved.includes(row.version ?? '');
    const version = keepVersion ? row.version : approved[0];
    onChange({
      ...row,
      model: name,
      version,
      name:
        autoName && name ? defaultDeploymentName(name, takenNames) : row.name,
    });
  };
  const changeSku = (sku: string) => {
    const skuCap = capacityCap(options, sku);
    const capacity =
      skuCap !== undefined &&
      row.capacity !== undefined &&
      row.capacity > skuCap
        ? skuCap
        : row.capacity;
    onChange({ ...row, sku, capacity });
  };
  const changeCapacity = (text: string) => {
    const n = Number(text);
    onChange({
      ...row,
      capacity: text === '' || Number.isNaN(n) ? undefined : n,
    });
  };

  const capacityHelp = problem('capacity') ?? capacityHint(row.sku, cap);

  return (
    <Paper variant="outlined" className={classes.row}>
      <div role="group" aria-label={label}>
        <Grid container spacing={2} alignItems="flex-start">
          <Grid item xs={12}>
            <Box display="flex" alignItems="center">
              <Typography variant="subtitle2" className={classes.rowTitle}>
                {label}
              </Typography>
              <IconButton
                aria-label={`Remove ${label.toLowerCase()}`}
                onClick={onRemove}
                disabled={disabled}
                size="small"
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Box>
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <TextField
              id={`${id}-name`}
              label="Name"
              required
              fullWidth
              variant="outlined"
              size="small"
              disabled={disabled}
              value={row.name ?? ''}
              error={Boolean(problem('name'))}
              helperText={problem('name') ?? '2–64 letters, digits, - _ .'}
              onChange={e => onChange({ ...row, name: e.target.value })}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <ChoiceField
              id={`${id}-model`}
              label="Model"
              value={row.model}
              choices={options.models.map(m => m.name)}
              problem={problem('model')}
              freeHelp="Any model (not restricted)"
              disabled={disabled}
              onChange={changeModel}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <ChoiceField
              id={`${id}-version`}
              label="Version"
              value={row.version}
              choices={versions}
              problem={problem('version')}
              freeHelp={
                row.model
                  ? `Any version of ${row.model} (not restricted)`
                  : 'Any version (not restricted)'
              }
              disabled={disabled}
              onChange={version => onChange({ ...row, version })}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <ChoiceField
              id={`${id}-sku`}
              label="SKU"
              value={row.sku}
              choices={options.deploymentSkus}
              problem={problem('sku')}
              freeHelp="Any SKU (not restricted)"
              disabled={disabled}
              onChange={changeSku}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <TextField
              id={`${id}-capacity`}
              label="Capacity"
              type="number"
              required
              fullWidth
              variant="outlined"
              size="small"
              disabled={disabled}
              value={row.capacity ?? ''}
              inputProps={{ min: 1, max: cap, step: 1 }}
              error={Boolean(problem('capacity'))}
              helperText={capacityHelp}
              onChange={e => changeCapacity(e.target.value)}
            />
          </Grid>
        </Grid>
      </div>
    </Paper>
  );
}

interface ChoiceFieldProps {
  id: string;
  label: string;
  value: string | undefined;
  /** Allowed values; empty means free text. */
  choices: ReadonlyArray<string>;
  problem?: string;
  /** Helper text of the free-text field. */
  freeHelp: ReactNode;
  disabled: boolean;
  onChange: (value: string) => void;
}

/** A select of the allowed values, or free text when the policy does not restrict them. */
function ChoiceField(props: ChoiceFieldProps) {
  const { id, label, value, choices, problem, freeHelp, disabled, onChange } =
    props;
  const common = {
    id,
    label,
    required: true,
    fullWidth: true,
    variant: 'outlined' as const,
    size: 'small' as const,
    disabled,
    value: value ?? '',
    error: Boolean(problem),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange(e.target.value),
  };
  if (choices.length === 0) {
    return <TextField {...common} helperText={problem ?? freeHelp} />;
  }
  const current = value ?? '';
  // A value the policy no longer allows stays visible (and refused) rather than vanishing.
  const listed =
    current && !choices.includes(current) ? [...choices, current] : choices;
  return (
    <TextField {...common} select helperText={problem}>
      {listed.map(choice => (
        <MenuItem key={choice} value={choice}>
          {choice}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The capacity field's hint: the SKU's cap, or that it has none. */
function capacityHint(sku: string | undefined, cap: number | undefined) {
  if (!sku) return 'Choose a SKU first';
  return cap === undefined ? `No cap for ${sku}` : `Cap for ${sku}: ${cap}`;
}

/** A new row: the first approved model, version and SKU, a free name and a capacity within the cap. */
function newRow(
  options: GoldenPathOptions,
  rows: ReadonlyArray<DeploymentRow>,
): DeploymentRow {
  const model = options.models[0];
  const sku = options.deploymentSkus[0] ?? '';
  const cap = capacityCap(options, sku);
  return {
    name: model
      ? defaultDeploymentName(
          model.name,
          rows.map(r => r.name ?? '').filter(Boolean),
        )
      : '',
    model: model?.name ?? '',
    version: model?.versions[0] ?? '',
    sku,
    capacity: Math.min(DEFAULT_CAPACITY, cap ?? DEFAULT_CAPACITY),
  };
}
