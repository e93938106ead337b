import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EntityPosture } from '@pavedai/plugin-azure-openai-common';
import { GradeBadge } from '../GradeBadge';
import { RelativeTime } from '../RelativeTime';
import { StatusCounts } from '../StatusCounts';
import { TopFailingControls } from '../TopFailingControls';

/** Props of {@link PostureSummary}. */
export interface PostureSummaryProps {
  posture: EntityPosture;
}

function lastEvaluatedAt(posture: EntityPosture): string | undefined {
  return posture.accounts
    .map(a => a.posture.evaluatedAt)
    .sort()
    .pop();
}

/** Grade, score, counts, last scan and top failing controls of a scanned entity. */
export function PostureSummary(props: PostureSummaryProps) {
  const { posture } = props;
  const aggregate = posture.aggregate;
  if (!aggregate) return null;
  const last = lastEvaluatedAt(posture);
  const results = posture.accounts.flatMap(a =>
    a.posture.results.map(result => ({
      accountName: a.account.name,
      result,
    })),
  );
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" alignItems="center" gridGap={16}>
        <GradeBadge grade={aggregate.grade} />
        <Box>
          <Typography variant="h5" component="p">
            Score {aggregate.score.toFixed(1)} / 100
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {aggregate.accountCount === 1
              ? '1 account'
              : `${aggregate.accountCount} accounts`}
            {aggregate.capped ? ' · grade capped by a critical failure' : ''}
          </Typography>
          {last && (
            <Typography variant="body2" color="textSecondary">
              Last scanned <RelativeTime timestamp={last} />
            </Typography>
          )}
        </Box>
      </Box>
      <StatusCounts counts={aggregate.counts} />
      <Box>
        <Typography variant="subtitle2" component="h3">
          Top failing controls
        </Typography>
        <TopFailingControls
          results={results}
          showAccount={posture.accounts.length > 1}
        />
      </Box>
    </Box>
  );
}
