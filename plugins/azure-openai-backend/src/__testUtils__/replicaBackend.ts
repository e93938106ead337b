/*
 * One audit backend replica in its own operating-system process, for replicas.process.test.ts.
 * Started by `startReplicaProcess` (below) with
 * `node --require @backstage/cli/config/nodeTransform.cjs replicaBackend.ts '<json args>'`.
 *
 * What is real: `createBackend()` of @backstage/backend-defaults with its default services (the
 * database service on the PostgreSQL the parent names, the scheduler with its task locks in that
 * database, the root HTTP router listening on an ephemeral loopback port), the audit plugin as
 * the backend installs it, and its Azure access (the Azure SDK over HTTP to the parent's ARM
 * emulator, with a static token, which the plugin only allows for a loopback URL).
 *
 * What is replaced, test-only: the catalog (a service factory with the fixed entities the parent
 * passes, so that no catalog backend has to be installed and processed before a scan can link
 * accounts to entities), auth and HTTP auth (`mockServices`: a request without a token is the
 * default mock user, so the test calls routes without signing in), permissions (allow all: the
 * routes' checks are tested elsewhere) and notifications (dropped: no notifications backend runs
 * here).
 *
 * The child tells the parent its port over IPC (`{ type: 'listening', port }`) once the backend
 * has started, and exits when the parent's IPC channel closes, so it never outlives the test.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork, type ChildProcess } from 'node:child_process';
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createFakeCatalog } from '../testUtils/fakeCatalog';

/** What the parent passes as the only argument (JSON). */
export interface ReplicaBackendArgs {
  /** `backend.database`: the shared PostgreSQL. */
  database: JsonObject;
  /** URL of the ARM emulator the audit's Azure SDK calls. */
  emulatorUrl: string;
  /** `azureOpenAI.audit` (schedule, concurrency, ...). */
  audit: JsonObject;
  /** `azureOpenAI.azure.concurrency` (ARM calls in flight). */
  armConcurrency?: { total: number; perSubscription: number };
  /** The catalog's entities. */
  entities: Entity[];
}

/** What the child sends to the parent. */
export interface ReplicaBackendMessage {
  type: 'listening';
  port: number;
}

async function main() {
  const args: ReplicaBackendArgs = JSON.parse(process.argv[2]);
  // Never outlive the parent (the test runner), even when it is killed.
  process.on('disconnect', () => process.exit(1));

  let server: Server | undefined;
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: 'http://127.0.0.1',
          listen: { host: '127.0.0.1', port: 0 },
          database: args.database,
        },
        events: { useEventBus: 'never' },
        azureOpenAI: {
          azure: {
            credential: { kind: 'staticToken', token: 'replica-test' },
            resourceManagerUrl: args.emulatorUrl,
            ...(args.armConcurrency
              ? { concurrency: args.armConcurrency }
              : {}),
          },
          audit: args.audit,
        },
      },
    }),
  );
  backend.add(
    rootHttpRouterServiceFactory({
      configure: context => {
        server = context.server;
        context.applyDefaults();
      },
    }),
  );
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
  );
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => createFakeCatalog(args.entities),
    }),
  );
  backend.add(
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({ send: async () => {} }),
    }),
  );
  backend.add(import('../index'));
  await backend.start();

  const message: ReplicaBackendMessage = {
    type: 'listening',
    port: (server!.address() as AddressInfo).port,
  };
  process.send!(message);
}

/** A replica process started by {@link startReplicaProcess}. */
export interface ReplicaProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>/api/azure-openai` */
  baseUrl: string;
  /** Everything the process wrote (for failure messages). */
  output(): string;
  /** SIGKILL: the process dies at once, mid-request and mid-transaction. */
  kill(): Promise<void>;
  /** SIGTERM: the backend's graceful shutdown. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => child.once('exit', () => resolve()));
}

/** Starts {@link main} in a child process and resolves once its backend listens. */
export function startReplicaProcess(
  args: ReplicaBackendArgs,
): Promise<ReplicaProcess> {
  const child = fork(__filename, [JSON.stringify(args)], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // As a deployed backend runs: under Jest's NODE_ENV=test the scheduler starts no janitor,
    // which is what frees the lock of a run whose process died.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const replica = (port: number): ReplicaProcess => ({
    child,
    baseUrl: `http://127.0.0.1:${port}/api/azure-openai`,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: ReplicaBackendMessage) => {
      // @backstage/cli's transform also reports the files it loads ({ type: 'watch' })
      if (m?.type === 'listening') resolve(replica(m.port));
    });
    child.once('exit', code =>
      reject(
        new Error(
          `The replica process exited (${code}) before listening:\n${output}`,
        ),
      ),
    );
  });
}

if (require.main === module) {
  main().catch(error => {
    // eslint-disable-next-line no-console
    console.error(error);
    process.exit(1);
  });
}
