// @ts-check

/**
 * Drift of golden-path accounts: each field where a scan found an account different from what
 * the golden path would build from its recorded inputs, with the first scan that saw it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_openai_drift', table => {
    table.comment(
      'Differences between golden-path accounts and what the golden path would build for them, since the first scan that saw each',
    );
    table
      .string('account_id', 64)
      .notNullable()
      .references('id')
      .inTable('azure_openai_accounts')
      .onDelete('CASCADE')
      .comment('The account');
    table
      .string('drift_key', 64)
      .notNullable()
      .comment('SHA-256 (hex) of the lower-cased resource id and the field');
    table.text('resource').notNullable().comment('ARM id of the resource');
    table
      .text('field')
      .notNullable()
      .comment('JSON path in the resource body, or (missing)');
    table.text('desired').nullable().comment('JSON: the desired value');
    table.text('actual').nullable().comment('JSON: the value ARM showed');
    table
      .dateTime('since', { useTz: true })
      .notNullable()
      .comment('When the first scan that saw the difference collected it');
    table.string('since_scan_id', 64).notNullable().comment('That scan');
    table.primary(['account_id', 'drift_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_openai_drift');
};
