import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { z as zod } from 'zod/v3';
import type { PostureAccess } from '../service/access';
import type { PostureService } from '../service/PostureService';
import { collectFailingControls } from './failingControls';
import { candidateRefs } from './refs';

const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** Output schema of a failing control, shared by the posture and team actions. */
export const failingControlSchema = (z: typeof zod) =>
  z.object({
    controlId: z.string().describe('Stable control id, e.g. AOAI-NET-002'),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    accounts: z
      .array(z.string())
      .describe('Names of the Azure OpenAI accounts where the control fails'),
    message: z
      .string()
      .describe('What the audit observed on the first failing account'),
    fix: z.object({
      portal: z.array(z.string()).describe('Azure portal steps, in order'),
      cli: z.string().describe('az CLI commands; placeholders in <>'),
    }),
  });

/**
 * Registers `get-azure-openai-posture`: the posture of one catalog entity, as the entity page's
 * card shows it, read with the caller's permissions.
 */
export function registerGetPostureAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: PostureAccess;
  postures: PostureService;
}) {
  const { actionsRegistry, access, postures } = options;
  actionsRegistry.register({
    name: 'get-azure-openai-posture',
    title: 'Get the Azure OpenAI security posture of a catalog entity',
    description: [
      'Answers "what is the Azure OpenAI security posture of component X?".',
      'Give a catalog entity ref (component:default/search-api, system:default/chat-platform, resource:default/aoai-search-prod) or just its name (search-api): a bare name is looked up as a component, then a system, then a resource.',
      'Returns the letter grade (A best, F worst) and the 0-100 score over the Azure OpenAI accounts the entity uses, the grade of each account, and every failing control, worst severity first, with what was observed and how to fix it (portal steps and az CLI).',
      'A failing critical control caps the grade. grade is absent when none of the entity\'s accounts has been scanned yet; "accounts" is empty when the entity uses no Azure OpenAI account.',
      'Use explain-azure-openai-control for the rationale, Bicep fix and references of one control.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .describe(
              'Entity ref (kind:namespace/name) or name of a component, system or resource, e.g. component:default/search-api or search-api',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string().describe('The entity the posture is for'),
          grade: z
            .enum(GRADES)
            .optional()
            .describe('Worst account grade; absent when nothing is scanned'),
          score: z
            .number()
            .optional()
            .describe('0-100, severity-weighted over all accounts'),
          gradeCappedByCriticalFailure: z.boolean().optional(),
          accounts: z.array(
            z.object({
              name: z.string(),
              resourceId: z.string().describe('ARM id of the account'),
              grade: z.enum(GRADES),
              score: z.number(),
              evaluatedAt: z.string().describe('ISO 8601 time of the scan'),
              failingCount: z.number().int(),
            }),
          ),
          unscannedAccounts: z
            .array(z.string())
            .describe('ARM ids linked to the entity but not scanned yet'),
          failingControls: z.array(failingControlSchema(z)),
        }),
    },
    examples: [
      {
        title: 'Posture of a component by name',
        input: { entity: 'search-api' },
      },
    ],
    action: async ({ input, credentials }) => {
      const refs = candidateRefs(
        input.entity,
        'entity',
        ['component', 'system', 'resource'],
        'component:default/search-api or search-api',
      );
      let denied: string | undefined;
      for (const ref of refs) {
        try {
          await access.requireEntityPostureRead(credentials, ref);
        } catch (error) {
          if (!(error instanceof NotAllowedError)) throw error;
          denied ??= ref;
          continue;
        }
        let posture;
        try {
          posture = await postures.getEntityPosture(ref, credentials);
        } catch (error) {
          if (error instanceof NotFoundError) continue;
          throw error;
        }
        return {
          output: {
            entityRef: posture.entityRef,
            grade: posture.aggregate?.grade,
            score: posture.aggregate?.score,
            gradeCappedByCriticalFailure: posture.aggregate?.capped,
            accounts: posture.accounts.map(({ account, posture: p }) => ({
              name: account.name,
              resourceId: account.resourceId,
              grade: p.grade,
              score: p.score,
              evaluatedAt: p.evaluatedAt,
              failingCount: p.counts.fail ?? 0,
            })),
            unscannedAccounts: posture.unscanned.map(u => u.resourceId),
            failingControls: collectFailingControls(posture.accounts),
          },
        };
      }
      if (denied) {
        throw new NotAllowedError(
          `Not allowed to read the posture of '${denied}'`,
        );
      }
      throw new NotFoundError(
        refs.length === 1
          ? `No entity '${refs[0]}' in the catalog`
          : `No component, system or resource '${input.entity.trim()}' in the catalog; give a full entity ref such as component:default/search-api`,
      );
    },
  });
}
