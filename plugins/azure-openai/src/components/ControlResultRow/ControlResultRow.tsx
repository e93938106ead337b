import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CodeSnippet, Link } from '@backstage/core-components';
import type { ReactNode } from 'react';
import type { ControlResult } from '@pavedai/plugin-azure-openai-common';
import { getControl } from '@pavedai/plugin-azure-openai-common';
import { controlTitle, formatValue } from '../../utils/presentation';
import { WaivedNote } from '../governance/WaivedNote';
import { SeverityChip } from '../SeverityChip';
import { StatusChip } from '../StatusChip';

/** Props of {@link ControlResultRow}. */
export interface ControlResultRowProps {
  result: ControlResult;
  /** Governance actions (waiver, attestation, history), shown first when expanded. */
  actions?: ReactNode;
}

function Evidence(props: { result: ControlResult }) {
  const { result } = props;
  if (result.evidence.length === 0) {
    return (
      <Typography variant="body2">
        No evidence: this control is decided by an attestation.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Evidence for ${result.controlId}`}>
      <TableHead>
        <TableRow>
          <TableCell>Path</TableCell>
          <TableCell>Observed</TableCell>
          <TableCell>Expected</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {result.evidence.map((e, i) => (
          <TableRow key={`${e.path}-${i}`}>
            <TableCell>
              <code>{e.path}</code>
            </TableCell>
            <TableCell>
              <code>{formatValue(e.observed)}</code>
            </TableCell>
            <TableCell>
              <code>{formatValue(e.expected)}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Remediation(props: { result: ControlResult }) {
  const { remediation } = props.result;
  return (
    <Box>
      <Typography variant="subtitle2" component="h5">
        In the Azure portal
      </Typography>
      <ol>
        {remediation.portal.map(step => (
          <li key={step}>
            <Typography variant="body2">{step}</Typography>
          </li>
        ))}
      </ol>
      <Typography variant="subtitle2" component="h5">
        With the az CLI
      </Typography>
      <CodeSnippet text={remediation.cli} language="bash" showCopyCodeButton />
      <Typography variant="subtitle2" component="h5">
        In Bicep
      </Typography>
      <CodeSnippet
        text={remediation.bicep}
        language="typescript"
        showCopyCodeButton
      />
    </Box>
  );
}

/** One control result: summary line, then evidence, remediation and docs when expanded. */
export function ControlResultRow(props: ControlResultRowProps) {
  const { result, actions } = props;
  const control = getControl(result.controlId);
  const title = controlTitle(result.controlId);
  const docs = control?.references[0];
  const detailsId = `aoai-control-${result.controlId}`;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={detailsId}
      >
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <StatusChip status={result.status} />
          <SeverityChip severity={result.severity} />
          <Box>
            <Typography variant="body1" component="h4">
              {title} ({result.controlId})
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {result.message}
            </Typography>
            <WaivedNote result={result} />
          </Box>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={detailsId}>
        <Box display="flex" flexDirection="column" gridGap={16} width="100%">
          {actions}
          {control && (
            <Typography variant="body2">{control.rationale}</Typography>
          )}
          <Typography variant="subtitle1" component="h5">
            Evidence
          </Typography>
          <Evidence result={result} />
          <Typography variant="subtitle1" component="h5">
            Remediation
          </Typography>
          <Remediation result={result} />
          {docs && (
            <Link to={docs.url} externalLinkIcon>
              Documentation: {docs.title}
            </Link>
          )}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
