// knex destroyed in finally.
import knex from 'knex'

// Not reported: db.destroy() in finally.
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 1 } }) // ok: client-not-closed

try {
  const removed = await db('audit_log').where('created_at', '<', db.raw("now() - interval '90 days'")).delete()
  console.log(`removed ${removed} rows`)
} finally {
  await db.destroy()
}
