// Uses the cleanup hook from ./lib/open-db in finally.
import { openDb } from './lib/open-db'

const { sql, close } = openDb()
try {
  const [usage] = await sql`select count(distinct user_id) as dau from events where at > now() - interval '1 day'`
  console.log(`DAU: ${usage.dau}`)
} finally {
  await close()
}
