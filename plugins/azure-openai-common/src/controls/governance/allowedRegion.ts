import type { ControlDefinition } from '../../types';
import { accountRead, normRegion, outcome, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement data residency controls';

/**
 * AOAI-GOV-005: the account is in an allowed region.
 *
 * @public
 */
export const allowedRegion: ControlDefinition = {
  id: 'AOAI-GOV-005',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Account in an allowed region',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'The region decides where data at rest lives and which laws apply. Accounts outside the approved regions break residency commitments.',
  passCondition:
    'The account location is in the golden-path allowedRegions. Not applicable when no regions are configured.',
  remediation: {
    portal: [
      'Accounts cannot move region: create a new account in an allowed region, move the deployments and clients, then delete the old one.',
    ],
    cli: 'az cognitiveservices account create -n <account> -g <rg> --kind OpenAI --sku S0 -l <allowed-region> --custom-domain <account>',
    bicep: "@allowed([ 'westeurope', 'swedencentral' ])\nparam location string",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Policy built-in policy definitions',
      'azure/governance/policy/samples/built-in-policies',
    ),
  ],
  mappings: {
    azurePolicy: ['e56962a6-4747-49cd-b67b-bf8b01975c4c'],
    psrule: ['Azure.Resource.AllowedRegions (AZR-000167)'],
    mcsb: ['DP-1'],
  },
  evaluate(input) {
    const allowed = input.policy.allowedRegions
      .map(r => normRegion(r))
      .filter((r): r is string => !!r);
    if (allowed.length === 0) {
      return outcome(
        'not-applicable',
        'The golden-path policy does not restrict regions.',
        [],
      );
    }
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const location = normRegion(read.value.location);
    const evidence = [accountRead(read.value, 'location', allowed)];
    if (location === undefined) {
      return outcome(
        'unknown',
        'Could not evaluate: the account has no location.',
        evidence,
      );
    }
    if (allowed.includes(location)) {
      return outcome(
        'pass',
        `The account is in ${location}, an allowed region.`,
        evidence,
      );
    }
    return outcome(
      'fail',
      `The account is in ${location}, which is not an allowed region (${allowed.join(
        ', ',
      )}).`,
      evidence,
    );
  },
};
