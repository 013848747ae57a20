// Neon serverless Pool in a script: main().catch(log).finally(end) without process.exit.
import { Pool } from '@neondatabase/serverless'

// Not reported: the catch only logs, so pool.end() in finally runs on every path.
const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // ok: client-not-closed

async function main() {
  const { rows } = await pool.query('select version()')
  console.log(rows[0].version)
}

main()
  .catch(console.error)
  .finally(() => pool.end())
