#!/usr/bin/env node
// A shebang CLI that ends its postgres.js client in finally.
import postgres from 'postgres'

// Not reported: sql.end() in finally.
const sql = postgres(process.env.POSTGRES_URL, { max: 1, connect_timeout: 5 }) // ok: client-not-closed

try {
  await sql`select 1`
  console.log('database reachable')
} finally {
  await sql.end({ timeout: 2 })
}
