// Files under __tests__/ are tests too, even without a .test/.spec suffix.
import { afterAll, expect, it } from 'vitest'
import postgres from 'postgres'

// Not reported: a test's own postgres.js client, ended in afterAll.
const sql = postgres(process.env.TEST_DATABASE_URL!, { max: 1 }) // ok: client-in-many-modules, client-not-closed

afterAll(() => sql.end())

it('finds documents by keyword', async () => {
  const rows = await sql`select id from documents where tsv @@ plainto_tsquery('invoice') limit 1`
  expect(rows.length).toBe(1)
})
