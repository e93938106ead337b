import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { LinkedAccountPosture } from '@pavedai/plugin-azure-openai-common';
import { CONTROL_GROUPS, groupOf, groupTitle } from '../../utils/presentation';
import { AccountIdentity } from '../AccountIdentity';
import { ControlFilterValues, matchesFilters } from '../ControlFilters';
import { ControlResultRow } from '../ControlResultRow';
import { ControlGovernanceActions, GovernanceChange } from '../governance';
import { GoldenPathDriftSection } from '../GoldenPathDrift';
import { GradeBadge } from '../GradeBadge';
import { ScoreHistoryChart } from '../ScoreHistoryChart';
import { StatusCounts } from '../StatusCounts';

/** Props of {@link AccountSection}. */
export interface AccountSectionProps {
  linked: LinkedAccountPosture;
  filters: ControlFilterValues;
  /** The entity of the page; with it, each control offers its governance actions. */
  entityRef?: string;
  /** Called after a waiver request or an attestation was stored. */
  onGovernanceChange?: (change: GovernanceChange) => void;
}

/** One linked account: identity, score history and its controls by area. */
export function AccountSection(props: AccountSectionProps) {
  const { linked, filters, entityRef, onGovernanceChange } = props;
  const { account, posture } = linked;
  const visible = posture.results.filter(r => matchesFilters(r, filters));
  const headingId = `aoai-account-${account.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Box display="flex" alignItems="center" gridGap={16} mb={2}>
        <GradeBadge grade={posture.grade} size="small" />
        <Typography variant="h5" component="h2" id={headingId}>
          {account.name}
        </Typography>
        <Typography variant="body1" color="textSecondary">
          Score {posture.score.toFixed(1)} / 100
        </Typography>
      </Box>
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <InfoCard title="Account">
            <AccountIdentity account={account} />
            <Box mt={2}>
              <StatusCounts counts={posture.counts} />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8}>
          <InfoCard title="Score over time">
            <ScoreHistoryChart
              accountId={account.id}
              accountName={account.name}
              refreshKey={posture.resultId}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <GoldenPathDriftSection account={account} />
        </Grid>
        <Grid item xs={12}>
          {visible.length === 0 && (
            <Typography variant="body1">
              No control of this account matches the filters.
            </Typography>
          )}
          {CONTROL_GROUPS.map(group => {
            const results = visible.filter(r => groupOf(r) === group);
            if (results.length === 0) return null;
            return (
              <Box key={group} mb={3}>
                <Typography variant="h6" component="h3" gutterBottom>
                  {groupTitle(group)}
                </Typography>
                {results.map(result => (
                  <ControlResultRow
                    key={result.controlId}
                    result={result}
                    actions={
                      entityRef && (
                        <ControlGovernanceActions
                          target={{
                            entityRef,
                            account,
                            controlId: result.controlId,
                          }}
                          result={result}
                          onChanged={change => onGovernanceChange?.(change)}
                        />
                      )
                    }
                  />
                ))}
              </Box>
            );
          })}
        </Grid>
      </Grid>
    </section>
  );
}
