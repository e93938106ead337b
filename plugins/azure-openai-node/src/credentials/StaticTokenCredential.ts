import type { AccessToken, TokenCredential } from '@azure/core-auth';

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * A `TokenCredential` that always returns the same bearer token.
 *
 * @remarks
 * Meant for the local ARM emulator and tests only; config allows it only
 * together with a loopback resource manager URL.
 *
 * @public
 */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  /** The configured token, valid for an hour from now. */
  async getToken(): Promise<AccessToken> {
    return {
      token: this.token,
      tokenType: 'Bearer',
      expiresOnTimestamp: Date.now() + ONE_HOUR_MS,
    };
  }
}
