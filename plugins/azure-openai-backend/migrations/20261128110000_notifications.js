// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_openai_notification_accounts', table => {
    table.comment(
      'Per account: the last scan result the posture notifier processed, and its grade',
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
      .bigInteger('result_id')
      .notNullable()
      .comment(
        'The newest result processed; older or equal results are skipped (replicas, retries)',
      );
    table
      .string('grade', 1)
      .notNullable()
      .comment('Grade of that result, to detect a grade drop');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the result was processed');
  });

  await knex.schema.createTable('azure_openai_notification_failures', table => {
    table.comment(
      'Controls that fail and that the notifier already knows (notified, or failing when first seen); a control is notified again only after it was fine in between',
    );
    table
      .string('account_id', 64)
      .notNullable()
      .references('id')
      .inTable('azure_openai_accounts')
      .onDelete('CASCADE')
      .comment('The account');
    table.string('control_id', 64).notNullable().comment('Control id');
    table
      .string('severity', 16)
      .notNullable()
      .comment('Control severity when it started failing');
    table
      .string('scan_id', 64)
      .notNullable()
      .comment('The scan in which the notifier first saw it fail');
    table
      .dateTime('failing_since', { useTz: true })
      .notNullable()
      .comment('When the notifier first saw it fail');
    table
      .dateTime('notified_at', { useTz: true })
      .nullable()
      .comment(
        'When the owner was notified; null when it was not (failing when first seen, or below the minimum severity)',
      );
    table.primary(['account_id', 'control_id']);
  });

  await knex.schema.createTable('azure_openai_notification_expiry', table => {
    table.comment(
      'Expiry notices sent for waivers and attestations, one per record and stage',
    );
    table
      .string('record_kind', 16)
      .notNullable()
      .comment('waiver or attestation');
    table
      .string('record_id', 64)
      .notNullable()
      .comment('Waiver or attestation id');
    table
      .string('stage', 16)
      .notNullable()
      .comment('warning (before it expires) or expired');
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment(
        'The expiry the notice was about; a renewed record (new expiry) is notified again',
      );
    table
      .dateTime('sent_at', { useTz: true })
      .notNullable()
      .comment('When the notice was sent');
    table.primary(['record_kind', 'record_id', 'stage', 'expires_at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_openai_notification_expiry');
  await knex.schema.dropTable('azure_openai_notification_failures');
  await knex.schema.dropTable('azure_openai_notification_accounts');
};
