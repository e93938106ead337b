import Button from '@material-ui/core/Button';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { FleetSummary } from '@pavedai/plugin-azure-openai-common';
import { GradeBadge } from '../GradeBadge';

type OwnerRow = FleetSummary['byOwnerNested'][number];

/** Props of {@link FleetOwnerRollup}. */
export interface FleetOwnerRollupProps {
  summary: FleetSummary;
  /** Shows the accounts of a group (and of the groups below it) in the accounts table. */
  onShowAccounts: (owner: string) => void;
}

/** The fleet per owning group, each group including the groups below it. */
export function FleetOwnerRollup(props: FleetOwnerRollupProps) {
  const { summary, onShowAccounts } = props;
  const columns: TableColumn<OwnerRow>[] = [
    {
      title: 'Owner',
      field: 'owner',
      render: row => <EntityRefLink entityRef={row.owner} />,
    },
    {
      title: 'Includes',
      field: 'descendantOwners',
      render: row =>
        row.descendantOwners.length === 0
          ? '–'
          : row.descendantOwners.map((d, i) => (
              <span key={d}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={d} />
              </span>
            )),
    },
    { title: 'Accounts', field: 'accountCount' },
    {
      title: 'Worst grade',
      field: 'worstGrade',
      render: row => <GradeBadge grade={row.worstGrade} size="small" />,
    },
    {
      title: 'Pooled score',
      field: 'score',
      render: row => row.score.toFixed(1),
    },
    {
      title: 'Grades',
      field: 'grades',
      render: row =>
        (Object.entries(row.grades) as Array<[string, number]>)
          .filter(([, n]) => n > 0)
          .map(([g, n]) => `${g}: ${n}`)
          .join(', '),
    },
    {
      title: '',
      field: 'owner',
      render: row => (
        <Button
          size="small"
          onClick={() => onShowAccounts(row.owner)}
          aria-label={`Show accounts of ${row.owner}`}
        >
          Show accounts
        </Button>
      ),
    },
  ];
  return (
    <Table<OwnerRow>
      title="By owner (teams include their sub-teams)"
      columns={columns}
      data={[...summary.byOwnerNested]}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
