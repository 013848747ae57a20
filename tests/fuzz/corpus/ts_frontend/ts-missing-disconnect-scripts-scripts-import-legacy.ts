// mysql2 pool ended at the end of main, but an early return skips it.
import mysql from 'mysql2/promise'

async function main() {
  // Reported: the early return (and any throw) leaves the pool open.
  const pool = mysql.createPool({ uri: process.env.LEGACY_DATABASE_URL, connectionLimit: 2 }) // expect: client-not-closed
  const [rows] = await pool.query('select count(*) as n from legacy_orders where migrated = 0')
  if ((rows as { n: number }[])[0].n === 0) {
    console.log('nothing to import')
    return
  }
  await pool.execute('update legacy_orders set migrated = 1 where migrated = 0')
  await pool.end()
}

main()
