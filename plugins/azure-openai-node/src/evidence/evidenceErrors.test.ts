import { RestError } from '@azure/core-rest-pipeline';
import { absentFromError } from './evidenceErrors';

describe('absentFromError', () => {
  it.each([
    [401, 'InvalidAuthenticationToken', 'forbidden'],
    [403, 'AuthorizationFailed', 'forbidden'],
    [404, 'ResourceNotFound', 'not-found'],
    [500, 'InternalServerError', 'error'],
    [429, 'TooManyRequests', 'error'],
  ])('maps HTTP %i %s to %s', (statusCode, code, reason) => {
    expect(
      absentFromError(new RestError('failed', { statusCode, code }), false),
    ).toEqual({ state: 'absent', reason, detail: code });
  });

  it('maps an attempt timeout that outlived its retries to timeout', () => {
    expect(
      absentFromError(new RestError('slow', { code: 'ETIMEDOUT' }), false),
    ).toMatchObject({ state: 'absent', reason: 'timeout' });
  });

  it('maps an aborted call whose deadline passed to timeout', () => {
    const error = new Error('aborted');
    error.name = 'AbortError';
    expect(absentFromError(error, true)).toMatchObject({
      state: 'absent',
      reason: 'timeout',
    });
  });

  it('keeps only the status when there is no ARM code', () => {
    expect(
      absentFromError(new RestError('x', { statusCode: 502 }), false),
    ).toEqual({ state: 'absent', reason: 'error', detail: 'HTTP 502' });
  });

  it('maps a connection failure to error with its message', () => {
    expect(absentFromError(new Error('socket hang up'), false)).toEqual({
      state: 'absent',
      reason: 'error',
      detail: 'socket hang up',
    });
  });
});
