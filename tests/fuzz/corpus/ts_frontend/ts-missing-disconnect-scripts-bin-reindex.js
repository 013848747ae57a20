#!/usr/bin/env node
// Incident 1's script variant: postgres(url, { max: 1 }) and never sql.end().
import postgres from 'postgres'

// Reported: a CLI under bin/ that never ends its postgres.js client.
const sql = postgres(process.env.POSTGRES_URL, { max: 1 }) // expect: client-not-closed

await sql`reindex table concurrently documents`
console.log('reindexed')
