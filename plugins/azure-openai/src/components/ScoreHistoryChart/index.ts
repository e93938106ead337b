export { ScoreHistoryChart } from './ScoreHistoryChart';
export type { ScoreHistoryChartProps } from './ScoreHistoryChart';
