import type {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { EntityLinker } from '../linking/EntityLinker';
import { readGovernanceConfig } from './config';
import { DatabaseGovernanceStore } from './DatabaseGovernanceStore';
import {
  GovernanceService,
  type GovernanceScanRequest,
} from './GovernanceService';

/** Stable id of the task that records expired waivers and attestations. */
export const GOVERNANCE_EXPIRY_TASK_ID = 'azure-openai-governance-expiry';

/**
 * Reads `azureOpenAI.governance`, opens the store, creates the service and schedules the expiry
 * task (every 15 minutes across replicas): expired waivers and attestations are recorded and
 * their accounts rescanned, so postures stop counting them without waiting for the fleet scan.
 */
export async function setUpGovernance(options: {
  rootConfig: RootConfigService;
  database: DatabaseService;
  auditor: AuditorService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auth: AuthService;
  linker: EntityLinker;
  /** Non-waivable control ids from `azureOpenAI.audit` and the golden-path policy. */
  nonWaivableControls: () => Promise<readonly string[]>;
  requestScan: (request: GovernanceScanRequest) => Promise<void>;
}): Promise<{ store: DatabaseGovernanceStore; service: GovernanceService }> {
  const { auth, linker, logger } = options;
  const config = readGovernanceConfig(options.rootConfig);
  const store = await DatabaseGovernanceStore.create({
    database: options.database,
  });
  const service = GovernanceService.create({
    store,
    config,
    auditor: options.auditor,
    logger,
    nonWaivableControls: options.nonWaivableControls,
    resolveEntityAccounts: async entityRef => {
      const linked = await linker.resolveEntityAccounts(
        entityRef,
        await auth.getOwnServiceCredentials(),
      );
      return linked?.accounts.map(a => a.resourceId) ?? [];
    },
    requestScan: options.requestScan,
  });
  await options.scheduler.scheduleTask({
    id: GOVERNANCE_EXPIRY_TASK_ID,
    frequency: { minutes: 15 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      try {
        const expired = await service.expireDue();
        const count = expired.waivers.length + expired.attestations.length;
        if (count > 0) {
          logger.info('Recorded expired waivers and attestations', {
            waivers: expired.waivers.length,
            attestations: expired.attestations.length,
          });
        }
      } catch (error) {
        logger.warn('Could not record expired waivers and attestations', {
          error: stringifyError(error),
        });
      }
    },
  });
  return { store, service };
}
