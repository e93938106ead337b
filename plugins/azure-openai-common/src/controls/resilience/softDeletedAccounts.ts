import type { ControlDefinition } from '../../types';
import { normRegion, outcome, prop, readAccountAndList, str } from '../helpers';
import { lower } from '../../engine/json';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Plan for data recovery';

/** Resource group of an ARM id (live or deleted-account form), lower-cased. */
function resourceGroupOf(id: unknown): string | undefined {
  const match = /\/resourcegroups\/([^/]+)/i.exec(str(id) ?? '');
  return match ? match[1].toLowerCase() : undefined;
}

/**
 * AOAI-BCDR-009: no soft-deleted account in the account's resource group is waiting for its purge
 * date without a decision.
 *
 * @public
 */
export const softDeletedAccounts: ControlDefinition = {
  id: 'AOAI-BCDR-009',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'No soft-deleted accounts awaiting purge',
  severity: 'low',
  kind: 'automated',
  reads: ['account.account', 'subscription.deletedAccounts'],
  rationale:
    'A deleted account stays recoverable (with its deployments and fine-tuned models) only until its scheduled purge date, and it blocks reuse of its name. Someone must decide to restore or purge it before the window closes.',
  passCondition:
    'No entry of deletedAccounts.list() in the same resource group as the account has a scheduledPurgeDate in the future.',
  remediation: {
    portal: [
      'Open Azure AI services > Manage deleted resources, select the subscription.',
      'Recover the account if it was deleted by mistake, otherwise purge it.',
    ],
    cli: [
      'az cognitiveservices account list-deleted',
      'az cognitiveservices account recover -n <account> -g <rg> -l <location>   # or: purge',
    ].join('\n'),
    bicep:
      'properties: {\n  restore: true // re-create with the same name to restore a soft-deleted account\n}',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Recover or purge deleted Azure AI services resources',
      'azure/ai-services/recover-purge-resources',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccountAndList(
      input,
      input.subscription.deletedAccounts,
      'the soft-deleted account list',
      'subscription.deletedAccounts',
    );
    if (!read.ok) return read.outcome;
    const { account, items: deleted } = read.value;
    const group = resourceGroupOf(account.id);
    const now = input.now.getTime();
    const pending = deleted.filter(d => {
      const purge = Date.parse(str(prop(d, 'scheduledPurgeDate')) ?? '');
      return (
        group !== undefined &&
        resourceGroupOf(d.id) === group &&
        !Number.isNaN(purge) &&
        !(purge <= now)
      );
    });
    const evidence = [
      {
        path: 'subscription.deletedAccounts[*]',
        observed: pending.map(d => ({
          name: d.name,
          location: normRegion(d.location),
          deletionDate: prop(d, 'deletionDate'),
          scheduledPurgeDate: prop(d, 'scheduledPurgeDate'),
        })),
        expected: `no soft-deleted account in resource group ${
          group ?? '?'
        } awaiting purge`,
      },
    ];
    if (pending.length > 0) {
      const list = pending.map(
        d =>
          `${str(d.name) ?? '?'} (purged on ${String(
            prop(d, 'scheduledPurgeDate'),
          )})`,
      );
      return outcome(
        'fail',
        `Soft-deleted accounts in resource group ${group} are waiting for purge: ${list.join(
          ', ',
        )}. Restore or purge them on purpose.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      `No soft-deleted account in resource group ${
        lower(group) ?? '?'
      } awaits purge.`,
      evidence,
    );
  },
};
