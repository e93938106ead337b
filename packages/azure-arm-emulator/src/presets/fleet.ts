import { MODEL_CATALOG } from '../modelCatalog';
import { createRandom, randomGuid, type Random } from '../random';
import type { ArmResource, EmulatorStateSnapshot } from '../state';
import {
  account,
  accountIdFor,
  catalogTags,
  defenderSetting,
  deployment,
  diagnosticSetting,
  dnsZoneGroup,
  lock,
  nspConfiguration,
  privateEndpoint,
  raiPolicy,
  resourceGroup,
  roleAssignment,
  ROLES,
  type RaiFlavour,
} from './builders';

/**
 * Options of the fleet generator (`--fleet accounts=N,subscriptions=M,seed=S`).
 *
 * @public
 */
export interface FleetOptions {
  /** Number of accounts (default 20). */
  accounts?: number;
  /** Number of subscriptions they are spread over (default 2). */
  subscriptions?: number;
  /** Seed; the same seed gives the same fleet (default 42). */
  seed?: number;
}

const LOCATIONS = [
  'swedencentral',
  'westeurope',
  'francecentral',
  'eastus',
  'eastus2',
  'uksouth',
];
const TEAMS = [
  ['team-chat', 'customer-assistant'],
  ['team-search', 'knowledge-search'],
  ['team-risk', 'fraud-detection'],
  ['team-docs', 'document-ai'],
];
/** The generally available models of the catalog, as deployments name them. */
const MODELS = MODEL_CATALOG.filter(
  m => m.lifecycle === 'GenerallyAvailable',
).map(m => ({ model: m.name, version: m.version, skus: m.skus }));

type Posture = 'hardened' | 'partial' | 'insecure';

/**
 * Generates a deterministic fleet of accounts of mixed posture (about 30%
 * hardened, 45% partial, 25% insecure) with deployments, RAI policies,
 * private endpoints, diagnostic settings, role assignments and tags.
 *
 * @public
 */
export function generateFleet(
  options: FleetOptions = {},
): EmulatorStateSnapshot {
  const count = options.accounts ?? 20;
  const subCount = options.subscriptions ?? 2;
  if (
    !(Number.isInteger(count) && count >= 0) ||
    !(Number.isInteger(subCount) && subCount >= 1)
  ) {
    throw new TypeError(
      'fleet: accounts must be an integer >= 0 and subscriptions an integer >= 1.',
    );
  }
  const random = createRandom(options.seed ?? 42);
  const subs = Array.from({ length: subCount }, () => randomGuid(random));
  const resources: ArmResource[] = [];
  const rgs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const sub = subs[i % subCount];
    const [owner, system] = pick(random, TEAMS);
    const location = pick(random, LOCATIONS);
    const roll = random();
    const posture = postureFor(roll);
    const rg = `rg-${system}-${i % 7}`;
    if (!rgs.has(`${sub}/${rg}`)) {
      rgs.add(`${sub}/${rg}`);
      resources.push(resourceGroup(sub, rg, location));
    }
    const name = `aoai-${system.split('-')[0]}-${String(i).padStart(5, '0')}`;
    resources.push(
      ...fleetAccount(random, {
        sub,
        rg,
        name,
        location,
        owner,
        system,
        posture,
      }),
    );
  }
  return {
    version: 1,
    resources,
    deletedAccounts: [],
    subscriptions: subs.map((subscriptionId, i) => ({
      subscriptionId,
      displayName: `fleet-${i + 1}`,
    })),
  };
}

