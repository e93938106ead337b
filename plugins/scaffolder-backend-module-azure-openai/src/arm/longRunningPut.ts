import {
  createHttpPoller,
  type LongRunningOperation,
  type LroResponse,
} from '@azure/core-lro';
import type { ArmResourceClient, ArmResponse } from './ArmResourceClient';

/** A `PUT` of one resource. */
export interface ArmPut {
  id: string;
  apiVersion: string;
  body: unknown;
}

/** Where a `PUT` stands right after ARM accepted it. */
export type PutStart =
  | { done: true; body: unknown }
  | { done: false; poller: string };

function lroResponse(response: ArmResponse): LroResponse<unknown> {
  return {
    flatResponse: response.body,
    rawResponse: {
      statusCode: response.status,
      headers: response.headers,
      body: response.body,
    },
  };
}

function operation(
  client: ArmResourceClient,
  put: ArmPut,
  signal: AbortSignal | undefined,
): LongRunningOperation<unknown> {
  const url = client.url(put.id, put.apiVersion);
  return {
    requestPath: url,
    requestMethod: 'PUT',
    sendInitialRequest: async () =>
      lroResponse(await client.send('PUT', url, { body: put.body, signal })),
    sendPollRequest: async (path, options) =>
      lroResponse(
        await client.send('GET', client.url(path), {
          signal: (options?.abortSignal as AbortSignal | undefined) ?? signal,
        }),
      ),
  };
}

/**
 * Sends the `PUT` and returns at once: either the final body (synchronous writes) or the
 * serialized poller of the long-running operation (`Azure-AsyncOperation` / `Location`), small
 * JSON to keep in a scaffolder checkpoint so a restarted task resumes polling instead of writing
 * twice.
 */
export async function startPut(
  client: ArmResourceClient,
  put: ArmPut,
  options: { signal?: AbortSignal; intervalInMs: number },
): Promise<PutStart> {
  const poller = await createHttpPoller(
    operation(client, put, options.signal),
    {
      intervalInMs: options.intervalInMs,
      resourceLocationConfig: 'azure-async-operation',
    },
  );
  if (poller.isDone()) {
    return { done: true, body: await poller.pollUntilDone() };
  }
  return { done: false, poller: poller.toString() };
}

/**
 * Resumes polling a serialized long-running `PUT` until it ends. A failed operation throws
 * `The long-running operation has failed. <code>. <message>`; aborting throws an `AbortError`.
 */
export async function resumePut(
  client: ArmResourceClient,
  put: ArmPut,
  serialized: string,
  options: {
    signal?: AbortSignal;
    intervalInMs: number;
    onProgress?: (status: string) => void;
  },
): Promise<unknown> {
  const poller = await createHttpPoller(
    {
      ...operation(client, put, options.signal),
      sendInitialRequest: () => {
        throw new Error('A resumed operation never sends its first request');
      },
    },
    {
      intervalInMs: options.intervalInMs,
      restoreFrom: serialized,
      resourceLocationConfig: 'azure-async-operation',
    },
  );
  if (options.onProgress) {
    poller.onProgress(state => options.onProgress!(state.status));
  }
  return poller.pollUntilDone({ abortSignal: options.signal });
}
