import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from './alpha';
import { AzureOpenAIModelDeployments } from './components/AzureOpenAIModelDeployments';
import { AzureOpenAIPolicyChoice } from './components/AzureOpenAIPolicyChoice';

describe('azure-openai frontend plugin (new frontend system)', () => {
  it('provides the API, the entity card and tab, the fleet page and the template form fields', () => {
    expect(plugin.id).toBe('azure-openai');
    for (const id of [
      'api:azure-openai',
      'entity-card:azure-openai/posture',
      'entity-content:azure-openai/posture',
      'page:azure-openai',
      'scaffolder-form-field:azure-openai/policy-choice',
      'scaffolder-form-field:azure-openai/model-deployments',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('routes the fleet page so the app lists it in the sidebar', () => {
    expect(plugin.routes.root).toBeDefined();
  });

  it.each([
    [
      'scaffolder-form-field:azure-openai/policy-choice',
      'AzureOpenAIPolicyChoice',
      AzureOpenAIPolicyChoice,
    ],
    [
      'scaffolder-form-field:azure-openai/model-deployments',
      'AzureOpenAIModelDeployments',
      AzureOpenAIModelDeployments,
    ],
  ] as const)(
    'provides the template form field %s as %s, with validation, for the scaffolder',
    async (id, name, component) => {
      const extension = plugin.getExtension(id);
      const loader = createExtensionTester(extension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      );
      const field = (await loader()) as unknown as {
        name: string;
        component: unknown;
        validation?: unknown;
        schema?: { schema: { returnValue: unknown } };
      };
      expect(field.name).toBe(name);
      expect(field.component).toBe(component);
      expect(field.validation).toEqual(expect.any(Function));
      expect(field.schema?.schema.returnValue).toBeDefined();
    },
  );
});
