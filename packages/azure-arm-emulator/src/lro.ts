import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from './clock';
import { subscriptionOf } from './ids';
import type { ArmResource, EmulatorState } from './state';

/** The phases an operation walks through. */
export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

/** One long-running operation. */
export interface Operation {
  id: string;
  namespace: string;
  location: string;
  resourceId: string;
  action: 'create' | 'update' | 'delete';
  apiVersion: string;
  startedAt: number;
  status: OperationStatus;
  endedAt?: number;
  /** Set when the operation is configured to fail. */
  failure?: { code: string; message: string };
  /** Runs once when the operation succeeds (e.g. soft delete, side effects). */
  onSucceeded?: () => void;
}

/** Finished operations kept for status queries (oldest are forgotten first). */
const MAX_REMEMBERED = 10_000;

const RUNNING_STATE = {
  create: 'Creating',
  update: 'Updating',
  delete: 'Deleting',
} as const;

/** Options of long-running operations. @public */
export interface LroOptions {
  /**
   * Milliseconds per phase: a resource is `Accepted` for one step, then
   * `Creating` (or `Deleting`) for one step, then terminal. 0 finishes on
   * the first poll. Default 0 for the library, 1000 for the CLI.
   */
  stepMs?: number;
}

/**
 * Tracks long-running operations and moves their resources'
 * `provisioningState` on the emulator clock.
 */
export class LroManager {
  private readonly ops = new Map<string, Operation>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: EmulatorClock,
    readonly stepMs: number,
    private readonly publicBaseUrl: string,
  ) {}

  /** Starts an operation on a resource already stored with `Accepted`. */
  begin(op: Omit<Operation, 'id' | 'startedAt' | 'status'>): Operation {
    const full: Operation = {
      ...op,
      id: randomUUID(),
      startedAt: this.clock.now(),
      status: 'InProgress',
    };
    this.ops.set(full.id, full);
    this.pending.add(full.id);
    this.prune();
    return full;
  }

  /** Forgets the oldest finished operations beyond {@link MAX_REMEMBERED}. */
  private prune(): void {
    if (this.ops.size <= MAX_REMEMBERED) {
      return;
    }
    for (const [id] of this.ops) {
      if (this.ops.size <= MAX_REMEMBERED) {
        break;
      }
      if (!this.pending.has(id)) {
        this.ops.delete(id);
      }
    }
  }

  get(id: string): Operation | undefined {
    return this.ops.get(id.toLowerCase()) ?? this.ops.get(id);
  }

  /** Any unfinished operation on `resourceId` or below it. */
  pendingUnder(resourceId: string): Operation | undefined {
    const prefix = resourceId.toLowerCase();
    for (const id of this.pending) {
      const op = this.ops.get(id)!;
      const rid = op.resourceId.toLowerCase();
      if (rid === prefix || rid.startsWith(`${prefix}/`)) {
        return op;
      }
    }
    return undefined;
  }

  /** Moves every pending operation to the phase the clock says. */
  settle(): void {
    const now = this.clock.now();
    for (const id of [...this.pending]) {
      const op = this.ops.get(id)!;
      const elapsed = now - op.startedAt;
      const resource = this.state.get(op.resourceId);
      if (elapsed < 2 * this.stepMs) {
        if (resource && elapsed >= this.stepMs) {
          setProvisioningState(resource, RUNNING_STATE[op.action]);
        }
        continue;
      }
      this.pending.delete(id);
      op.endedAt = now;
      if (op.failure) {
        op.status = 'Failed';
        if (resource) {
          setProvisioningState(resource, 'Failed');
        }
        continue;
      }
      op.status = 'Succeeded';
      if (resource && op.action !== 'delete') {
        setProvisioningState(resource, 'Succeeded');
      }
      op.onSucceeded?.();
    }
  }

  /** The `Azure-AsyncOperation`, `Location` and `Retry-After` headers of an operation. */
  headers(op: Operation): Record<string, string> {
    const base = `${this.publicBaseUrl}/subscriptions/${subscriptionOf(
      op.resourceId,
    )}/providers/${op.namespace}/locations/${op.location}`;
    const q = `api-version=${encodeURIComponent(op.apiVersion)}`;
    return {
      'Azure-AsyncOperation': `${base}/operationStatuses/${op.id}?${q}`,
      Location: `${base}/operationResults/${op.id}?${q}`,
      'Retry-After': String(Math.ceil(this.stepMs / 1000)),
    };
  }

  /** The ARM operation status body. */
  statusBody(op: Operation): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: `/subscriptions/${subscriptionOf(op.resourceId)}/providers/${
        op.namespace
      }/locations/${op.location}/operationStatuses/${op.id}`,
      name: op.id,
      status: op.status,
      startTime: new Date(op.startedAt).toISOString(),
    };
    if (op.endedAt !== undefined) {
      body.endTime = new Date(op.endedAt).toISOString();
      body.percentComplete = 100;
    }
    if (op.status === 'Failed' && op.failure) {
      body.error = { ...op.failure };
    }
    return body;
  }

  clear(): void {
    this.ops.clear();
    this.pending.clear();
  }
}

/** Sets `properties.provisioningState` on a stored body. */
export function setProvisioningState(resource: ArmResource, value: string) {
  resource.properties = resource.properties ?? {};
  resource.properties.provisioningState = value;
}
