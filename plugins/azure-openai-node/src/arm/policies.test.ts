import {
  createHttpHeaders,
  createPipelineRequest,
  PipelineRequest,
  PipelineResponse,
  RestError,
} from '@azure/core-rest-pipeline';
import { mockServices } from '@backstage/backend-test-utils';
import { ArmThrottleTracker } from './ArmThrottleTracker';
import {
  createArmRateLimitPolicy,
  retryAfterMsOf,
  subscriptionOf,
} from './armRateLimitPolicy';
import { createAttemptTimeoutPolicy } from './attemptTimeoutPolicy';
import { createLoopbackRedirectPolicy } from './loopbackRedirectPolicy';

const SUB = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const ACCOUNTS = `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts?api-version=2025-09-01`;

function respond(
  request: PipelineRequest,
  status = 200,
  headers: Record<string, string> = {},
): PipelineResponse {
  return { request, status, headers: createHttpHeaders(headers) };
}

describe('createLoopbackRedirectPolicy', () => {
  const policy = createLoopbackRedirectPolicy(
    'https://management.azure.com',
    'http://127.0.0.1:7071',
  );

  it('sends the attempt to the loopback server, then restores the request', async () => {
    const request = createPipelineRequest({ url: ACCOUNTS });
    const seen: Array<{ url: string; insecure?: boolean }> = [];
    await policy.sendRequest(request, async r => {
      seen.push({ url: r.url, insecure: r.allowInsecureConnection });
      return respond(r);
    });
    expect(seen).toEqual([
      {
        url: `http://127.0.0.1:7071/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts?api-version=2025-09-01`,
        insecure: true,
      },
    ]);
    expect(request.url).toBe(ACCOUNTS);
    expect(request.allowInsecureConnection).toBeFalsy();
  });

  it('restores the request when the attempt fails', async () => {
    const request = createPipelineRequest({ url: ACCOUNTS });
    await expect(
      policy.sendRequest(request, async () => {
        throw new RestError('reset', { code: 'ECONNRESET' });
      }),
    ).rejects.toThrow('reset');
    expect(request.url).toBe(ACCOUNTS);
    expect(request.allowInsecureConnection).toBeFalsy();
  });

  it('leaves requests to other origins alone', async () => {
    const url = 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token';
    const request = createPipelineRequest({ url });
    let sentTo = '';
    await policy.sendRequest(request, async r => {
      sentTo = r.url;
      return respond(r);
    });
    expect(sentTo).toBe(url);
  });

  it.each([
    'http://arm.example.test:7071',
    'https://127.0.0.1:7071',
    'http://10.0.0.5:7071',
    'nonsense',
  ])('refuses to redirect to %s', target => {
    expect(() =>
      createLoopbackRedirectPolicy('https://management.azure.com', target),
    ).toThrow(
      `Refusing to redirect Azure Resource Manager requests to '${target}': only plain-http loopback URLs`,
    );
  });
});

