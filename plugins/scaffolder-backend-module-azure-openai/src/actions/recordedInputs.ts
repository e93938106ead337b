import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { GoldenPathRecordedInputs } from '@pavedai/plugin-azure-openai-common';

/**
 * Where a bring-back run gets the inputs the golden path last applied to an account.
 *
 * @public
 */
export interface GoldenPathInputsSource {
  /**
   * The inputs recorded for the account, read with the credentials of the user who runs the
   * template.
   */
  getRecordedInputs(
    accountId: string,
    options: { credentials: BackstageCredentials; signal?: AbortSignal },
  ): Promise<GoldenPathRecordedInputs>;
}

/**
 * Reads the recorded inputs from the audit plugin
 * (`GET /api/azure-openai/accounts/{accountId}/golden-path/inputs`) on behalf of the user who
 * runs the template, so its permission checks apply to them.
 *
 * @public
 */
export function createAuditInputsSource(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): GoldenPathInputsSource {
  return {
    async getRecordedInputs(accountId, { credentials, signal }) {
      const baseUrl = await options.discovery.getBaseUrl('azure-openai');
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'azure-openai',
      });
      const response = await fetch(
        `${baseUrl}/accounts/${encodeURIComponent(
          accountId,
        )}/golden-path/inputs`,
        { headers: { Authorization: `Bearer ${token}` }, signal },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as GoldenPathRecordedInputs;
    },
  };
}
