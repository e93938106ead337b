import Tooltip from '@material-ui/core/Tooltip';
import { exactTime, relativeTime } from '../../utils/time';

/** Props of {@link RelativeTime}. */
export interface RelativeTimeProps {
  /** ISO 8601 instant. */
  timestamp: string;
}

/** "5 minutes ago", with the exact time on hover (and as the accessible name). */
export function RelativeTime(props: RelativeTimeProps) {
  const { timestamp } = props;
  const exact = exactTime(timestamp);
  return (
    <Tooltip title={exact}>
      <time dateTime={timestamp} aria-label={exact}>
        {relativeTime(timestamp)}
      </time>
    </Tooltip>
  );
}
