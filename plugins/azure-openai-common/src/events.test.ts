import { parseGoldenPathEvent } from './events';

const ACCOUNT =
  '/subscriptions/3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02/resourceGroups/rg-ai-golden-path/providers/Microsoft.CognitiveServices/accounts/aoai-payments';

describe('parseGoldenPathEvent', () => {
  it('accepts an account.provisioned event and trims the account id', () => {
    const event = {
      type: 'account.provisioned',
      accountId: `${ACCOUNT}/`,
      entityRef: 'resource:default/aoai-payments',
      owner: 'group:default/team-payments',
      system: 'payments',
      requestedBy: 'user:default/dev',
    };
    expect(parseGoldenPathEvent(event)).toEqual({
      kind: 'account.provisioned',
      event: { ...event, accountId: ACCOUNT },
    });
  });

  it('keeps the provenance of the run: template, versions and applied inputs', () => {
    const parsed = parseGoldenPathEvent({
      type: 'account.provisioned',
      accountId: ACCOUNT,
      entityRef: 'resource:default/aoai-x',
      owner: 'group:default/team-chat',
      system: 'chat',
      taskId: 'task-1',
      templateRef: 'template:default/secure-azure-openai-account',
      templateVersion: '1.2.0',
      policyVersion: '0123456789abcdef',
      inputs: { accountName: 'aoai-x', region: 'swedencentral' },
    });
    expect(parsed).toMatchObject({
      kind: 'account.provisioned',
      event: {
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.2.0',
        policyVersion: '0123456789abcdef',
        inputs: { accountName: 'aoai-x', region: 'swedencentral' },
      },
    });
  });

  it('tells other event types apart from malformed payloads', () => {
    expect(
      parseGoldenPathEvent({ type: 'deployment.added', accountId: ACCOUNT }),
    ).toEqual({ kind: 'other', type: 'deployment.added' });
  });

  it.each([
    ['no object', 'garbage', /not an object/],
    ['no type', { accountId: ACCOUNT }, /type is missing/],
    ['no account id', { type: 'account.provisioned' }, /accountId undefined/],
    [
      'an id of another resource type',
      {
        type: 'account.provisioned',
        accountId: ACCOUNT.replace('CognitiveServices/accounts', 'Web/sites'),
      },
      /not the ARM id of a Microsoft.CognitiveServices\/accounts resource/,
    ],
    [
      'a requester that is no string',
      { type: 'account.provisioned', accountId: ACCOUNT, requestedBy: 7 },
      /requestedBy is not a string/,
    ],
    [
      'a policy version that is no string',
      { type: 'account.provisioned', accountId: ACCOUNT, policyVersion: 1 },
      /policyVersion is not a string/,
    ],
    [
      'inputs that are no object',
      { type: 'account.provisioned', accountId: ACCOUNT, inputs: ['a'] },
      /inputs is not an object/,
    ],
  ])('refuses a payload with %s', (_, payload, problem) => {
    const parsed = parseGoldenPathEvent(payload);
    expect(parsed.kind).toBe('malformed');
    expect(parsed.kind === 'malformed' && parsed.problem).toMatch(problem);
  });
});
