import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject, JsonValue } from '@backstage/types';

/**
 * What the scaffolder stores for a task's checkpoints, shared between runs of the same task
 * (a retry or a recovery) as the database task store does.
 */
export class CheckpointStore {
  readonly values = new Map<
    string,
    { status: 'success' | 'failed'; value?: JsonValue }
  >();

  /** The keys stored successfully. */
  successKeys(): string[] {
    return [...this.values]
      .filter(([, v]) => v.status === 'success')
      .map(([k]) => k);
  }
}

/**
 * An action context like the scaffolder's runner builds (scaffolder-backend 4.x): checkpoints are
 * read from the state as it was when the step started and written through to the store, outputs
 * are collected, `isDryRun`, `signal`, `task` and `user` can be set.
 */
export function createMockActionContext(options: {
  input: JsonObject;
  store?: CheckpointStore;
  isDryRun?: boolean;
  signal?: AbortSignal;
  taskId?: string;
  /** Called with every log line as it is written. */
  onLog?: (line: string) => void;
  workspacePath?: string;
}) {
  const store = options.store ?? new CheckpointStore();
  const previous = new Map(store.values);
  const outputs: Record<string, unknown> = {};
  const logs: string[] = [];
  const logger = mockServices.logger.mock();
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    logger[level].mockImplementation((message: string) => {
      logs.push(`${level}: ${message}`);
      options.onLog?.(message);
    });
  }
  const ctx = {
    input: options.input,
    logger,
    workspacePath: options.workspacePath ?? '/nonexistent-workspace',
    isDryRun: options.isDryRun,
    signal: options.signal,
    task: { id: options.taskId ?? 'task-1' },
    templateInfo: {
      entityRef: 'template:default/secure-azure-openai-account',
      entity: {
        metadata: {
          name: 'secure-azure-openai-account',
          annotations: { 'pavedai.dev/template-version': '1.0.0' },
        },
      },
    },
    user: { ref: 'user:default/guest' },
    secrets: {},
    output(name: string, value: unknown) {
      outputs[name] = value;
    },
    async checkpoint<T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      const prev = previous.get(opts.key);
      if (prev?.status === 'success') return prev.value as T;
      try {
        const value = await opts.fn();
        store.values.set(opts.key, {
          status: 'success',
          value: (value ?? {}) as JsonValue,
        });
        return value;
      } catch (error) {
        store.values.set(opts.key, { status: 'failed' });
        throw error;
      }
    },
    createTemporaryDirectory: async () => '/tmp/unused',
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials' as const,
      principal: { type: 'user' as const, userEntityRef: 'user:default/guest' },
    }),
  };
  return { ctx, outputs, logs, store };
}
