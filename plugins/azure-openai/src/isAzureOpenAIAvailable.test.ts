import type { Entity } from '@backstage/catalog-model';
import {
  isAzureOpenAIAvailable,
  isAzureOpenAICardApplicable,
} from './isAzureOpenAIAvailable';

const entity = (kind: string, extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: {},
  ...extra,
});

describe('isAzureOpenAIAvailable', () => {
  it('is true for an entity with the ARM id annotation', () => {
    expect(
      isAzureOpenAIAvailable(
        entity('Resource', {
          metadata: {
            name: 'x',
            annotations: {
              'management.azure.com/resourceId': '/subscriptions/1',
            },
          },
        }),
      ),
    ).toBe(true);
  });

  it('is true for azure-openai-account resources only among resources', () => {
    expect(
      isAzureOpenAIAvailable(
        entity('Resource', { spec: { type: 'azure-openai-account' } }),
      ),
    ).toBe(true);
    expect(
      isAzureOpenAIAvailable(
        entity('Resource', { spec: { type: 'database' } }),
      ),
    ).toBe(false);
  });

  it('is true for components and systems that depend on or contain a resource', () => {
    const relations = [
      { type: 'dependsOn', targetRef: 'resource:default/aoai' },
    ];
    expect(isAzureOpenAIAvailable(entity('Component', { relations }))).toBe(
      true,
    );
    expect(
      isAzureOpenAIAvailable(
        entity('System', {
          relations: [{ type: 'hasPart', targetRef: 'resource:default/aoai' }],
        }),
      ),
    ).toBe(true);
    expect(
      isAzureOpenAIAvailable(
        entity('Component', {
          relations: [{ type: 'dependsOn', targetRef: 'component:default/db' }],
        }),
      ),
    ).toBe(false);
    expect(isAzureOpenAIAvailable(entity('Group', { relations }))).toBe(false);
  });
});

describe('isAzureOpenAICardApplicable', () => {
  it('shows the card on components, systems and account resources', () => {
    expect(isAzureOpenAICardApplicable(entity('Component'))).toBe(true);
    expect(isAzureOpenAICardApplicable(entity('System'))).toBe(true);
    expect(
      isAzureOpenAICardApplicable(
        entity('Resource', { spec: { type: 'azure-openai-account' } }),
      ),
    ).toBe(true);
    expect(isAzureOpenAICardApplicable(entity('Resource'))).toBe(false);
    expect(isAzureOpenAICardApplicable(entity('User'))).toBe(false);
  });
});
