import { emulatorPipelinePolicy } from './clientPolicy';

describe('emulatorPipelinePolicy', () => {
  it('sends ARM requests to the emulator for one send and restores the request afterwards', async () => {
    const policy = emulatorPipelinePolicy('http://127.0.0.1:7071');
    const request = {
      url: 'https://management.azure.com/subscriptions/s?api-version=1',
      allowInsecureConnection: false,
    };
    const seen: Array<{ url: string; insecure?: boolean }> = [];
    await policy.sendRequest(request, async r => {
      seen.push({ url: r.url, insecure: r.allowInsecureConnection });
      return { status: 200 };
    });
    expect(seen).toEqual([
      {
        url: 'http://127.0.0.1:7071/subscriptions/s?api-version=1',
        insecure: true,
      },
    ]);
    expect(request).toEqual({
      url: 'https://management.azure.com/subscriptions/s?api-version=1',
      allowInsecureConnection: false,
    });
  });

  it('leaves other origins alone and restores the URL when the send fails', async () => {
    const policy = emulatorPipelinePolicy('http://127.0.0.1:7071');
    const other = { url: 'https://login.microsoftonline.com/x' };
    await policy.sendRequest(other, async r => {
      expect(r.url).toBe('https://login.microsoftonline.com/x');
      return {};
    });
    const arm = { url: 'https://management.azure.com/x' };
    await expect(
      policy.sendRequest(arm, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(arm.url).toBe('https://management.azure.com/x');
  });
});
