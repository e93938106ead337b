import type { ExportRenderer } from './types';

/** Identifies the layout of the JSON export. */
export const JSON_EXPORT_FORMAT = 'azure-openai-evidence/v1';

/**
 * JSON: `{ format, generatedAt, scope, accounts: [{ resourceId, account, linkedBy?, posture }],
 * accountCount }`, written one account at a time. `account` and `posture` are `null` when unknown.
 */
export const renderJson: ExportRenderer = async function* renderJson(
  items,
  header,
) {
  yield `{"format":${JSON.stringify(
    JSON_EXPORT_FORMAT,
  )},"generatedAt":${JSON.stringify(
    header.generatedAt,
  )},"scope":${JSON.stringify(header.scope)},"accounts":[`;
  let count = 0;
  for await (const item of items) {
    const entry = {
      resourceId: item.resourceId,
      account: item.account ?? null,
      ...(item.linkedBy ? { linkedBy: item.linkedBy } : {}),
      posture: item.posture ?? null,
    };
    yield `${count === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`;
    count += 1;
  }
  yield `\n],"accountCount":${count}}\n`;
};
