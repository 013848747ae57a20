// node-postgres Client in a top-level-await script, ended in finally.
import { writeFile } from 'node:fs/promises'
import { Client } from 'pg'

// Not reported: client.end() in finally.
const client = new Client({ connectionString: process.env.DATABASE_URL }) // ok: client-not-closed
await client.connect()
try {
  const { rows } = await client.query('select id, email, created_at from accounts order by id')
  await writeFile('accounts.json', JSON.stringify(rows))
} finally {
  await client.end()
}
