import type {
  AccountSource,
  DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
} from '../types';

const MESSAGE =
  'No Azure access is installed for the azure-openai audit plugin: add the module that registers an AccountSource and an EvidenceSource (azureOpenAIAuditSourcesExtensionPoint)';

/** Sources used when no module registered any: every scan fails with a clear message. */
export const unconfiguredAccountSource: AccountSource = {
  // eslint-disable-next-line require-yield
  async *listAccounts(): AsyncIterable<DiscoveredAccount> {
    throw new Error(MESSAGE);
  },
};

/** See {@link unconfiguredAccountSource}. */
export const unconfiguredEvidenceSource: EvidenceSource = {
  startScan(): EvidenceCollection {
    throw new Error(MESSAGE);
  },
};
