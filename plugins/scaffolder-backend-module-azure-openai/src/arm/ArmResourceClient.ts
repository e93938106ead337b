import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpMethods,
} from '@azure/core-rest-pipeline';
import type { ArmClientOptions } from '@pavedai/plugin-azure-openai-node';

/**
 * A parsed ARM answer.
 *
 * @public
 */
export interface ArmResponse {
  /** HTTP status code. */
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body, `undefined` when the answer had none. */
  body: unknown;
}

/** The ARM error code and message of a failed call (`error.code`, `error.message`). */
export function armErrorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } })
    ?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
  };
}

/**
 * Reads and writes ARM resources by id through the Azure SDK's pipeline (token, retries on
 * 429/5xx with `Retry-After`, throttling budget, per-attempt timeout, and the loopback redirect
 * when `resourceManagerUrl` is a local emulator). The golden path's desired state is raw ARM
 * JSON with an api-version per resource, so one client serves every resource type.
 *
 * @public
 */
export class ArmResourceClient {
  readonly #client: ServiceClient;
  readonly #endpoint: string;

  /**
   * Creates a client with the pipeline options of `createArmClientOptions`.
   *
   * @param credential - the identity the requests are made as
   * @param options - endpoint, retries, throttling budget and timeouts
   */
  static create(
    credential: TokenCredential,
    options: ArmClientOptions,
  ): ArmResourceClient {
    return new ArmResourceClient(
      new ServiceClient({ ...options, credential }),
      options.endpoint,
    );
  }

  private constructor(client: ServiceClient, endpoint: string) {
    this.#client = client;
    this.#endpoint = endpoint.replace(/\/+$/, '');
  }

  /** Absolute URL of an ARM path (or an absolute URL, unchanged) with its api-version. */
  url(pathOrUrl: string, apiVersion?: string): string {
    const url = new URL(
      /^https?:\/\//i.test(pathOrUrl)
        ? pathOrUrl
        : `${this.#endpoint}${pathOrUrl}`,
    );
    if (apiVersion) url.searchParams.set('api-version', apiVersion);
    return url.toString();
  }

  /**
   * Sends one request. A 4xx/5xx answer throws a `RestError` whose `code` is the ARM error code
   * and whose message carries ARM's message.
   */
  async send(
    method: HttpMethods,
    url: string,
    options: { body?: unknown; signal?: AbortSignal } = {},
  ): Promise<ArmResponse> {
    const response = await this.#client.sendRequest(
      createPipelineRequest({
        url,
        method,
        abortSignal: options.signal,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        headers:
          options.body === undefined
            ? undefined
            : createHttpHeaders({ 'content-type': 'application/json' }),
      }),
    );
    let body: unknown;
    try {
      body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
    } catch {
      throw new RestError(
        `${method} ${new URL(url).pathname} answered ${
          response.status
        } with a body that is not JSON`,
        { statusCode: response.status, code: 'InvalidResponseBody' },
      );
    }
    if (response.status >= 400) {
      const { code, message } = armErrorOf(body);
      throw new RestError(
        message ??
          `${method} ${new URL(url).pathname} answered ${response.status}`,
        { statusCode: response.status, code },
      );
    }
    return {
      status: response.status,
      headers: response.headers.toJSON({ preserveCase: false }),
      body,
    };
  }

  /** `GET` of a resource; `undefined` when ARM answers 404. */
  async get(
    id: string,
    apiVersion: string,
    signal?: AbortSignal,
  ): Promise<unknown | undefined> {
    try {
      return (await this.send('GET', this.url(id, apiVersion), { signal }))
        .body;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
