// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_openai_accounts', table => {
    table.comment('Azure OpenAI accounts seen by discovery or named by scans');
    table
      .string('id', 64)
      .primary()
      .notNullable()
      .comment('Opaque id: sha256 (hex, 32 chars) of the lower-cased ARM id');
    table
      .string('resource_key', 512)
      .notNullable()
      .unique()
      .comment('Lower-cased ARM resource id, for case-insensitive lookups');
    table
      .text('resource_id')
      .notNullable()
      .comment('ARM resource id as discovery reported it');
    table
      .string('subscription_id', 64)
      .notNullable()
      .comment('Subscription id parsed from the ARM id (lower case)');
    table
      .string('resource_group', 128)
      .notNullable()
      .comment('Resource group parsed from the ARM id');
    table.string('name', 128).notNullable().comment('Account name');
    table.string('location', 64).nullable().comment('ARM location');
    table
      .string('kind', 64)
      .nullable()
      .comment('ARM kind (OpenAI, AIServices)');
    table.text('tags').nullable().comment('ARM tags as a JSON object');
    table
      .string('owner', 255)
      .nullable()
      .comment(
        'Owner entity ref: from a claiming catalog entity, else from tags',
      );
    table
      .string('system', 255)
      .nullable()
      .comment(
        'System entity ref: from a claiming catalog entity, else from tags',
      );
    table
      .dateTime('first_seen_at', { useTz: true })
      .notNullable()
      .comment('When the account was first seen');
    table
      .dateTime('last_seen_at', { useTz: true })
      .notNullable()
      .comment('When the account was last seen');
    table
      .string('last_seen_scan_id', 64)
      .nullable()
      .comment('The scan that last saw the account');
    table
      .boolean('deleted')
      .notNullable()
      .defaultTo(false)
      .comment('True when a complete fleet scan no longer found the account');
    table
      .dateTime('deleted_at', { useTz: true })
      .nullable()
      .comment('When the account was marked deleted');
    table.index(['subscription_id'], 'azure_openai_accounts_subscription_idx');
    table.index(['owner'], 'azure_openai_accounts_owner_idx');
    table.index(['system'], 'azure_openai_accounts_system_idx');
    table.index(['name'], 'azure_openai_accounts_name_idx');
  });

  await knex.schema.createTable('azure_openai_scans', table => {
    table.comment('Scans: scheduled fleet scans and on-demand scans');
    table.string('id', 64).primary().notNullable().comment('Scan id (uuid)');
    table.string('trigger', 32).notNullable().comment('schedule or manual');
    table
      .string('requested_by', 255)
      .nullable()
      .comment('Entity ref of the user or service that asked for the scan');
    table
      .text('target')
      .notNullable()
      .comment(
        'JSON: { type: fleet } or { type: accounts, resourceIds, entityRef? }',
      );
    table
      .string('status', 32)
      .notNullable()
      .comment('queued, running, completed or failed');
    table
      .dateTime('created_at', { useTz: true })
      .notNullable()
      .comment('When the scan was requested');
    table
      .dateTime('started_at', { useTz: true })
      .nullable()
      .comment('When the scan started');
    table
      .dateTime('finished_at', { useTz: true })
      .nullable()
      .comment('When the scan finished');
    table
      .integer('accounts_total')
      .notNullable()
      .defaultTo(0)
      .comment('Accounts discovered so far');
    table
      .integer('accounts_done')
      .notNullable()
      .defaultTo(0)
      .comment('Accounts evaluated and stored');
    table
      .integer('accounts_failed')
      .notNullable()
      .defaultTo(0)
      .comment('Accounts whose evidence collection failed as a whole');
    table.text('error').nullable().comment('Why the scan failed, if it did');
    table.index(['created_at'], 'azure_openai_scans_created_idx');
  });

  await knex.schema.createTable('azure_openai_results', table => {
    table.comment('History: the evaluation of one account in one scan');
    table.bigIncrements('id').primary().comment('Result id');
    table
      .string('scan_id', 64)
      .notNullable()
      .references('id')
      .inTable('azure_openai_scans')
      .onDelete('CASCADE')
      .comment('The scan');
    table
      .string('account_id', 64)
      .notNullable()
      .references('id')
      .inTable('azure_openai_accounts')
      .onDelete('CASCADE')
      .comment('The account');
    table
      .dateTime('evaluated_at', { useTz: true })
      .notNullable()
      .comment('Evaluation time');
    table
      .string('status', 16)
      .notNullable()
      .comment('ok, or error when evidence collection failed as a whole');
    table.text('error').nullable().comment('Collection error, if any');
    table.double('score').notNullable().comment('Score 0-100');
    table.string('grade', 1).notNullable().comment('Grade A-F');
    table
      .boolean('capped')
      .notNullable()
      .comment('Critical failure capped the grade');
    table.double('earned_weight').notNullable().comment('Earned weight');
    table.double('scored_weight').notNullable().comment('Scored weight');
    table.text('counts').notNullable().comment('JSON: result count per status');
    table
      .text('results')
      .notNullable()
      .comment('JSON: control results with their evidence');
    table
      .text('diff')
      .nullable()
      .comment('JSON: changes against the previous result of the account');
    table.index(
      ['account_id', 'evaluated_at'],
      'azure_openai_results_account_idx',
    );
    table.index(['scan_id'], 'azure_openai_results_scan_idx');
  });

  await knex.schema.createTable('azure_openai_latest', table => {
    table.comment('Latest posture of each account, for fast reads');
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
      .comment('The result row this is a copy of');
    table.string('scan_id', 64).notNullable().comment('The scan');
    table
      .dateTime('evaluated_at', { useTz: true })
      .notNullable()
      .comment('Evaluation time');
    table.string('status', 16).notNullable().comment('ok or error');
    table.double('score').notNullable().comment('Score 0-100');
    table.string('grade', 1).notNullable().comment('Grade A-F');
    table
      .boolean('capped')
      .notNullable()
      .comment('Critical failure capped the grade');
    table.double('earned_weight').notNullable().comment('Earned weight');
    table.double('scored_weight').notNullable().comment('Scored weight');
    table
      .integer('failing_count')
      .notNullable()
      .comment('Controls with status fail');
    table
      .integer('unknown_count')
      .notNullable()
      .comment('Controls with status unknown');
    table.index(['score', 'account_id'], 'azure_openai_latest_score_idx');
    table.index(['grade', 'account_id'], 'azure_openai_latest_grade_idx');
    table.index(
      ['evaluated_at', 'account_id'],
      'azure_openai_latest_evaluated_idx',
    );
  });

  await knex.schema.createTable('azure_openai_latest_findings', table => {
    table.comment(
      'Failing and unknown controls of the latest posture, for filters',
    );
    table
      .string('account_id', 64)
      .notNullable()
      .references('id')
      .inTable('azure_openai_accounts')
      .onDelete('CASCADE')
      .comment('The account');
    table.string('control_id', 64).notNullable().comment('Control id');
    table.string('severity', 16).notNullable().comment('Control severity');
    table.string('status', 32).notNullable().comment('fail or unknown');
    table.primary(['account_id', 'control_id']);
    table.index(['control_id', 'status'], 'azure_openai_findings_control_idx');
    table.index(['severity', 'status'], 'azure_openai_findings_severity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_openai_latest_findings');
  await knex.schema.dropTable('azure_openai_latest');
  await knex.schema.dropTable('azure_openai_results');
  await knex.schema.dropTable('azure_openai_scans');
  await knex.schema.dropTable('azure_openai_accounts');
};
