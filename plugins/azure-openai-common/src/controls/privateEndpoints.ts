import type { ControlInput, EvidenceRead } from '../types';
import type { JsonObject } from '../engine/json';
import {
  Read,
  accountRead,
  connectionStatus,
  privateEndpointConnections,
  readAccount,
} from './helpers';

/** The account's private endpoint connections and the evidence read of them. */
export interface EndpointConnections {
  /** The connections embedded in the account body. */
  connections: JsonObject[];
  /** One read of `properties.privateEndpointConnections` with the given expectation. */
  evidence: EvidenceRead[];
}

/** Reads the account body and its private endpoint connections. */
export function readEndpointConnections(
  input: ControlInput,
  expected: string,
): Read<EndpointConnections> {
  const read = readAccount(input);
  if (!read.ok) return read;
  return {
    ok: true,
    value: {
      connections: privateEndpointConnections(read.value),
      evidence: [
        accountRead(
          read.value,
          'properties.privateEndpointConnections',
          expected,
        ),
      ],
    },
  };
}

/** Connection status for messages: the lower-cased status, or `no status`. */
export function connectionStatusLabel(connection: JsonObject): string {
  return connectionStatus(connection) || 'no status';
}
