import fc from 'fast-check';
import { buildDesiredState } from './build';
import { preflight } from './preflight';
import { validateProvisionInputs } from './validate';
import { NOW, testPolicy, validInputs } from '../__fixtures__/goldenPath';
import type { ProvisionInputs } from './types';
import type { GoldenPathPolicy } from '../types';

const valid = validInputs();

/** Inputs whose fields are each either valid, missing, or any JSON value. */
const looseInputs = fc.record(
  Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [
      k,
      fc.oneof(fc.constant(v), fc.anything(), fc.string()),
    ]),
  ),
  { requiredKeys: [] },
);

const deploymentArb = fc.record(
  {
    name: fc.oneof(fc.string(), fc.anything()),
    model: fc.oneof(
      fc.constantFrom('gpt-4o', 'text-embedding-3-large'),
      fc.string(),
    ),
    version: fc.oneof(fc.constantFrom('2024-11-20', '1'), fc.string()),
    sku: fc.oneof(
      fc.constantFrom('Standard', 'DataZoneStandard', 'GlobalStandard'),
      fc.string(),
    ),
    capacity: fc.oneof(fc.integer(), fc.double(), fc.anything()),
  },
  { requiredKeys: [] },
);

const inputsArb = fc.oneof(
  fc.anything(),
  looseInputs,
  fc
    .record({ deployments: fc.array(deploymentArb, { maxLength: 4 }) })
    .map(d => ({ ...valid, ...d })),
);

const policyArb = fc.oneof(
  fc.constant(testPolicy),
  fc.constant(undefined),
  fc.anything(),
  fc.record(
    Object.fromEntries(Object.keys(testPolicy).map(k => [k, fc.anything()])),
    { requiredKeys: [] },
  ),
);

describe('golden-path builder properties', () => {
  it('never throws, whatever the inputs and policy', () => {
    fc.assert(
      fc.property(inputsArb, policyArb, (inputs, policy) => {
        const i = inputs as ProvisionInputs;
        const p = policy as GoldenPathPolicy;
        const problems = validateProvisionInputs(i, p);
        expect(Array.isArray(problems)).toBe(true);
        const state = buildDesiredState(i, p);
        expect(typeof state.account.id).toBe('string');
        const result = preflight(i, p, { now: NOW });
        // anything the validator refuses never passes pre-flight
        expect(result.ok && problems.length > 0).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for any inputs', () => {
    fc.assert(
      fc.property(inputsArb, inputs => {
        const i = inputs as ProvisionInputs;
        expect(JSON.stringify(buildDesiredState(i, testPolicy))).toBe(
          JSON.stringify(buildDesiredState(i, testPolicy)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('whenever the inputs are valid, every required control passes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('strict', 'standard'),
        fc.array(
          fc.record({
            model: fc.constantFrom('gpt-4o'),
            version: fc.constant('2024-11-20'),
            sku: fc.constantFrom('Standard', 'DataZoneStandard'),
            capacity: fc.integer({ min: 1, max: 100 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
        (profile, deployments, consumers) => {
          const result = preflight(
            validInputs({
              contentFilterProfile: profile,
              deployments: deployments.map((d, n) => ({ ...d, name: `d${n}` })),
              consumerPrincipalIds: consumers,
            }),
            testPolicy,
            { now: NOW },
          );
          expect(result.problems).toEqual([]);
          expect(result.blocking).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
