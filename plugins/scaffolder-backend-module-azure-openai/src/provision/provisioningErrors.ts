import { RestError } from '@azure/core-rest-pipeline';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';

const LRO_FAILURE =
  /^The long-running operation has failed\.? ?(?:([\w.]+)\. )?([\s\S]*)$/;

/** ARM status, code and message of an error from the pipeline or a failed long-running operation. */
export function armFailureOf(error: unknown): {
  status?: number;
  code?: string;
  message: string;
} {
  if (error instanceof RestError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const lro = LRO_FAILURE.exec(message);
  if (lro) return { code: lro[1], message: lro[2] || message };
  return { message };
}

/** True when ARM says another operation on the resource is still running (retry later). */
export function isConflict(error: unknown): boolean {
  const { status, code } = armFailureOf(error);
  return (
    status === 409 ||
    code === 'AccountProvisioningStateInvalid' ||
    code === 'Conflict' ||
    code === 'RequestConflict' ||
    code === 'AnotherOperationInProgress'
  );
}

interface Fix {
  codes: RegExp;
  fix: (where: { step: string; resourceId: string }) => string;
  kind: 'input' | 'permission' | 'conflict' | 'unavailable';
}

const FIXES: Fix[] = [
  {
    codes:
      /^(InsufficientQuota|QuotaExceeded|SpecialFeatureOrQuotaIdRequired)$/i,
    kind: 'input',
    fix: () =>
      'Lower the capacity of the deployment, or request more quota for the model and SKU in this region (Azure AI Foundry > Quotas). A dry run of the template shows the headroom.',
  },
  {
    codes:
      /^(CustomDomainInUse|SubdomainInUse|CustomSubDomainNameNotAvailable)$/i,
    kind: 'input',
    fix: () =>
      'The custom subdomain is taken (subdomains are global across Azure): choose another account name or customSubDomainName.',
  },
  {
    codes: /^FlagMustBeSetForRestore$/i,
    kind: 'input',
    fix: () =>
      'An account with this name was deleted and is kept soft-deleted (48 hours): run again with onSoftDeleted "restore" to recover it, ask the platform team to purge it, or choose another name.',
  },
  {
    codes:
      /^(AuthorizationFailed|LinkedAuthorizationFailed|Forbidden|InvalidAuthenticationToken)$/i,
    kind: 'permission',
    fix: ({ resourceId }) =>
      `The provisioning identity lacks a role on ${resourceId} or its resource group: grant it the roles listed in the README of @pavedai/plugin-scaffolder-backend-module-azure-openai.`,
  },
  {
    codes:
      /^(DeploymentModelNotSupported|ModelNotAvailable|InvalidModel|SkuNotSupported|InvalidResourceProperties|ModelNotSupported|InvalidSkuName)$/i,
    kind: 'input',
    fix: () =>
      'The model, version or SKU is not offered in this region: pick another allowed combination (a dry run lists what the region offers).',
  },
  {
    codes: /^(ResourceGroupNotFound)$/i,
    kind: 'input',
    fix: () => 'Create the resource group first or choose an existing one.',
  },
  {
    codes: /^(ScopeLocked)$/i,
    kind: 'conflict',
    fix: () =>
      'A lock on the resource or its resource group blocks the change: ask its owner to lift it for the duration of the run.',
  },
  {
    codes:
      /^(AccountProvisioningStateInvalid|Conflict|RequestConflict|AnotherOperationInProgress)$/i,
    kind: 'conflict',
    fix: () =>
      'Another operation on the account was still running after every retry: wait for it to finish and retry the task (it resumes where it stopped).',
  },
];

function kindOfStatus(status: number | undefined): Fix['kind'] {
  if (status === 403) return 'permission';
  if (status === 409) return 'conflict';
  return 'unavailable';
}

/**
 * An error a developer can act on: it names the step, the resource id, ARM's code and message,
 * and the fix.
 */
export function describeArmFailure(
  error: unknown,
  where: { step: string; resourceId: string },
): Error {
  const { status, code, message } = armFailureOf(error);
  const found = code ? FIXES.find(f => f.codes.test(code)) : undefined;
  const kind = found?.kind ?? kindOfStatus(status);
  const fix =
    found?.fix(where) ??
    (status === 403
      ? FIXES[3].fix(where)
      : 'Retry the task: every step is idempotent and it resumes where it stopped.');
  const text = `Step "${where.step}" failed on ${where.resourceId}: ${
    code ? `${code}: ` : ''
  }${message}${status ? ` (HTTP ${status})` : ''}. Fix: ${fix}`;
  switch (kind) {
    case 'input':
      return new InputError(text);
    case 'permission':
      return new NotAllowedError(text);
    case 'conflict':
      return new ConflictError(text);
    default:
      return new ServiceUnavailableError(text);
  }
}
