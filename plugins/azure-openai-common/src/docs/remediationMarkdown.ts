import type { Remediation } from '../types';

/**
 * A control's remediation as Markdown lines: numbered portal steps, the Azure CLI command and the
 * Bicep snippet, each under a `###` heading. Shared by the control docs and the SARIF help text.
 *
 * @public
 */
export function remediationMarkdown(remediation: Remediation): string[] {
  return [
    '### Azure portal',
    '',
    ...remediation.portal.map((step, i) => `${i + 1}. ${step}`),
    '',
    '### Azure CLI',
    '',
    '```sh',
    remediation.cli,
    '```',
    '',
    '### Bicep',
    '',
    '```bicep',
    remediation.bicep,
    '```',
  ];
}