describe('createAttemptTimeoutPolicy', () => {
  /** An attempt that only ends when its signal aborts, like a hung socket. */
  const hang = (r: PipelineRequest) =>
    new Promise<PipelineResponse>((_, reject) => {
      r.abortSignal!.addEventListener('abort', () => {
        const error = new Error('aborted');
        error.name = 'AbortError';
        reject(error);
      });
    });

  it('turns a hung attempt into a retryable ETIMEDOUT error', async () => {
    const request = createPipelineRequest({ url: ACCOUNTS });
    const error = await createAttemptTimeoutPolicy(5)
      .sendRequest(request, hang)
      .catch(e => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toBe(
      `Azure Resource Manager did not answer GET /subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts within 5 ms`,
    );
    expect(request.abortSignal).toBeUndefined();
  });

  it('lets the caller abort win over the timeout', async () => {
    const controller = new AbortController();
    const request = createPipelineRequest({
      url: ACCOUNTS,
      abortSignal: controller.signal,
    });
    const attempt = createAttemptTimeoutPolicy(60_000).sendRequest(
      request,
      hang,
    );
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    expect(request.abortSignal).toBe(controller.signal);
  });

  it('passes answers through', async () => {
    const request = createPipelineRequest({ url: ACCOUNTS });
    const response = await createAttemptTimeoutPolicy(60_000).sendRequest(
      request,
      async r => respond(r, 200),
    );
    expect(response.status).toBe(200);
  });
});

describe('createArmRateLimitPolicy', () => {
  it('feeds the remaining subscription budget to the tracker', async () => {
    const tracker = new ArmThrottleTracker({
      reads: { lowWatermark: 10, refillPerSecond: 10 },
    });
    const policy = createArmRateLimitPolicy(tracker);
    await policy.sendRequest(
      createPipelineRequest({ url: ACCOUNTS }),
      async r =>
        respond(r, 200, { 'x-ms-ratelimit-remaining-subscription-reads': '4' }),
    );
    // 6 missing at 10/s.
    expect(tracker.delayFor(SUB, 'read')).toBeGreaterThan(500);
    expect(tracker.delayFor(SUB, 'read')).toBeLessThanOrEqual(600);
    expect(tracker.delayFor(SUB, 'write')).toBe(0);
  });

  it('counts PUT, PATCH, POST and DELETE as writes', async () => {
    const tracker = new ArmThrottleTracker();
    const policy = createArmRateLimitPolicy(tracker);
    await policy.sendRequest(
      createPipelineRequest({ url: ACCOUNTS, method: 'POST' }),
      async r =>
        respond(r, 200, {
          'x-ms-ratelimit-remaining-subscription-writes': '0',
        }),
    );
    expect(tracker.delayFor(SUB, 'write')).toBeGreaterThan(0);
    expect(tracker.delayFor(SUB, 'read')).toBe(0);
  });

  it('pauses the whole subscription on a 429 with Retry-After', async () => {
    const tracker = new ArmThrottleTracker();
    const logger = mockServices.logger.mock();
    const policy = createArmRateLimitPolicy(tracker, logger);
    const response = await policy.sendRequest(
      createPipelineRequest({ url: ACCOUNTS }),
      async r => respond(r, 429, { 'retry-after': '7' }),
    );
    // The 429 goes back to the SDK's retry policy unchanged.
    expect(response.status).toBe(429);
    expect(tracker.delayFor(SUB, 'read')).toBeGreaterThan(6000);
    expect(logger.warn).toHaveBeenCalledWith(
      'Azure Resource Manager throttled a request',
      { subscriptionId: SUB, kind: 'read', status: 429, retryAfterMs: 7000 },
    );
  });

  it('uses the tenant budget for calls outside a subscription', async () => {
    const tracker = new ArmThrottleTracker();
    const policy = createArmRateLimitPolicy(tracker);
    await policy.sendRequest(
      createPipelineRequest({
        url: 'https://management.azure.com/subscriptions?api-version=2022-12-01',
      }),
      async r =>
        respond(r, 200, { 'x-ms-ratelimit-remaining-tenant-reads': '1' }),
    );
    expect(tracker.delayFor('', 'read')).toBeGreaterThan(0);
    expect(tracker.delayFor(SUB, 'read')).toBe(0);
  });

  it('waits for a paused subscription before sending', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const tracker = new ArmThrottleTracker({
      now: () => now,
      sleep: async ms => {
        sleeps.push(ms);
        now += ms;
      },
    });
    tracker.observeRetryAfter(SUB, 'read', 1500);
    const sentAt: number[] = [];
    await createArmRateLimitPolicy(tracker).sendRequest(
      createPipelineRequest({ url: ACCOUNTS }),
      async r => {
        sentAt.push(now);
        return respond(r);
      },
    );
    expect(sleeps).toEqual([1500]);
    expect(sentAt).toEqual([1500]);
  });
});

describe('header helpers', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'x-ms-retry-after-ms': '40', 'retry-after': '9' }, 40],
    [{}, undefined],
  ])('reads %j as %s ms', (headers, ms) => {
    expect(retryAfterMsOf({ headers: createHttpHeaders(headers as any) })).toBe(
      ms,
    );
  });

  it('reads an HTTP-date Retry-After', () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const ms = retryAfterMsOf({
      headers: createHttpHeaders({ 'retry-after': at }),
    });
    expect(ms).toBeGreaterThan(50_000);
  });

  it('finds the subscription of a request', () => {
    expect(subscriptionOf({ url: ACCOUNTS })).toBe(SUB);
    expect(
      subscriptionOf({
        url: `https://management.azure.com/SUBSCRIPTIONS/${SUB.toUpperCase()}/resourceGroups/rg`,
      }),
    ).toBe(SUB);
    expect(
      subscriptionOf({
        url: 'https://management.azure.com/providers/Microsoft.CognitiveServices/operations',
      }),
    ).toBe('');
  });
});
