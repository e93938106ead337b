import type { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';

/**
 * `GET` of an ARM path through the same pipeline as the SDK clients (token,
 * retries, throttling, timeouts, loopback redirect), for reads no SDK client
 * covers in the needed shape. Returns the parsed JSON body; a 4xx/5xx throws
 * a `RestError` with the status and ARM error code, like the SDK clients.
 */
export async function rawArmGet(
  client: ServiceClient,
  url: string,
  signal: AbortSignal,
): Promise<unknown> {
  const response = await client.sendRequest(
    createPipelineRequest({ url, method: 'GET', abortSignal: signal }),
  );
  const body = response.bodyAsText
    ? JSON.parse(response.bodyAsText)
    : undefined;
  if (response.status >= 400) {
    const code =
      typeof body?.error?.code === 'string' ? body.error.code : undefined;
    throw new RestError(
      `GET ${new URL(url).pathname} answered ${response.status}${
        code ? ` ${code}` : ''
      }`,
      { statusCode: response.status, code },
    );
  }
  return body;
}

/** {@link rawArmGet} over every page of an ARM list (`nextLink`). */
export async function rawArmList(
  client: ServiceClient,
  url: string,
  signal: AbortSignal,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined = url;
  while (next) {
    const body = (await rawArmGet(client, next, signal)) as
      | { value?: unknown[]; nextLink?: string | null }
      | undefined;
    items.push(...(body?.value ?? []));
    next = body?.nextLink ?? undefined;
  }
  return items;
}
