import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * JSON schema of the `AzureOpenAIPolicyChoice` field's value and `ui:options` (shown in the
 * template editor's field explorer).
 *
 * @public
 */
export const AzureOpenAIPolicyChoiceFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      choice: z
        .enum(['subscription', 'region', 'contentFilterProfile'])
        .describe('Which golden-path list the field picks from'),
    }),
});
