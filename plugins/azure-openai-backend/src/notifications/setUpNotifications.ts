import type {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Scan } from '@pavedai/plugin-azure-openai-common';
import type { AuditStore } from '../database/AuditStore';
import { DatabaseGoldenPathStore } from '../goldenPath/DatabaseGoldenPathStore';
import { DatabaseGovernanceStore } from '../governance';
import type { AccountClaim, EntityLinker } from '../linking/EntityLinker';
import { readNotificationConfig } from './config';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { ExpiryNotifier } from './ExpiryNotifier';
import { PostureNotifier } from './PostureNotifier';
import { createScopeOwnerResolver } from './scopeOwners';

/** Stable id of the daily task that sends waiver and attestation expiry notices. */
export const EXPIRY_NOTICES_TASK_ID = 'azure-openai-expiry-notices';

/**
 * Wires the owner notifications: reads `azureOpenAI.governance.notifications`, schedules the
 * daily expiry notices (global scope: one replica runs it) and returns the hook the scan service
 * calls after every scan (posture regressions and golden-path drift not notified yet). Nothing is scheduled and the hook does nothing when
 * `enabled` is false.
 */
export async function setUpNotifications(options: {
  rootConfig: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  linker: EntityLinker;
  audit: AuditStore;
  logger: LoggerService;
}): Promise<{
  onScanFinished: (
    scan: Scan,
    context: { claims: ReadonlyMap<string, AccountClaim> },
  ) => Promise<void>;
}> {
  const config = readNotificationConfig(options.rootConfig);
  if (!config.enabled) {
    options.logger.info('Azure OpenAI owner notifications are disabled');
    return { onScanFinished: async () => {} };
  }
  const logger = options.logger.child({ component: 'notifications' });
  const store = await DatabaseNotificationStore.create({
    database: options.database,
  });
  const postures = PostureNotifier.create({
    store,
    // golden-path accounts' owners also hear when drift appears
    drift: await DatabaseGoldenPathStore.create({ database: options.database }),
    notifications: options.notifications,
    config,
    logger,
  });
  const expiry = ExpiryNotifier.create({
    governance: await DatabaseGovernanceStore.create({
      database: options.database,
    }),
    store,
    notifications: options.notifications,
    resolveOwner: createScopeOwnerResolver(options),
    config,
    logger,
  });
  await options.scheduler.scheduleTask({
    id: EXPIRY_NOTICES_TASK_ID,
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      const sent = await expiry.run();
      logger.info('Sent Azure OpenAI expiry notices', { ...sent });
    },
  });
  return {
    onScanFinished: async (scan, context) => {
      const outcome = await postures.notifyScan(scan.id, context.claims);
      if (
        outcome.sent > 0 ||
        outcome.driftSent > 0 ||
        outcome.withoutOwner > 0
      ) {
        logger.info('Sent Azure OpenAI posture notifications', {
          scanId: scan.id,
          ...outcome,
        });
      }
    },
  };
}
