import { literal } from './postgres.catalog';

/** HedgeDoc's database (hedgedocDatabase), reached by the superuser's psql (POSTGRES_INIT_COMMAND). */
const DATABASE = 'hedgedoc';

/**
 * SQL for psql that ends a member's HedgeDoc sessions. HedgeDoc 1.x keeps them in its database with
 * connect-session-sequelize: table "Sessions" (sid, expires, data), `data` the session as JSON text,
 * where passport puts the signed-in "Users".id under passport.user. An OAuth2 account is the "Users"
 * row whose profileid is the provider's subject (CMD_OAUTH2_USER_PROFILE_ID_ATTR=sub, see
 * hedgedoc.sso.ts). The user row stays: deleting it would take their notes' ownership with it, and
 * the provider refuses them a new sign-in. Nothing to do (and no error) before HedgeDoc made its tables.
 */
export function hedgedocEndSessionsSql(subject: string): string {
  return [
    `\\connect ${DATABASE}`,
    'DO $end$',
    'BEGIN',
    `  IF to_regclass('public."Sessions"') IS NOT NULL AND to_regclass('public."Users"') IS NOT NULL THEN`,
    `    DELETE FROM "Sessions" WHERE data::json #>> '{passport,user}' IN`,
    `      (SELECT id::text FROM "Users" WHERE profileid = ${literal(subject)});`,
    '  END IF;',
    'END',
    '$end$;',
    '',
  ].join('\n');
}
