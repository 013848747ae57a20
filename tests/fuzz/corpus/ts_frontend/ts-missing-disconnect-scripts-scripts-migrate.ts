// Drizzle migrations over postgres.js, closed only after a successful migrate().
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

// Reported: if migrate() throws, sql.end() is never reached.
const sql = postgres(process.env.DATABASE_URL!, { max: 1 }) // expect: client-not-closed
const db = drizzle(sql)

await migrate(db, { migrationsFolder: './drizzle' })
await sql.end()
