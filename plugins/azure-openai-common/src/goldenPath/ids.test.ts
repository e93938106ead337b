import { resolvePolicy } from '../engine/policy';
import { privateEndpointSubnetFor } from './ids';

describe('privateEndpointSubnetFor', () => {
  const policy = resolvePolicy({
    privateEndpointSubnetId: '/default-subnet',
    privateEndpointSubnetIdsByRegion: { westeurope: '/weu-subnet' },
  });

  it("takes the region's own subnet, else the default one", () => {
    expect(privateEndpointSubnetFor(policy, 'westeurope')).toBe('/weu-subnet');
    expect(privateEndpointSubnetFor(policy, 'swedencentral')).toBe(
      '/default-subnet',
    );
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'does not mistake the object property %s for a region',
    region => {
      expect(privateEndpointSubnetFor(policy, region)).toBe('/default-subnet');
    },
  );
});
