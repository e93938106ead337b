import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { errorMessage } from '../../utils/errorMessage';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { PostureSummary } from '@pavedai/plugin-azure-openai-common';
import { useAsyncData } from '../../hooks/useAsyncData';
import { exactTime } from '../../utils/time';

/** Props of {@link ScoreHistoryChart}. */
export interface ScoreHistoryChartProps {
  accountId: string;
  accountName: string;
  /** Changes when the posture was refreshed, so the history is read again. */
  refreshKey?: string;
}

const HEIGHT = 220;

const useStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

interface Point {
  time: number;
  score: number;
  grade: string;
}

function PointTooltip(props: { active?: boolean; payload?: any[] }) {
  const point: Point | undefined = props.payload?.[0]?.payload;
  if (!props.active || !point) return null;
  return (
    <Box
      bgcolor="background.paper"
      border={1}
      borderColor="divider"
      borderRadius={4}
      p={1}
    >
      <Typography variant="body2">
        {exactTime(new Date(point.time).toISOString())}
      </Typography>
      <Typography variant="body2">
        Score {point.score.toFixed(1)}, grade {point.grade}
      </Typography>
    </Box>
  );
}

function toPoints(items: readonly PostureSummary[]): Point[] {
  return items
    .filter(i => i.status === 'ok')
    .map(i => ({
      time: new Date(i.evaluatedAt).getTime(),
      score: i.score,
      grade: i.grade,
    }))
    .sort((a, b) => a.time - b.time);
}

/** Score over time of one account, one hoverable point per scan. */
export function ScoreHistoryChart(props: ScoreHistoryChartProps) {
  const { accountId, accountName, refreshKey } = props;
  const api = useApi(azureOpenAIApiRef);
  const theme = useTheme();
  const classes = useStyles();
  const { value, error } = useAsyncData(
    () => api.getAccountHistory(accountId, { limit: 100 }),
    [api, accountId, refreshKey],
  );
  if (error) {
    return (
      <WarningPanel
        title="Could not load the score history"
        message={errorMessage(error)}
      />
    );
  }
  if (!value) {
    return (
      <Box height={HEIGHT}>
        <Progress />
      </Box>
    );
  }
  const points = toPoints(value.items);
  const label = `Score over time for ${accountName}`;
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <Box height={HEIGHT} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              stroke={theme.palette.divider}
            />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={t => new Date(t).toLocaleDateString()}
              stroke={theme.palette.text.secondary}
            />
            <YAxis domain={[0, 100]} stroke={theme.palette.text.secondary} />
            <Tooltip content={<PointTooltip />} />
            <Line
              type="monotone"
              dataKey="score"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={{ r: 4 }}
              activeDot={{ r: 6 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Box>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {points.length === 1 ? '1 scan' : `${points.length} scans`}
          {points.length > 0
            ? `, latest score ${points[points.length - 1].score.toFixed(1)}`
            : ''}
        </Typography>
      </figcaption>
      <table className={classes.visuallyHidden}>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Scanned at</th>
            <th scope="col">Score</th>
            <th scope="col">Grade</th>
          </tr>
        </thead>
        <tbody>
          {points.map(p => (
            <tr key={p.time}>
              <td>{exactTime(new Date(p.time).toISOString())}</td>
              <td>{p.score.toFixed(1)}</td>
              <td>{p.grade}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
