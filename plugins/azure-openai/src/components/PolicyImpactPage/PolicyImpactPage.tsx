import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  GoldenPathImpact,
  GoldenPathImpactAccount,
  GoldenPathImpactRequest,
  GoldenPathPolicyDocument,
} from '@pavedai/plugin-azure-openai-common';
import { useEffect, useRef, useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { errorMessage } from '../../utils/errorMessage';
import { STATUS_LABELS } from '../../utils/presentation';
import { saveBlob } from '../ExportButton/saveBlob';
import { GradeBadge } from '../GradeBadge';
import { SimpleTable } from '../SimpleTable';

/**
 * The editor's starting text when today's policy cannot be read: a candidate with the fields
 * platform teams tighten most.
 */
export const SAMPLE_CANDIDATE_POLICY = `# Candidate golden-path policy: the azureOpenAI.goldenPath block of app-config.yaml,
# as YAML or JSON (pasting it with its azureOpenAI.goldenPath parents works too).
# The candidate replaces the whole policy: a field left out is not restricted.
allowedRegions: [swedencentral, westeurope]
allowedDeploymentSkus: [DataZoneStandard, Standard]
capacityCaps:
  DataZoneStandard: 200
  Standard: 50
dataResidency: data-zone
allowedDataZones: [EU]
requireCustomerManagedKeys: true
approvedModels:
  - name: gpt-4.1
    versions: ['2025-04-14']
  - name: gpt-4.1-mini
    versions: ['2025-04-14']
  - name: text-embedding-3-large
    versions: ['1']
contentFilterProfiles:
  strict:
    severityThreshold: Low
    blockProtectedMaterialCode: true
    blockProfanity: true
  standard:
    severityThreshold: Medium
    blockProtectedMaterialCode: true
`;

/** The editor's starting text from today's policy (`GET /golden-path/policy`). */
export function currentPolicyText(document: GoldenPathPolicyDocument): string {
  return `# Today's golden-path policy (version ${document.version}): edit it into a candidate.
# The candidate replaces the whole policy: a field left out is not restricted.
${document.yaml}`;
}

/** Where the editor's text came from. */
type EditorStart =
  | { from: 'loading' }
  | { from: 'current'; version: string }
  | { from: 'sample'; reason: string };

/** A refusal of the candidate: the backend's message and the policy field it names, if any. */
interface CandidateError {
  field?: string;
  message: string;
}

/**
 * The field a validation message of the audit names (`Invalid policyYaml.allowedRegions: ...`),
 * without the `policyYaml` prefix; undefined when it names the text as a whole.
 */
export function fieldOfMessage(message: string): string | undefined {
  const path = /^Invalid ([^\s:]+):/.exec(message)?.[1];
  if (!path) return undefined;
  const field = path.replace(/^(policyYaml|policy)(\.|$)/, '');
  return field || undefined;
}

function Count(props: { label: string; value: number }) {
  return (
    <Box minWidth={140} role="group" aria-label={props.label}>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

function ChangedControls(props: { account: GoldenPathImpactAccount }) {
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4}>
      {props.account.changes.map(c => (
        <Chip
          key={c.controlId}
          size="small"
          variant={c.direction === 'regression' ? 'default' : 'outlined'}
          color={c.direction === 'regression' ? 'secondary' : 'default'}
          title={c.message}
          label={`${c.controlId}: ${STATUS_LABELS[c.from]} → ${
            STATUS_LABELS[c.to]
          }`}
        />
      ))}
    </Box>
  );
}

function GradeChange(props: { account: GoldenPathImpactAccount }) {
  const { current, candidate, grade } = props.account;
  return (
    <Box
      display="inline-flex"
      alignItems="center"
      gridGap={4}
      aria-label={`Grade ${current.grade} to ${candidate.grade} (${grade})`}
    >
      <GradeBadge grade={current.grade} size="small" />
      <span aria-hidden="true">→</span>
      <GradeBadge grade={candidate.grade} size="small" />
    </Box>
  );
}

function ImpactResults(props: {
  impact: GoldenPathImpact;
  accounts: GoldenPathImpactAccount[];
  loadingMore: boolean;
  onLoadMore?: () => void;
}) {
  const { impact, accounts } = props;
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <InfoCard title="Summary">
        <Box display="flex" flexWrap="wrap" gridGap={24}>
          <Count label="Accounts evaluated" value={impact.accountsEvaluated} />
          <Count label="Accounts changed" value={impact.accountsChanged} />
          <Count label="Grade worse" value={impact.gradeWorse} />
          <Count label="Grade better" value={impact.gradeBetter} />
          <Count
            label="Without evidence"
            value={impact.accountsWithoutEvidence}
          />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {`Policy ${impact.currentPolicyVersion} (current) → ${impact.candidatePolicyVersion} (candidate), evaluated ${impact.evaluatedAt}. Accounts without evidence are left out until their next scan.`}
        </Typography>
      </InfoCard>
      {impact.accountsChanged === 0 ? (
        <InfoCard title="No change">
          <Typography>
            No account changes status under this candidate policy.
          </Typography>
        </InfoCard>
      ) : (
        <>
          <InfoCard title="By control">
            <SimpleTable
              label="Impact by control"
              head={[
                'Control',
                'Severity',
                'Regressions',
                'Improvements',
                'Other',
              ]}
              empty="No control changes."
              rows={impact.byControl.map(c => ({
                key: c.controlId,
                cells: [
                  `${c.controlId} ${c.title}`,
                  c.severity,
                  c.regressions,
                  c.improvements,
                  c.other,
                ],
              }))}
            />
          </InfoCard>
          <InfoCard title="By owner">
            <SimpleTable
              label="Impact by owner"
              head={[
                'Owner',
                'Accounts',
                'Changed',
                'Grade worse',
                'Grade better',
                'Regressions',
                'Improvements',
              ]}
              empty="No owner."
              rows={impact.byOwner.map(o => ({
                key: o.owner ?? '(none)',
                cells: [
                  o.owner ?? 'No owner',
                  o.accounts,
                  o.changed,
                  o.gradeWorse,
                  o.gradeBetter,
                  o.regressions,
                  o.improvements,
                ],
              }))}
            />
          </InfoCard>
          <InfoCard
            title={`Accounts that change (${accounts.length} of ${impact.accountsChanged})`}
          >
            <SimpleTable
              label="Accounts that change"
              head={['Account', 'Owner', 'Grade', 'Controls that change']}
              empty="No account changes."
              rows={accounts.map(a => ({
                key: a.accountId,
                cells: [
                  a.name,
                  a.owner ?? 'No owner',
                  <GradeChange account={a} />,
                  <ChangedControls account={a} />,
                ],
              }))}
            />
            {props.onLoadMore && (
              <Button
                size="small"
                disabled={props.loadingMore}
                onClick={props.onLoadMore}
              >
                {props.loadingMore ? 'Loading…' : 'Load more accounts'}
              </Button>
            )}
          </InfoCard>
        </>
      )}
    </Box>
  );
}

