import Typography from '@material-ui/core/Typography';
import type { ControlResult } from '@pavedai/plugin-azure-openai-common';
import { exactTime } from '../../utils/time';
import { displayRef } from './format';

/**
 * "Waived until … (approved by …)" for a waived result, so that a waived control never reads as
 * a pass; nothing for other results.
 */
export function WaivedNote(props: { result: ControlResult }) {
  const { result } = props;
  if (result.status !== 'waived' || !result.waiver) return null;
  const { expiresAt, approvedBy } = result.waiver;
  return (
    <Typography variant="body2" color="textPrimary">
      <strong>Waived until {exactTime(expiresAt)}</strong> (approved by{' '}
      {displayRef(approvedBy)})
    </Typography>
  );
}
