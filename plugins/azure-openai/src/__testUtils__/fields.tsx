import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ApiHolder } from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { RenderResult } from '@testing-library/react';
import { useState, type ComponentType } from 'react';
import { azureOpenAIApiRef, type AzureOpenAIApi } from '../api/AzureOpenAIApi';

/** Renders a scaffolder field component as the form would: value kept, changes recorded. */
export async function renderField<T>(options: {
  component: ComponentType<any>;
  api: AzureOpenAIApi;
  uiOptions?: Record<string, unknown>;
  title?: string;
  formData?: T;
  rawErrors?: string[];
}): Promise<RenderResult & { changes: Array<T | undefined> }> {
  const changes: Array<T | undefined> = [];
  const Component = options.component;
  function Harness() {
    const [formData, setFormData] = useState<T | undefined>(options.formData);
    return (
      <Component
        formData={formData}
        onChange={(value: T | undefined) => {
          changes.push(value);
          setFormData(value);
        }}
        schema={{ title: options.title }}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        idSchema={{ $id: 'root_field' }}
        rawErrors={options.rawErrors ?? []}
        required
      />
    );
  }
  const rendered = await renderInTestApp(
    <TestApiProvider apis={[[azureOpenAIApiRef, options.api]]}>
      <Harness />
    </TestApiProvider>,
  );
  return { ...rendered, changes };
}

/** Runs a field's validation function as the scaffolder does; resolves with its messages. */
export async function runValidation<T>(
  validate: CustomFieldValidator<T, any>,
  value: T,
  api: AzureOpenAIApi | undefined,
  uiOptions: Record<string, unknown> = {},
): Promise<string[]> {
  const errors: string[] = [];
  const validation = {
    addError: (message: string) => errors.push(message),
  } as unknown as Parameters<CustomFieldValidator<T>>[1];
  const apiHolder: ApiHolder = {
    get: (ref: { id: string }) =>
      ref.id === azureOpenAIApiRef.id ? api : undefined,
  } as ApiHolder;
  await validate(value, validation, {
    apiHolder,
    formData: {},
    schema: {},
    uiSchema: { 'ui:options': uiOptions },
  });
  return errors;
}
