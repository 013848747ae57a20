// CommonJS: the project's only client module, `require('pg')` + `module.exports`.
const { Pool } = require('pg')

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) // expect: pool-without-connection-timeout

// Reported: a loop in the same file as the require('pg') construction.
async function warmCache(keys) {
  const values = {}
  for (const key of keys) {
    const { rows } = await pool.query('SELECT value FROM settings WHERE key = $1', [key]) // expect: query-in-loop
    values[key] = rows[0] && rows[0].value
  }
  return values
}

module.exports = { pool, warmCache }