/**
 * Policy impact preview for platform teams: paste or edit a candidate golden-path policy and see
 * which accounts and owners would change status, per control, with counts and a CSV of the
 * changed accounts. The audit evaluates the candidate on the evidence it stored at the last scan
 * of each account; nothing calls Azure.
 */
export function PolicyImpactPage() {
  const api = useApi(azureOpenAIApiRef);
  const [text, setText] = useState('');
  const [start, setStart] = useState<EditorStart>({ from: 'loading' });
  // Once the user types, a late answer never replaces their text.
  const edited = useRef(false);
  // The request of the results shown (Download CSV and "Load more" use it, not the edited text).
  const [submitted, setSubmitted] = useState<GoldenPathImpactRequest>();
  const [impact, setImpact] = useState<GoldenPathImpact>();
  const [accounts, setAccounts] = useState<GoldenPathImpactAccount[]>([]);
  const [busy, setBusy] = useState<'preview' | 'more' | 'csv'>();
  const [candidateError, setCandidateError] = useState<CandidateError>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    api.getGoldenPathPolicy().then(
      document => {
        if (cancelled) return;
        if (!edited.current) setText(currentPolicyText(document));
        setStart({ from: 'current', version: document.version });
      },
      e => {
        if (cancelled) return;
        if (!edited.current) setText(SAMPLE_CANDIDATE_POLICY);
        setStart({ from: 'sample', reason: errorMessage(e as Error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const preview = async () => {
    const request: GoldenPathImpactRequest = { policyYaml: text };
    setBusy('preview');
    setCandidateError(undefined);
    setError(undefined);
    setImpact(undefined);
    try {
      const answer = await api.previewPolicyImpact(request);
      setSubmitted(request);
      setImpact(answer);
      setAccounts(answer.accounts);
    } catch (e) {
      const message = errorMessage(e as Error);
      if (e instanceof ResponseError && e.statusCode === 400) {
        setCandidateError({ field: fieldOfMessage(message), message });
      } else {
        setError(`Preview failed: ${message}`);
      }
    } finally {
      setBusy(undefined);
    }
  };

  const loadMore = async () => {
    if (!submitted || !impact?.nextCursor) return;
    setBusy('more');
    setError(undefined);
    try {
      const next = await api.previewPolicyImpact(submitted, {
        cursor: impact.nextCursor,
      });
      setImpact(next);
      setAccounts(a => [...a, ...next.accounts]);
    } catch (e) {
      setError(`Could not load more accounts: ${errorMessage(e as Error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const downloadCsv = async () => {
    if (!submitted) return;
    setBusy('csv');
    setError(undefined);
    try {
      const { blob, filename } = await api.downloadPolicyImpactCsv(submitted);
      saveBlob(blob, filename);
    } catch (e) {
      setError(`Download failed: ${errorMessage(e as Error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title="Golden-path policy impact"
        subtitle="Who falls out of compliance if the golden-path policy changes"
      />
      <Content>
        <ContentHeader title="Candidate policy">
          <Link to="..">Back to the fleet</Link>
        </ContentHeader>
        <Typography paragraph>
          Paste or edit a candidate golden-path policy (the{' '}
          <code>azureOpenAI.goldenPath</code> block, YAML or JSON) and preview
          which accounts and owners would change status. The audit evaluates the
          current and the candidate policy on the evidence it stored at each
          account's last scan: nothing calls Azure, and nothing is changed. The
          same check runs in a pull request with{' '}
          <code>yarn golden-path:impact --policy candidate.yaml</code>.
        </Typography>
        <Box display="flex" flexDirection="column" gridGap={8}>
          <TextField
            id="candidate-policy"
            label="Candidate golden-path policy (YAML or JSON)"
            multiline
            minRows={14}
            maxRows={24}
            variant="outlined"
            fullWidth
            value={text}
            disabled={start.from === 'loading'}
            placeholder={
              start.from === 'loading' ? "Loading today's policy…" : undefined
            }
            onChange={e => {
              edited.current = true;
              setText(e.target.value);
            }}
            error={candidateError !== undefined}
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace', fontSize: 13 },
              'aria-describedby': candidateError
                ? 'candidate-policy-error'
                : undefined,
            }}
          />
          {start.from === 'current' && (
            <Typography variant="body2" color="textSecondary">
              {`The editor starts from today's policy (version ${start.version}); previewing it unchanged changes nothing.`}
            </Typography>
          )}
          {start.from === 'sample' && (
            <Typography variant="body2" color="textSecondary" role="note">
              {`Today's policy could not be read (${start.reason}), so the editor starts from a sample candidate.`}
            </Typography>
          )}
          {candidateError && (
            <Box id="candidate-policy-error" role="alert">
              <Typography color="error" variant="body2">
                {candidateError.field
                  ? `The candidate was refused at ${candidateError.field}:`
                  : 'The candidate was refused:'}
              </Typography>
              <Typography color="error" variant="body2">
                {candidateError.message}
              </Typography>
            </Box>
          )}
          <Box display="flex" alignItems="center" gridGap={8}>
            <Button
              variant="contained"
              color="primary"
              disabled={busy !== undefined || text.trim() === ''}
              onClick={preview}
            >
              {busy === 'preview' ? 'Previewing…' : 'Preview impact'}
            </Button>
            <Button
              variant="outlined"
              startIcon={<GetAppIcon />}
              disabled={busy !== undefined || !impact}
              onClick={downloadCsv}
            >
              {busy === 'csv' ? 'Downloading…' : 'Download CSV'}
            </Button>
            {error && (
              <Typography role="alert" color="error" variant="body2">
                {error}
              </Typography>
            )}
          </Box>
        </Box>
        <Box mt={3}>
          {busy === 'preview' && <Progress />}
          {impact && (
            <ImpactResults
              impact={impact}
              accounts={accounts}
              loadingMore={busy === 'more'}
              onLoadMore={impact.nextCursor ? loadMore : undefined}
            />
          )}
          {!impact && busy !== 'preview' && !candidateError && (
            <Typography color="textSecondary">
              Edit the candidate and press Preview impact to see its effect on
              the fleet.
            </Typography>
          )}
        </Box>
      </Content>
    </Page>
  );
}
