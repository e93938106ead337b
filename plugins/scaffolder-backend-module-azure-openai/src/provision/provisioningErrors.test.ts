import { RestError } from '@azure/core-rest-pipeline';
import {
  armFailureOf,
  describeArmFailure,
  isConflict,
} from './provisioningErrors';

const where = {
  step: 'model deployment chat',
  resourceId: '/subscriptions/s/x',
};

describe('provisioning errors', () => {
  it('reads the code of a failed long-running operation', () => {
    expect(
      armFailureOf(
        new Error(
          'The long-running operation has failed. InsufficientQuota. Not enough quota.',
        ),
      ),
    ).toEqual({ code: 'InsufficientQuota', message: 'Not enough quota.' });
  });

  it('names the step, the resource, the code and the fix, with the right error class', () => {
    const quota = describeArmFailure(
      new RestError('Not enough quota', {
        statusCode: 400,
        code: 'InsufficientQuota',
      }),
      where,
    );
    expect(quota.name).toBe('InputError');
    expect(quota.message).toBe(
      'Step "model deployment chat" failed on /subscriptions/s/x: InsufficientQuota: Not enough quota (HTTP 400). Fix: Lower the capacity of the deployment, or request more quota for the model and SKU in this region (Azure AI Foundry > Quotas). A dry run of the template shows the headroom.',
    );
    const forbidden = describeArmFailure(
      new RestError('no', { statusCode: 403, code: 'AuthorizationFailed' }),
      where,
    );
    expect(forbidden.name).toBe('NotAllowedError');
    expect(forbidden.message).toContain('roles listed in the README');
    expect(
      describeArmFailure(new RestError('x', { statusCode: 500 }), where).name,
    ).toBe('ServiceUnavailableError');
  });

  it('recognises conflicts that are worth retrying', () => {
    expect(isConflict(new RestError('x', { statusCode: 409 }))).toBe(true);
    expect(
      isConflict(
        new RestError('x', {
          statusCode: 400,
          code: 'AccountProvisioningStateInvalid',
        }),
      ),
    ).toBe(true);
    expect(isConflict(new RestError('x', { statusCode: 400 }))).toBe(false);
  });
});
