// A helper that returns the client together with its cleanup hook: the caller owns the close.
import postgres from 'postgres'

export function openDb() {
  // Not reported: the function hands back `close`; closing is the caller's job.
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 }) // ok: client-not-closed
  return { sql, close: () => sql.end({ timeout: 5 }) }
}
