import pg from 'pg';
import { BlastwallError } from '../../core/errors.js';

/** Login roles the broker creates: a prefix of its own, so the sweeper can find leftovers after a crash. */
export const BROKERED_ROLE_PREFIX = 'bwc_';

/** One brokered login role to create. */
export interface LoginRole {
  name: string;
  password: string;
  /** The group role it inherits privileges from (the read or the write role of the environment). */
  memberOf: string;
  /** PostgreSQL refuses its password after this, whatever happens to blastwall. */
  validUntil: Date;
}

/** Creates and drops brokered login roles with an administrative connection. */
export interface PostgresRoles {
  create(role: LoginRole): Promise<void>;
  /** Ends the role's sessions and drops it; objects it created go to `heir`. Nothing happens when it is gone. */
  drop(name: string, heir: string): Promise<void>;
  /** Brokered roles whose VALID UNTIL has passed (left behind by a crash between creating and recording). */
  expired(at: Date): Promise<string[]>;
  /** The connection URL of a role: the admin URL's host, port, database and options with the role's login. */
  urlFor(name: string, password: string): string;
  close(): Promise<void>;
}

/** Names the system in every failure, without the admin URL's password. */
function failure(what: string, error: unknown): BlastwallError {
  const message = error instanceof Error ? error.message : String(error);
  return new BlastwallError('external', `PostgreSQL issuer: ${what}: ${message}`, { cause: error });
}

/** Roles over an admin URL; connections are pooled (two at most) and bounded in time. */
export function postgresRoles(adminUrl: string): PostgresRoles {
  let parsed: URL;
  try {
    parsed = new URL(adminUrl);
  } catch (error) {
    throw failure('the admin URL is not a URL', error);
  }
  const pool = new pg.Pool({
    connectionString: adminUrl,
    max: 2,
    connectionTimeoutMillis: 5000,
    statement_timeout: 10_000,
  });
  // An idle client losing its connection must not crash the server; the next query reports it.
  pool.on('error', () => undefined);

  async function run<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failure('cannot connect with the admin URL', error);
    }
    try {
      return await work(client);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw failure(what, error);
    } finally {
      client.release();
    }
  }

  return {
    create(role) {
      if (!role.name.startsWith(BROKERED_ROLE_PREFIX))
        throw new BlastwallError(
          'internal',
          `refusing to create role ${role.name} outside the broker's prefix`,
        );
      return run(`creating role ${role.name}`, async (client) => {
        await client.query(
          `CREATE ROLE ${pg.escapeIdentifier(role.name)} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION` +
            ` PASSWORD ${pg.escapeLiteral(role.password)} VALID UNTIL ${pg.escapeLiteral(role.validUntil.toISOString())}` +
            ` IN ROLE ${pg.escapeIdentifier(role.memberOf)}`,
        );
      });
    },

    drop(name, heir) {
      // Only the broker's own roles: a corrupted row must never make it drop a real user.
      if (!name.startsWith(BROKERED_ROLE_PREFIX))
        return Promise.reject(
          new BlastwallError('internal', `refusing to drop role ${name} outside the broker's prefix`),
        );
      return run(`dropping role ${name}`, async (client) => {
        const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
        if (exists.rowCount === 0) return;
        const role = pg.escapeIdentifier(name);
        // No new logins first, then end the open sessions, so nothing acts with it while it goes.
        await client.query(`ALTER ROLE ${role} NOLOGIN`);
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [
          name,
        ]);
        await client.query('BEGIN');
        await client.query(`REASSIGN OWNED BY ${role} TO ${pg.escapeIdentifier(heir)}`);
        await client.query(`DROP OWNED BY ${role}`);
        await client.query(`DROP ROLE ${role}`);
        await client.query('COMMIT');
      });
    },

    expired(at) {
      return run('listing expired roles', async (client) => {
        const result = await client.query<{ rolname: string }>(
          'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) AND rolvaliduntil IS NOT NULL AND rolvaliduntil <= $2',
          [BROKERED_ROLE_PREFIX, at.toISOString()],
        );
        return result.rows.map((row) => row.rolname);
      });
    },

    urlFor(name, password) {
      const url = new URL(parsed.toString());
      url.username = encodeURIComponent(name);
      url.password = encodeURIComponent(password);
      return url.toString();
    },

    close: () => pool.end(),
  };
}
