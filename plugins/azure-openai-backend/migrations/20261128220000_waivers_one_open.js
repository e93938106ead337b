// @ts-check

const { randomUUID } = require('node:crypto');

const WAIVERS = 'azure_openai_waivers';
const EVENTS = 'azure_openai_governance_events';
const INDEX = 'azure_openai_waivers_one_open_idx';
const OPEN = ['requested', 'approved'];

/**
 * At most one open (requested or approved) waiver per control and scope, enforced by the
 * database: a partial unique index, so two concurrent requests cannot both insert one.
 *
 * Rows that would break the index are settled first, with the history event a person would have
 * caused: open waivers whose expiry has passed are marked `expired` (as the expiry task does),
 * and of the open waivers left for the same control and scope (duplicates from that race) the
 * approved one, else the oldest request, is kept and the others are marked `revoked` by
 * `system`, naming the waiver kept. Nothing is deleted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const now = new Date();
  /** @param {any} row @param {string} kind @param {Record<string, string>} details */
  const event = (row, kind, details) => ({
    id: randomUUID(),
    kind,
    actor: 'system',
    at: now,
    control_id: row.control_id,
    scope_type: row.scope_type,
    scope_key: row.scope_key,
    scope_value: row.scope_value,
    waiver_id: row.id,
    attestation_id: null,
    details: JSON.stringify(details),
  });
  // Groups with more than one open waiver only: elsewhere nothing changes.
  const groups = await knex(WAIVERS)
    .whereIn('status', OPEN)
    .groupBy('scope_key', 'control_id')
    .havingRaw('count(*) > 1')
    .select('scope_key', 'control_id');
  for (const group of groups) {
    const rows = await knex(WAIVERS)
      .whereIn('status', OPEN)
      .where({ scope_key: group.scope_key, control_id: group.control_id })
      .orderBy('requested_at', 'asc')
      .orderBy('id', 'asc');
    const live = [];
    for (const row of rows) {
      if (new Date(toTime(row.expires_at)) <= now) {
        await knex(WAIVERS).where({ id: row.id }).update({ status: 'expired' });
        await knex(EVENTS).insert(
          event(row, 'waiver.expired', {
            expiresAt: new Date(toTime(row.expires_at)).toISOString(),
            previousStatus: row.status,
          }),
        );
      } else {
        live.push(row);
      }
    }
    const kept = live.find(r => r.status === 'approved') ?? live[0];
    for (const row of live) {
      if (row === kept) continue;
      await knex(WAIVERS)
        .where({ id: row.id })
        .update({ status: 'revoked', revoked_by: 'system', revoked_at: now });
      await knex(EVENTS).insert(
        event(row, 'waiver.revoked', {
          previousStatus: row.status,
          comment: `Duplicate of waiver ${kept.id}, open for the same control and scope`,
        }),
      );
    }
  }
  await knex.raw(
    `CREATE UNIQUE INDEX ${INDEX} ON ${WAIVERS} (scope_key, control_id) WHERE status IN ('requested', 'approved')`,
  );
};

/**
 * SQLite hands back dates as epoch milliseconds (a number or a string of digits), PostgreSQL as
 * a Date.
 *
 * @param {unknown} value
 */
function toTime(value) {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'number') return value;
  return new Date(/** @type {string | Date} */ (value)).getTime();
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX IF EXISTS ${INDEX}`);
};
