import type { Entity } from '@backstage/catalog-model';
import {
  AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
  AZURE_RESOURCE_ID_ANNOTATION,
} from '@pavedai/plugin-azure-openai-common';

const LINKING_RELATIONS = ['dependsOn', 'hasPart'];

/**
 * Whether an entity can have an Azure OpenAI posture: it carries the ARM id annotation, is an
 * `azure-openai-account` resource, or is a component or system that depends on (or has as part)
 * a resource.
 *
 * @remarks
 * Use it with `EntitySwitch` in legacy apps. The backend decides which resources really are
 * Azure OpenAI accounts; an entity that passes this check may still show "no linked accounts".
 *
 * @param entity - the catalog entity
 * @public
 */
export function isAzureOpenAIAvailable(entity: Entity): boolean {
  if (entity.metadata.annotations?.[AZURE_RESOURCE_ID_ANNOTATION]) return true;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'resource') {
    return entity.spec?.type === AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE;
  }
  if (kind !== 'component' && kind !== 'system') return false;
  return (entity.relations ?? []).some(
    r =>
      LINKING_RELATIONS.includes(r.type) &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith('resource:'),
  );
}

/**
 * Where the entity card is shown by default: components, systems and `azure-openai-account`
 * resources (the card explains how to link an account when there is none).
 *
 * @param entity - the catalog entity
 * @public
 */
export function isAzureOpenAICardApplicable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return (
    kind === 'component' ||
    kind === 'system' ||
    (kind === 'resource' &&
      entity.spec?.type === AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE)
  );
}
