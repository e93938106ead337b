// @ts-check

/**
 * Golden-path maintenance: the latest raw evidence of each account (so a candidate policy can be
 * evaluated without calling ARM) and the provenance the golden path announced for the accounts
 * it provisioned.
 *
 * Evidence is stored gzip-compressed (JSON inside). The subscription-level part, which every
 * account of a subscription shares, is stored once per distinct content (keyed by its SHA-256)
 * instead of once per account.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_openai_subscription_evidence', table => {
    table.comment(
      'Subscription-level evidence, stored once per distinct content and shared by the accounts whose evidence refers to it',
    );
    table
      .string('hash', 64)
      .primary()
      .notNullable()
      .comment('SHA-256 (hex) of the uncompressed JSON');
    table
      .string('subscription_id', 64)
      .notNullable()
      .comment('Subscription id (lower case)');
    table
      .binary('evidence')
      .notNullable()
      .comment('gzip of the JSON of the SubscriptionEvidence');
    table
      .integer('raw_bytes')
      .notNullable()
      .comment('Size of the uncompressed JSON');
    table
      .dateTime('stored_at', { useTz: true })
      .notNullable()
      .comment('When this content was first stored');
  });

  await knex.schema.createTable('azure_openai_evidence', table => {
    table.comment(
      'The latest raw evidence of each account: what the evaluation of its latest successful collection read',
    );
    table
      .string('account_id', 64)
      .primary()
      .notNullable()
      .references('id')
      .inTable('azure_openai_accounts')
      .onDelete('CASCADE')
      .comment('The account');
    table
      .string('scan_id', 64)
      .notNullable()
      .comment('The scan that collected it');
    table
      .dateTime('collected_at', { useTz: true })
      .notNullable()
      .comment('When it was collected');
    table
      .binary('account_evidence')
      .notNullable()
      .comment('gzip of the JSON of the AccountEvidence');
    table
      .string('subscription_hash', 64)
      .nullable()
      .comment(
        'The azure_openai_subscription_evidence row of its subscription-level evidence',
      );
    table
      .integer('raw_bytes')
      .notNullable()
      .comment('Size of the uncompressed account evidence JSON');
    table
      .integer('stored_bytes')
      .notNullable()
      .comment('Size of the compressed account evidence');
    table.index(
      ['subscription_hash'],
      'azure_openai_evidence_subscription_idx',
    );
  });

  await knex.schema.createTable('azure_openai_provenance', table => {
    table.comment(
      'How an account came through the golden path, from the account.provisioned event of its latest run',
    );
    table
      .string('account_id', 64)
      .primary()
      .notNullable()
      .comment(
        'Opaque account id (sha256 of the lower-cased ARM id); no foreign key: the event may arrive before the first scan',
      );
    table.text('resource_id').notNullable().comment('ARM id of the account');
    table
      .string('template_ref', 255)
      .notNullable()
      .comment('Entity ref of the template');
    table
      .string('template_version', 64)
      .nullable()
      .comment('The template version annotation, if any');
    table.string('task_id', 255).notNullable().comment('Scaffolder task id');
    table
      .string('policy_version', 64)
      .nullable()
      .comment('Content hash of the effective golden-path policy applied');
    table
      .string('requested_by', 255)
      .nullable()
      .comment('Entity ref of the user who ran the template');
    table
      .text('inputs')
      .nullable()
      .comment('JSON: the inputs the run applied (ProvisionInputs)');
    table
      .dateTime('recorded_at', { useTz: true })
      .notNullable()
      .comment('When the audit received the event');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_openai_provenance');
  await knex.schema.dropTable('azure_openai_evidence');
  await knex.schema.dropTable('azure_openai_subscription_evidence');
};
