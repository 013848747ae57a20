// Kysely script with db.destroy() in finally.
import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'
import type { DB } from '../src/db/types'

// Not reported: db.destroy() (which ends the pg pool) in finally.
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: process.env.DATABASE_URL }) }) }) // ok: client-not-closed

try {
  const row = await db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()
  console.log(row?.n)
} finally {
  await db.destroy()
}
