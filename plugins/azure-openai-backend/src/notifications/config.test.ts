import { ConfigReader } from '@backstage/config';
import { isAtLeast, readNotificationConfig } from './config';

describe('readNotificationConfig', () => {
  const read = (governance: object) =>
    readNotificationConfig(new ConfigReader({ azureOpenAI: { governance } }));

  it('defaults to enabled, high and 7 days', () => {
    expect(readNotificationConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      minimumSeverity: 'high',
      expiryWarningDays: 7,
    });
  });

  it('reads the keys', () => {
    expect(
      read({
        notifications: { enabled: false, minimumSeverity: 'medium' },
        waivers: { expiryWarningDays: 14 },
      }),
    ).toEqual({
      enabled: false,
      minimumSeverity: 'medium',
      expiryWarningDays: 14,
    });
  });

  it('names the key and the accepted values of a malformed value', () => {
    expect(() =>
      read({ notifications: { minimumSeverity: 'urgent' } }),
    ).toThrow(
      "Invalid config azureOpenAI.governance.notifications.minimumSeverity: expected one of critical, high, medium, low, got 'urgent'",
    );
    expect(() => read({ waivers: { expiryWarningDays: 0 } })).toThrow(
      'Invalid config azureOpenAI.governance.waivers.expiryWarningDays: expected a positive whole number of days, got 0',
    );
  });

  it('orders severities', () => {
    expect(isAtLeast('critical', 'high')).toBe(true);
    expect(isAtLeast('high', 'high')).toBe(true);
    expect(isAtLeast('medium', 'high')).toBe(false);
  });
});
