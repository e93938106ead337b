import Button from '@material-ui/core/Button';
import { Table, TableColumn } from '@backstage/core-components';
import type { FleetSummary } from '@pavedai/plugin-azure-openai-common';
import { controlTitle } from '../../utils/presentation';
import { SeverityChip } from '../SeverityChip';

type ControlRow = FleetSummary['byControl'][number];

/** Props of {@link FleetControlRollup}. */
export interface FleetControlRollupProps {
  summary: FleetSummary;
  /** Shows the accounts failing a control in the accounts table. */
  onShowAccounts: (controlId: string) => void;
}

/** Which controls fail most across the fleet. */
export function FleetControlRollup(props: FleetControlRollupProps) {
  const { summary, onShowAccounts } = props;
  const rows = summary.byControl
    .filter(c => c.failing > 0 || c.unknown > 0)
    .sort((a, b) => b.failing - a.failing || b.unknown - a.unknown);
  const columns: TableColumn<ControlRow>[] = [
    {
      title: 'Control',
      field: 'controlId',
      render: row => `${controlTitle(row.controlId)} (${row.controlId})`,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: row => <SeverityChip severity={row.severity} />,
    },
    { title: 'Failing accounts', field: 'failing' },
    { title: 'Unknown', field: 'unknown' },
    {
      title: '',
      field: 'controlId',
      render: row =>
        row.failing > 0 ? (
          <Button
            size="small"
            onClick={() => onShowAccounts(row.controlId)}
            aria-label={`Show accounts failing ${row.controlId}`}
          >
            Show accounts
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<ControlRow>
      title="By control: what fails most across the fleet"
      columns={columns}
      data={rows}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
