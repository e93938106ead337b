import { parseArgs, parseDuration } from './cli';

describe('CLI arguments', () => {
  it('parses every option', () => {
    const opts = parseArgs([
      '--port',
      '0',
      '--preset',
      'demo',
      '--latency',
      '10-50ms',
      '--lro-step',
      '2s',
      '--page-size',
      '5',
      '--reads',
      '100/10',
      '--writes',
      '20/2',
      '--deletes',
      '30/3',
      '--fleet',
      'accounts=50,subscriptions=3,seed=9',
      '--fault',
      '{"kind":"error","status":503,"rate":0.1}',
      '--state-file',
      '/tmp/s.json',
      '--public-base-url',
      'http://x',
    ]);
    expect(opts).toMatchObject({
      port: 0,
      preset: 'demo',
      latencyMs: { min: 10, max: 50 },
      lro: { stepMs: 2000 },
      pageSize: 5,
      throttling: {
        reads: { burst: 100, perSecond: 10 },
        writes: { burst: 20, perSecond: 2 },
        deletes: { burst: 30, perSecond: 3 },
      },
      fleet: { accounts: 50, subscriptions: 3, seed: 9 },
      faults: [{ kind: 'error', status: 503, rate: 0.1 }],
      stateFile: '/tmp/s.json',
      publicBaseUrl: 'http://x',
    });
    expect(parseArgs(['--no-throttling']).throttling).toEqual({
      enabled: false,
    });
    expect(parseArgs([]).lro).toEqual({ stepMs: 1000 });
    expect(parseArgs(['--log']).onRequest).toEqual(expect.any(Function));
  });

  it('parses durations', () => {
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('15')).toBe(15);
  });

  it.each([
    [['--port', 'x'], /--port/],
    [['--preset', 'prod'], /Unknown preset/],
    [['--latency', 'soon'], /Invalid duration/],
    [['--reads', '250'], /Invalid bucket/],
    [['--fault', '{bad'], /JSON fault rule/],
    [['--bogus'], /Unknown option/],
    [['--port'], /needs a value/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv as string[])).toThrow(message);
  });
});
