import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';

/** One option of an {@link OutlinedSelect}: its value and its text. */
export type SelectOption = [value: string, text: string];

/** Props of {@link OutlinedSelect}. */
export interface OutlinedSelectProps {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<SelectOption>;
  onChange: (value: string) => void;
  className?: string;
  /**
   * Keep the label above the field and show the option whose value is the
   * empty string as the selected text. Default `false`.
   */
  displayEmpty?: boolean;
}

/** A small outlined select of a filter row. */
export function OutlinedSelect(props: OutlinedSelectProps) {
  const { id, label, value, options, onChange, className, displayEmpty } =
    props;
  return (
    <FormControl variant="outlined" size="small" className={className}>
      <InputLabel id={`${id}-label`} shrink={displayEmpty || undefined}>
        {label}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={displayEmpty ? undefined : label}
        value={value}
        displayEmpty={displayEmpty}
        input={
          displayEmpty ? <OutlinedInput notched label={label} /> : undefined
        }
        onChange={e => onChange(e.target.value as string)}
      >
        {options.map(([optionValue, text]) => (
          <MenuItem key={optionValue} value={optionValue}>
            {text}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** `options` after an `All` option whose value is the empty string. */
export function withAllOption(
  options: ReadonlyArray<SelectOption>,
): SelectOption[] {
  return [['', 'All'], ...options];
}
