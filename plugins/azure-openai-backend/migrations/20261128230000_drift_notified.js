// @ts-check

/**
 * Golden-path drift notifications that failed are retried: each drift item remembers when its
 * owner was told (or found to have no owner). Items without it are sent after the next scan
 * while the drift persists. Drift recorded before this migration was handled by the previous
 * rule (one attempt at the scan that saw it first), so it counts as told.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('azure_openai_drift', table => {
    table
      .dateTime('notified_at', { useTz: true })
      .nullable()
      .comment(
        'When the owner was told about this difference (or it had no owner); null: not yet, retried after the next scan',
      );
  });
  await knex('azure_openai_drift').update({ notified_at: knex.ref('since') });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('azure_openai_drift', table => {
    table.dropColumn('notified_at');
  });
};
