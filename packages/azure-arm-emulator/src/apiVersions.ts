/**
 * The api-versions accepted per operation group. The first entry of each list
 * is the version the SDK in the package's conformance tests sends (read from
 * the SDK packages: arm-cognitiveservices 8.1.0, arm-network 39.0.0,
 * arm-monitor 8.0.0, arm-authorization 9.0.0, arm-resources 8.0.0,
 * arm-resourcegraph 5.0.0); the rest are older versions with the same shapes.
 */
export const API_VERSIONS = {
  cognitiveServices: [
    '2025-09-01',
    '2025-06-01',
    '2025-04-01-preview',
    '2024-10-01',
    '2023-05-01',
  ],
  network: [
    '2026-01-01',
    '2025-07-01',
    '2025-05-01',
    '2025-03-01',
    '2024-07-01',
    '2024-05-01',
    '2024-03-01',
    '2024-01-01',
    '2023-11-01',
  ],
  privateDns: ['2024-06-01', '2020-06-01'],
  operationalInsights: ['2025-02-01', '2023-09-01', '2022-10-01'],
  managedIdentity: ['2024-11-30', '2023-01-31'],
  diagnosticSettings: ['2021-05-01-preview'],
  metricAlerts: ['2026-01-01', '2024-03-01-preview', '2018-03-01'],
  activityLogAlerts: ['2023-01-01-preview', '2020-10-01', '2017-04-01'],
  roleAssignments: [
    '2022-04-01',
    '2020-10-01-preview',
    '2020-04-01-preview',
    '2015-07-01',
  ],
  locks: ['2020-05-01', '2016-09-01'],
  policyAssignments: [
    '2025-03-01',
    '2025-01-01',
    '2024-05-01',
    '2024-04-01',
    '2023-04-01',
    '2022-06-01',
    '2021-06-01',
  ],
  securityPricings: ['2024-01-01', '2023-01-01', '2022-03-01', '2018-06-01'],
  resources: [
    '2025-04-01',
    '2025-03-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2022-09-01',
    '2021-04-01',
  ],
  subscriptions: [
    '2022-12-01',
    '2021-01-01',
    '2020-01-01',
    '2019-11-01',
    '2016-06-01',
  ],
  resourceGraph: [
    '2024-04-01',
    '2022-10-01',
    '2021-06-01-preview',
    '2021-03-01',
  ],
} as const;

/** Every accepted api-version of a namespace, for operation status URLs. */
export function apiVersionsForNamespace(ns: string): readonly string[] {
  switch (ns.toLowerCase()) {
    case 'microsoft.cognitiveservices':
      return API_VERSIONS.cognitiveServices;
    case 'microsoft.network':
      return API_VERSIONS.network;
    default:
      return [];
  }
}
