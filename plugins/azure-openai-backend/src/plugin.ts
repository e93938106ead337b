import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  azureOpenAIPermissions,
  goldenPathOptions,
} from '@pavedai/plugin-azure-openai-common';
import {
  goldenPathPolicyVersion,
  readGoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-node';
import { registerAzureOpenAIActions } from './actions';
import { readAuditConfig } from './config';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { subscribeToGoldenPathEvents } from './events/goldenPathEvents';
import { auditPolicy } from './goldenPath/auditPolicy';
import { DatabaseGoldenPathStore } from './goldenPath/DatabaseGoldenPathStore';
import { evidenceWithDriftTracking } from './goldenPath/drift';
import { setUpGovernance } from './governance/setup';
import { azureOpenAIAuditSourcesExtensionPoint } from './extensions';
import { EntityLinker } from './linking/EntityLinker';
import { setUpNotifications } from './notifications/setUpNotifications';
import { ScanService } from './scan/ScanService';
import { createAzureSources } from './sources/azureSources';
import { createPostureAccess } from './service/access';
import { PostureService } from './service/PostureService';
import { createRouter } from './service/router';
import type { AccountSource, EvidenceSource, PolicySource } from './types';

/** Stable id of the scheduled fleet scan task. */
export const SCAN_TASK_ID = 'azure-openai-audit-scan';

/**
 * The Azure OpenAI audit plugin: scheduled and on-demand scans, persistence, REST API at
 * `/api/azure-openai`.
 *
 * @public
 */
export const azureOpenAIPlugin = createBackendPlugin({
  pluginId: 'azure-openai',
  register(env) {
    const sources: {
      account?: AccountSource;
      evidence?: EvidenceSource;
      policy?: PolicySource;
    } = {};
    const setOnce = <K extends keyof typeof sources>(
      key: K,
      value: (typeof sources)[K],
    ) => {
      if (sources[key]) {
        throw new Error(`The azure-openai ${key} source was already set`);
      }
      sources[key] = value;
    };
    env.registerExtensionPoint(azureOpenAIAuditSourcesExtensionPoint, {
      setAccountSource: source => setOnce('account', source),
      setEvidenceSource: source => setOnce('evidence', source),
      setPolicySource: source => setOnce('policy', source),
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, scheduler, httpRouter } = deps;
        deps.permissionsRegistry.addPermissions(azureOpenAIPermissions);
        const config = readAuditConfig(deps.rootConfig);
        // Read (and validated) at start, so a malformed policy stops the backend with a clear error.
        const configPolicy = readGoldenPathPolicy(deps.rootConfig);
        const policySource: PolicySource = sources.policy ?? {
          getPolicy: async () => configPolicy,
        };
        // Without a module that sets its own, discovery and evidence come from Azure.
        const azure =
          sources.account && sources.evidence
            ? undefined
            : createAzureSources(deps.rootConfig, logger);

        const store = await DatabaseAuditStore.create({
          database: deps.database,
        });
        // Latest raw evidence per account and golden-path provenance (impact previews, fleet).
        const goldenPathStore = await DatabaseGoldenPathStore.create({
          database: deps.database,
        });
        const linker = EntityLinker.create({
          catalog: deps.catalog,
          auth: deps.auth,
        });
        // Owners hear about regressions after each scan, and about expiring waivers daily.
        const notifications = await setUpNotifications({
          ...deps,
          linker,
          audit: store,
        });
        // Waivers and attestations; approvals, revocations, attestations and expiry rescan
        // (through the scan service created next).
        const scanner: { current?: ScanService } = {};
        const governance = await setUpGovernance({
          ...deps,
          linker,
          nonWaivableControls: async () => [
            ...config.nonWaivableControls,
            ...((await policySource.getPolicy()).nonWaivableControls ?? []),
          ],
          requestScan: async request => {
            await scanner.current?.requestScan({
              trigger: 'manual',
              requestedBy: request.requestedBy,
              request: request.request,
              target: {
                type: 'accounts',
                entityRef: request.entityRef,
                resourceIds: request.resourceIds,
              },
            });
          },
        });
        const scans = ScanService.create({
          store,
          accountSource: sources.account ?? azure!.account,
          evidenceSource: sources.evidence ?? azure!.evidence,
          policySource,
          loadClaims: () => linker.loadAccountClaims(),
          logger,
          auditor: deps.auditor,
          config,
          governance: governance.service,
          onScanFinished: notifications.onScanFinished,
          // Evidence kept for impact previews; golden-path accounts' drift recorded with it.
          evidenceStore: evidenceWithDriftTracking({
            store: goldenPathStore,
            currentPolicy: () => policySource.getPolicy(),
            logger,
          }),
        });
        scanner.current = scans;

        deps.lifecycle.addShutdownHook(() => scans.shutdown());
        // Accounts the golden path provisions are scanned at once.
        await subscribeToGoldenPathEvents({
          events: deps.events,
          scans,
          logger,
          provenance: goldenPathStore,
        });
        // Scans a crashed replica left behind are failed once older than their timeout.
        await scans.failStaleScans();

        await scheduler.scheduleTask({
          id: SCAN_TASK_ID,
          ...config.schedule,
          scope: config.schedule.scope ?? 'global',
          fn: async (signal?: AbortSignal) => {
            await scans.runScheduledScan(signal);
          },
        });

        const postures = PostureService.create({ store, linker, logger });
        // Read-only actions for AI assistants (MCP), checked like the REST routes.
        registerAzureOpenAIActions({
          actionsRegistry: deps.actionsRegistry,
          access: createPostureAccess(deps.permissions),
          postures,
          store,
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store,
            postures,
            scans,
            linker,
            governance: governance.service,
            governanceReader: governance.store,
            goldenPath: {
              store: goldenPathStore,
              currentPolicy: () => policySource.getPolicy(),
              withAuditOverrides: policy => auditPolicy(policy, config),
              governance: () => governance.service.load(),
            },
            goldenPathOptions: async () => {
              const policy = await policySource.getPolicy();
              return goldenPathOptions(policy, goldenPathPolicyVersion(policy));
            },
          }),
        );
      },
    });
  },
});
