// @ts-check

/**
 * The control and the scope (an account or an entity) a row is about.
 *
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
function controlAndScope(table) {
  table.string('control_id', 64).notNullable().comment('Control id');
  table.string('scope_type', 16).notNullable().comment('account or entity');
  table
    .string('scope_key', 512)
    .notNullable()
    .comment('Lower-cased ARM id or entity ref, for case-insensitive lookups');
  table
    .text('scope_value')
    .notNullable()
    .comment('ARM id or entity ref as given');
}

/**
 * Governance: waivers, attestations and the append-only history of every change to them. Rows
 * are never deleted: a waiver ends rejected, revoked or expired, an attestation superseded or
 * expired, and the history keeps every step.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_openai_waivers', table => {
    table.comment(
      'Waivers: accepted risks for one control, for a limited time',
    );
    table.string('id', 64).primary().notNullable().comment('Waiver id (uuid)');
    controlAndScope(table);
    table.text('reason').notNullable().comment('Why the control cannot pass');
    table.text('risk_accepted').notNullable().comment('The risk accepted');
    table
      .text('compensating_control')
      .notNullable()
      .comment('What mitigates the risk meanwhile');
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment('When the waiver stops applying');
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'requested, approved, rejected, revoked or expired (approved and requested past expires_at read as expired)',
      );
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('User entity ref of the requester');
    table
      .dateTime('requested_at', { useTz: true })
      .notNullable()
      .comment('When it was requested');
    table
      .string('decided_by', 255)
      .nullable()
      .comment('User entity ref of the approver or rejecter');
    table
      .dateTime('decided_at', { useTz: true })
      .nullable()
      .comment('When it was approved or rejected');
    table.text('decision_comment').nullable().comment('Decision comment');
    table
      .string('revoked_by', 255)
      .nullable()
      .comment('User entity ref of who revoked it');
    table
      .dateTime('revoked_at', { useTz: true })
      .nullable()
      .comment('When it was revoked');
    table.index(
      ['scope_key', 'control_id'],
      'azure_openai_waivers_scope_control_idx',
    );
    table.index(['status', 'expires_at'], 'azure_openai_waivers_status_idx');
  });

  await knex.schema.createTable('azure_openai_attestations', table => {
    table.comment('Attestations: statements that a manual control is met');
    table
      .string('id', 64)
      .primary()
      .notNullable()
      .comment('Attestation id (uuid)');
    controlAndScope(table);
    table.text('statement').notNullable().comment('The statement');
    table.text('evidence_url').notNullable().comment('Link to the evidence');
    table
      .string('author', 255)
      .notNullable()
      .comment('User entity ref of the author');
    table
      .dateTime('created_at', { useTz: true })
      .notNullable()
      .comment('When it was made');
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment('When it stops applying');
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'active, superseded or expired (active past expires_at reads as expired)',
      );
    table
      .string('superseded_by', 64)
      .nullable()
      .comment('The attestation that replaced this one');
    table.index(
      ['scope_key', 'control_id'],
      'azure_openai_attestations_scope_control_idx',
    );
    table.index(
      ['status', 'expires_at'],
      'azure_openai_attestations_status_idx',
    );
  });

  await knex.schema.createTable('azure_openai_governance_events', table => {
    table.comment(
      'Append-only history of every change to waivers and attestations',
    );
    table.bigIncrements('seq').primary().comment('Insertion order');
    table.string('id', 64).notNullable().unique().comment('Event id (uuid)');
    table
      .string('kind', 32)
      .notNullable()
      .comment('waiver.requested, waiver.approved, ..., attestation.expired');
    table
      .string('actor', 255)
      .notNullable()
      .comment('User entity ref, or system for expiry');
    table
      .dateTime('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    controlAndScope(table);
    table.string('waiver_id', 64).nullable().comment('The waiver');
    table.string('attestation_id', 64).nullable().comment('The attestation');
    table
      .text('details')
      .nullable()
      .comment('JSON object of strings: what changed');
    table.index(['scope_key', 'at'], 'azure_openai_governance_scope_idx');
    table.index(['control_id', 'at'], 'azure_openai_governance_control_idx');
    table.index(['at'], 'azure_openai_governance_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_openai_governance_events');
  await knex.schema.dropTable('azure_openai_attestations');
  await knex.schema.dropTable('azure_openai_waivers');
};