function fleetAccount(
  random: Random,
  a: {
    sub: string;
    rg: string;
    name: string;
    location: string;
    owner: string;
    system: string;
    posture: Posture;
  },
): ArmResource[] {
  const hardened = a.posture === 'hardened';
  const insecure = a.posture === 'insecure';
  const body = account({
    sub: a.sub,
    rg: a.rg,
    name: a.name,
    location: a.location,
    kind: random() < 0.8 ? 'OpenAI' : 'AIServices',
    tags:
      random() < 0.9 || hardened ? catalogTags(a.owner, a.system) : undefined,
    customSubDomain: !insecure || random() < 0.5,
    publicNetworkAccess: publicAccess(random, a.posture),
    ipRules:
      a.posture === 'partial' && random() < 0.5 ? ['203.0.113.0/24'] : [],
    disableLocalAuth: hardened || (a.posture === 'partial' && random() < 0.6),
    identity: !insecure || random() < 0.3,
    restrictOutbound: hardened,
    cmk: hardened && random() < 0.5,
  });
  const id = accountIdFor(a.sub, a.rg, a.name);
  const out: ArmResource[] = [];
  const policies: string[] = [];
  if (!insecure) {
    const flavour: RaiFlavour = hardened
      ? 'strict'
      : pick(random, ['strict', 'weakened', 'async'] as RaiFlavour[]);
    out.push(raiPolicy(id, `${flavour}-policy`, flavour));
    policies.push(`${flavour}-policy`);
  }
  const deployments = 1 + Math.floor(random() * 4);
  const used = new Set<string>();
  for (let d = 0; d < deployments; d++) {
    const m = pick(random, MODELS);
    if (used.has(m.model)) {
      continue;
    }
    used.add(m.model);
    const sku = pick(random, m.skus);
    out.push(
      deployment(id, m.model, {
        model: m.model,
        version: m.version,
        sku,
        capacity:
          sku === 'ProvisionedManaged'
            ? 50
            : 10 * (1 + Math.floor(random() * 20)),
        raiPolicyName:
          policies.length && random() < 0.85
            ? policies[0]
            : 'Microsoft.DefaultV2',
        upgrade: hardened ? 'NoAutoUpgrade' : 'OnceNewDefaultVersionAvailable',
      }),
    );
  }
  const netRg = `/subscriptions/${a.sub}/resourceGroups/${a.rg}`;
  if (hardened || (a.posture === 'partial' && random() < 0.5)) {
    const pe = privateEndpoint(body, {
      sub: a.sub,
      rg: a.rg,
      name: `pe-${a.name}`,
      subnetId: `${netRg}/providers/Microsoft.Network/virtualNetworks/vnet-${a.location}/subnets/snet-pe`,
    });
    out.push(pe);
    if (hardened || random() < 0.5) {
      out.push(
        dnsZoneGroup(pe.id, 'default', [
          `${netRg}/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com`,
        ]),
      );
    }
  }
  if (!insecure) {
    const ws = `/subscriptions/${a.sub}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-${a.location}`;
    if (hardened || random() < 0.6) {
      out.push(
        diagnosticSetting(id, 'to-law', ws, hardened ? 'full' : 'partial'),
      );
    }
  }
  const principal = randomGuid(random);
  out.push(
    roleAssignment(
      id,
      ROLES.cognitiveServicesOpenAIUser,
      principal,
      'ServicePrincipal',
    ),
  );
  if (insecure || random() < 0.2) {
    out.push(
      roleAssignment(
        id,
        insecure ? ROLES.owner : ROLES.contributor,
        randomGuid(random),
        'User',
      ),
    );
  }
  if (hardened) {
    out.push(lock(id, 'do-not-delete', 'CanNotDelete'));
    if (random() < 0.3) {
      out.push(
        nspConfiguration(
          id,
          `${netRg}/providers/Microsoft.Network/networkSecurityPerimeters/nsp-${a.location}`,
          a.location,
        ),
      );
    }
  }
  out.push(defenderSetting(id, hardened ? 'Enabled' : 'Disabled'));
  return [body, ...out];
}

function postureFor(roll: number): Posture {
  if (roll < 0.3) {
    return 'hardened';
  }
  return roll < 0.75 ? 'partial' : 'insecure';
}

function publicAccess(
  random: Random,
  posture: Posture,
): 'Enabled' | 'Disabled' {
  if (posture === 'hardened') {
    return 'Disabled';
  }
  if (posture === 'insecure') {
    return 'Enabled';
  }
  return random() < 0.5 ? 'Disabled' : 'Enabled';
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
