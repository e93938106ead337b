import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';

/** A notification service that records what it is asked to send; `fail` makes `send` throw. */
export class RecordingNotificationService implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  fail?: Error;
  /** Every call of `send`, failed ones included (never cleared). */
  attempts = 0;

  async send(options: NotificationSendOptions): Promise<void> {
    this.attempts += 1;
    if (this.fail) throw this.fail;
    this.sent.push(options);
  }

  /** Forgets what was sent so far. */
  clear(): void {
    this.sent.length = 0;
  }
}
