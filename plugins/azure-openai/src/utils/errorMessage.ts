import { ResponseError } from '@backstage/errors';

/** The message to show a person: the backend's own message when there is one. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError) {
    const message = error.body?.error?.message;
    if (message) return message;
  }
  return error.message;
}
