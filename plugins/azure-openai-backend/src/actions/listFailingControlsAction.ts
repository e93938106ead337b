import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AzureOpenAIAccount } from '@pavedai/plugin-azure-openai-common';
import type { AuditStore } from '../database/AuditStore';
import type { PostureAccess } from '../service/access';
import { collectFailingControls } from './failingControls';
import { failingControlSchema } from './getPostureAction';
import { candidateRefs } from './refs';

const PAGE_SIZE = 500;

/** Every live account the fleet lists for an owner, page by page. */
async function listOwnerAccounts(
  store: AuditStore,
  owner: string,
): Promise<{ accounts: AzureOpenAIAccount[]; scanned: string[] }> {
  const accounts: AzureOpenAIAccount[] = [];
  const scanned: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFleet({
      owner,
      sort: 'name',
      order: 'asc',
      limit: PAGE_SIZE,
      cursor,
    });
    for (const item of page.items) {
      accounts.push(item.account);
      if (item.scanState === 'scanned') scanned.push(item.account.resourceId);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { accounts, scanned };
}

/**
 * Registers `list-failing-azure-openai-controls`: the controls that fail on the accounts a team
 * owns, as the fleet page rolls them up by owner. Needs fleet read, as `GET /fleet` does.
 */
export function registerListFailingControlsAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: PostureAccess;
  store: AuditStore;
}) {
  const { actionsRegistry, access, store } = options;
  actionsRegistry.register({
    name: 'list-failing-azure-openai-controls',
    title: 'List the Azure OpenAI controls that fail across a team',
    description: [
      'Answers "which Azure OpenAI security controls fail across team Y?".',
      'Give the owning group as an entity ref (group:default/team-search) or just its name (team-search).',
      'Looks at the Azure OpenAI accounts the group owns (the owner the fleet page shows: from the catalog Resource entity of the account, or the backstage.io-owner tag in Azure) and returns each failing control once, worst severity first (critical, high, medium, low), then the most accounts failing,',
      'with the number and names of the accounts where it fails and the fix (portal steps and az CLI).',
      'An empty list means every scanned account of the group passes; check accountCount and scannedAccountCount to tell that from a group with no accounts.',
      'Use explain-azure-openai-control to explain one control.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .min(1)
            .describe(
              'Owning group as an entity ref or name, e.g. group:default/team-search or team-search',
            ),
        }),
      output: z =>
        z.object({
          owner: z.string().describe('The group ref the accounts belong to'),
          accountCount: z
            .number()
            .int()
            .describe('Azure OpenAI accounts the group owns'),
          scannedAccountCount: z
            .number()
            .int()
            .describe('How many of them have a stored scan result'),
          controls: z.array(
            failingControlSchema(z).extend({
              failingAccountCount: z
                .number()
                .int()
                .describe('Number of the group accounts failing the control'),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Failing controls of a team',
        input: { owner: 'team-search' },
      },
    ],
    action: async ({ input, credentials }) => {
      const [owner] = candidateRefs(
        input.owner,
        'owner',
        ['group'],
        'group:default/team-search or team-search',
      );
      await access.requireFleetRead(credentials);
      const { accounts, scanned } = await listOwnerAccounts(store, owner);
      const postures = await store.getLatestByResourceIds(scanned);
      return {
        output: {
          owner,
          accountCount: accounts.length,
          scannedAccountCount: postures.length,
          controls: collectFailingControls(postures).map(c => ({
            ...c,
            failingAccountCount: c.accounts.length,
          })),
        },
      };
    },
  });
}
