// node-postgres Pool in a top-level-await script that never ends the pool.
import { Pool } from 'pg'

// Reported: pool.end() is never called.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 }) // expect: client-not-closed

const { rows } = await pool.query('select relname, n_dead_tup from pg_stat_user_tables order by n_dead_tup desc limit 10')
console.table(rows)
