/**
 * Audit plugin for the Azure OpenAI golden path: scans, persistence and the REST API.
 *
 * @packageDocumentation
 */

export type * from './types';
export type { AuditStore } from './database/AuditStore';
export { DatabaseAuditStore } from './database/DatabaseAuditStore';
