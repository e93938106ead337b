import type { EmulatorClock } from './clock';
import type { FaultRegistry } from './faults';
import type { LroManager } from './lro';
import type { Random } from './random';
import type { EmulatorState } from './state';

/** Options every handler may read. */
export interface HandlerOptions {
  /** Page size of ARM list operations. */
  pageSize: number;
  /** The origin written into `nextLink` and operation URLs. */
  publicBaseUrl: string;
}

/** What the request pipeline gives each handler. */
export interface HandlerContext {
  method: string;
  /** The decoded request path (no query). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined. */
  body: any;
  apiVersion: string;
  operationId: string;
  /** The caller, read from the bearer token. */
  caller: string;
  requestId: string;
  state: EmulatorState;
  clock: EmulatorClock;
  lro: LroManager;
  faults: FaultRegistry;
  random: Random;
  options: HandlerOptions;
}

/** What a handler answers. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
