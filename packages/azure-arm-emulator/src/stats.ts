/**
 * Call counts of one operation.
 *
 * @public
 */
export interface OperationStats {
  /** Calls of the operation. */
  total: number;
  /** Calls per HTTP status, e.g. `{ "200": 3, "429": 1 }`. */
  byStatus: Record<string, number>;
}

/**
 * What the emulator counted since start or the last reset.
 *
 * @public
 */
export interface EmulatorStats {
  /** Every request, served or not. */
  totalRequests: number;
  /** Per spec operation id, e.g. `Accounts_ListKeys`. */
  byOperation: Record<string, OperationStats>;
  /** 429 answers (buckets and throttling storms). */
  throttled: number;
  /** Faults fired. */
  faultsInjected: number;
  /** Bytes of request bodies received. */
  bytesIn: number;
  /** Bytes of response bodies sent. */
  bytesOut: number;
}

/** Mutable stats counters. */
export class StatsRecorder {
  private data: EmulatorStats = empty();

  record(
    operationId: string,
    status: number,
    bytesIn: number,
    bytesOut: number,
  ) {
    const d = this.data;
    d.totalRequests += 1;
    d.bytesIn += bytesIn;
    d.bytesOut += bytesOut;
    const op = (d.byOperation[operationId] ??= { total: 0, byStatus: {} });
    op.total += 1;
    op.byStatus[String(status)] = (op.byStatus[String(status)] ?? 0) + 1;
    if (status === 429) {
      d.throttled += 1;
    }
  }

  fault(): void {
    this.data.faultsInjected += 1;
  }

  snapshot(): EmulatorStats {
    return JSON.parse(JSON.stringify(this.data));
  }

  reset(): void {
    this.data = empty();
  }
}

function empty(): EmulatorStats {
  return {
    totalRequests: 0,
    byOperation: {},
    throttled: 0,
    faultsInjected: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
}
