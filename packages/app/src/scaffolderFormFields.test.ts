import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import azureOpenAIPlugin from '@pavedai/plugin-azure-openai/alpha';
import packageJson from '../package.json';

describe('golden-path template form fields in the app', () => {
  it('installs the scaffolder and the Azure OpenAI plugin (discovered through app.packages: all)', () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(
      expect.arrayContaining([
        '@backstage/plugin-scaffolder',
        '@pavedai/plugin-azure-openai',
      ]),
    );
    expect(scaffolderPlugin.getExtension('page:scaffolder')).toBeDefined();
  });

  it("attaches both fields to the scaffolder's form-fields API", async () => {
    const tester = createExtensionTester(
      scaffolderPlugin.getExtension('api:scaffolder/form-fields'),
    )
      .add(
        azureOpenAIPlugin.getExtension(
          'scaffolder-form-field:azure-openai/policy-choice',
        ),
      )
      .add(
        azureOpenAIPlugin.getExtension(
          'scaffolder-form-field:azure-openai/model-deployments',
        ),
      );
    const { factory } = tester.get(ApiBlueprint.dataRefs.factory);
    const formFieldsApi = factory({
      appTreeApi: { getTree: () => ({ tree: { nodes: new Map() } }) },
    }) as { loadFormFields(): Promise<Array<{ name: string }>> };

    const fields = await formFieldsApi.loadFormFields();

    expect(fields.map(field => field.name)).toEqual([
      'AzureOpenAIPolicyChoice',
      'AzureOpenAIModelDeployments',
    ]);
  });
});
