// A script runs once, not per instance: its pool size is not reported.
import { Pool } from 'pg'

const pool = new Pool({ connectionString: process.env.EVENTS_DATABASE_URL, max: 30, connectionTimeoutMillis: 10000 }) // ok: serverless-pool-size

async function main() {
  try {
    await pool.query('update events set name = lower(name)')
  } finally {
    await pool.end()
  }
}

main()
