import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/core-plugin-api';
import type { ExportFormat } from '@pavedai/plugin-azure-openai-common';
import { useState, type MouseEvent } from 'react';
import { azureOpenAIApiRef, type ExportScope } from '../../api/AzureOpenAIApi';
import { errorMessage } from '../../utils/errorMessage';
import { saveBlob } from './saveBlob';

/** The formats the menu offers, with what each is for. */
export const EXPORT_FORMAT_OPTIONS: ReadonlyArray<{
  format: ExportFormat;
  label: string;
  description: string;
}> = [
  {
    format: 'json',
    label: 'JSON',
    description: 'Every result with its evidence',
  },
  {
    format: 'csv',
    label: 'CSV',
    description: 'One row per account and control',
  },
  {
    format: 'sarif',
    label: 'SARIF',
    description: 'Failing and unknown controls, for code scanning',
  },
  {
    format: 'md',
    label: 'Markdown evidence pack',
    description: 'Controls, evidence, waivers and attestations for auditors',
  },
];

/** Props of {@link ExportButton}. */
export interface ExportButtonProps {
  /** What the export covers: the fleet, an entity's accounts, or an owner's accounts. */
  scope: ExportScope;
  /** `inherit` inside a page header; default `primary`. */
  color?: 'primary' | 'inherit';
}

function scopeLabel(scope: ExportScope): string {
  if (scope.type === 'owner') return `Export ${scope.ownerRef}'s accounts`;
  if (scope.type === 'fleet') return 'Export fleet';
  return 'Export evidence';
}

/**
 * "Export" with a menu of the four evidence formats. The file is downloaded through the audit
 * backend with the signed-in user's token and saved under the name the backend gives it; a
 * failure (for example a 403 from the permission policy) is shown next to the button.
 */
export function ExportButton(props: ExportButtonProps) {
  const { scope, color = 'primary' } = props;
  const api = useApi(azureOpenAIApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState<ExportFormat | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const download = async (format: ExportFormat) => {
    setAnchor(null);
    setBusy(format);
    setError(undefined);
    try {
      const { blob, filename } = await api.downloadExport(scope, format);
      saveBlob(blob, filename);
    } catch (e) {
      setError(`Export failed: ${errorMessage(e as Error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="inline-flex" alignItems="center" gridGap={8}>
      <Button
        variant="outlined"
        color={color}
        size="small"
        startIcon={<GetAppIcon />}
        aria-haspopup="menu"
        disabled={busy !== undefined}
        onClick={(event: MouseEvent<HTMLElement>) =>
          setAnchor(event.currentTarget)
        }
      >
        {busy ? `Exporting ${busy.toUpperCase()}…` : scopeLabel(scope)}
      </Button>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        {EXPORT_FORMAT_OPTIONS.map(option => (
          <MenuItem key={option.format} onClick={() => download(option.format)}>
            <ListItemText
              primary={option.label}
              secondary={option.description}
            />
          </MenuItem>
        ))}
      </Menu>
      {error && (
        <Typography role="alert" variant="body2" color="error">
          {error}
        </Typography>
      )}
    </Box>
  );
}
