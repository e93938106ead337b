import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  getControl,
  listControls,
  SEED_PRACTICES,
  type ControlDefinition,
} from '@pavedai/plugin-azure-openai-common';
import type { PostureAccess } from '../service/access';

/**
 * The control an assistant means: by id (any case), otherwise the one control whose title or seed
 * practice contains the words given.
 *
 * @throws InputError listing the candidates when none or several match
 */
export function findControl(query: string): ControlDefinition {
  const raw = query.trim();
  const byId = getControl(raw.toUpperCase());
  if (byId) return byId;
  const needle = raw.toLowerCase();
  const matches = listControls().filter(
    c =>
      c.title.toLowerCase().includes(needle) ||
      c.practice.toLowerCase().includes(needle),
  );
  if (matches.length === 1) return matches[0];
  const list = (controls: readonly ControlDefinition[]) =>
    controls.map(c => `${c.id} (${c.title})`).join(', ');
  if (matches.length > 1) {
    throw new InputError(
      `Invalid input: control: '${raw}' matches ${
        matches.length
      } controls; give one id: ${list(matches)}`,
    );
  }
  throw new InputError(
    `Invalid input: control: no control has the id or a title containing '${raw}'; the controls are ${list(
      listControls(),
    )}`,
  );
}

/**
 * Registers `explain-azure-openai-control`: what a control checks, why, and how to fix it. Readable
 * to anyone who may read some posture, as `GET /controls` is.
 */
export function registerExplainControlAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: PostureAccess;
}) {
  const { actionsRegistry, access } = options;
  actionsRegistry.register({
    name: 'explain-azure-openai-control',
    title: 'Explain an Azure OpenAI security control and its fix',
    description: [
      'Answers "what does control Z check, why does it matter and how do I fix it?".',
      'Give a control id such as AOAI-NET-002 (as get-azure-openai-posture and list-failing-azure-openai-controls return them) or words from its title, e.g. "public network access".',
      'Returns the title, area, severity, the rationale, the exact pass condition, the fix as Azure portal steps, az CLI commands and a Bicep snippet, reference links, and the practice of Microsoft\'s "Secure your Azure OpenAI Service deployment" article it implements.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          control: z
            .string()
            .min(1)
            .describe(
              'Control id (e.g. AOAI-NET-002) or words from its title (e.g. "public network access")',
            ),
        }),
      output: z =>
        z.object({
          controlId: z.string(),
          title: z.string(),
          area: z.string(),
          severity: z.enum(['critical', 'high', 'medium', 'low']),
          kind: z
            .enum(['automated', 'partial', 'attestation'])
            .describe(
              'automated: decided from Azure evidence; partial: evidence plus a human confirmation; attestation: a human statement only',
            ),
          waivable: z.boolean(),
          rationale: z.string().describe('Why the control matters'),
          passCondition: z.string().describe('What passes, in words'),
          remediation: z.object({
            portal: z.array(z.string()),
            cli: z.string(),
            bicep: z.string(),
          }),
          references: z.array(z.object({ title: z.string(), url: z.string() })),
          seedPractice: z.object({
            title: z
              .string()
              .describe(
                'The practice of "Secure your Azure OpenAI Service deployment" it implements',
              ),
            url: z.string().optional(),
            origin: z
              .enum(['seed', 'extra'])
              .describe(
                'seed: implements the practice; extra: an additional check closest to it',
              ),
          }),
        }),
    },
    examples: [
      {
        title: 'Explain a control by id',
        input: { control: 'AOAI-NET-002' },
      },
    ],
    action: async ({ input, credentials }) => {
      await access.requireControlsRead(credentials);
      const control = findControl(input.control);
      const practice = SEED_PRACTICES.find(p => p.title === control.practice);
      return {
        output: {
          controlId: control.id,
          title: control.title,
          area: control.area,
          severity: control.severity,
          kind: control.kind,
          waivable: !control.nonWaivable,
          rationale: control.rationale,
          passCondition: control.passCondition,
          remediation: {
            portal: [...control.remediation.portal],
            cli: control.remediation.cli,
            bicep: control.remediation.bicep,
          },
          references: control.references.map(r => ({
            title: r.title,
            url: r.url,
          })),
          seedPractice: {
            title: control.practice,
            url: practice?.url,
            origin: control.origin,
          },
        },
      };
    },
  });
}
