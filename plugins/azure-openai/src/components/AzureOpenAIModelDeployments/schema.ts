import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * JSON schema of the `AzureOpenAIModelDeployments` field's value (shown in the template editor's
 * field explorer). The field has no `ui:options`.
 *
 * @public
 */
export const AzureOpenAIModelDeploymentsFieldSchema = makeFieldSchema({
  output: z =>
    z.array(
      z.object({
        name: z.string().describe('Deployment name'),
        model: z.string().describe('Approved model'),
        version: z.string().describe('Approved version of the model'),
        sku: z.string().describe('Allowed deployment SKU'),
        capacity: z
          .number()
          .int()
          .min(1)
          .describe("Capacity, at most the SKU's cap"),
      }),
    ),
});
