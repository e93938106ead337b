/** One Azure OpenAI model the emulator offers in every location. */
export interface CatalogModel {
  name: string;
  version: string;
  skus: string[];
  lifecycle: string;
  chat: boolean;
  deprecation: string;
}

/**
 * The models the emulator serves (`Models_List`, usages, deployment SKUs) and
 * that generated fleets deploy, with the SKUs each can be deployed as.
 */
export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    name: 'gpt-4.1',
    version: '2025-04-14',
    skus: ['GlobalStandard', 'DataZoneStandard', 'ProvisionedManaged'],
    lifecycle: 'GenerallyAvailable',
    chat: true,
    deprecation: '2027-04-14T00:00:00Z',
  },
  {
    name: 'gpt-4.1-mini',
    version: '2025-04-14',
    skus: ['GlobalStandard', 'DataZoneStandard'],
    lifecycle: 'GenerallyAvailable',
    chat: true,
    deprecation: '2027-04-14T00:00:00Z',
  },
  {
    name: 'gpt-4o',
    version: '2024-11-20',
    skus: [
      'Standard',
      'GlobalStandard',
      'DataZoneStandard',
      'ProvisionedManaged',
    ],
    lifecycle: 'GenerallyAvailable',
    chat: true,
    deprecation: '2026-03-01T00:00:00Z',
  },
  {
    name: 'gpt-4o-mini',
    version: '2024-07-18',
    skus: ['Standard', 'GlobalStandard', 'DataZoneStandard'],
    lifecycle: 'GenerallyAvailable',
    chat: true,
    deprecation: '2026-02-27T00:00:00Z',
  },
  {
    name: 'o4-mini',
    version: '2025-04-16',
    skus: ['GlobalStandard', 'DataZoneStandard'],
    lifecycle: 'GenerallyAvailable',
    chat: true,
    deprecation: '2027-04-16T00:00:00Z',
  },
  {
    name: 'gpt-35-turbo',
    version: '0125',
    skus: ['Standard'],
    lifecycle: 'Deprecating',
    chat: true,
    deprecation: '2025-11-14T00:00:00Z',
  },
  {
    name: 'text-embedding-3-large',
    version: '1',
    skus: ['Standard', 'GlobalStandard'],
    lifecycle: 'GenerallyAvailable',
    chat: false,
    deprecation: '2027-04-30T00:00:00Z',
  },
  {
    name: 'text-embedding-3-small',
    version: '1',
    skus: ['Standard', 'GlobalStandard'],
    lifecycle: 'GenerallyAvailable',
    chat: false,
    deprecation: '2027-04-30T00:00:00Z',
  },
];
