#!/usr/bin/env node
// A CLI under bin/ (with a shebang): a script, so its client does not count as another application module.
import postgres from 'postgres'

// Not reported: the CLI's own single-connection client, ended in finally.
const sql = postgres(process.env.DATABASE_URL, { max: 1 }) // ok: client-in-many-modules, client-not-closed

try {
  await sql`refresh materialized view concurrently document_search`
} finally {
  await sql.end({ timeout: 5 })
}
