import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** Props of {@link SimpleTable}. */
export interface SimpleTableProps {
  /** Accessible name of the table. */
  label: string;
  head: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
  /** Shown instead of the table when there are no rows. */
  empty: string;
}

/** A small, dense table with a text in place of it when it has no rows. */
export function SimpleTable(props: SimpleTableProps) {
  if (props.rows.length === 0) {
    return <Typography variant="body2">{props.empty}</Typography>;
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.head.map(h => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => (
              <TableCell key={i}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
