// postgres.js in a spec file: afterEach truncates, but nothing ever ends the client.
import { afterEach, beforeAll, expect, test } from 'vitest'
import postgres, { type Sql } from 'postgres'

let sql: Sql

beforeAll(() => {
  // Reported: afterEach cleans tables, but there is no afterAll calling sql.end().
  sql = postgres(process.env.TEST_DATABASE_URL!, { max: 1 }) // expect: client-not-closed
})

afterEach(async () => {
  await sql`truncate table report_runs`
})

test('records a report run', async () => {
  await sql`insert into report_runs (name) values ('daily')`
  const [{ n }] = await sql`select count(*)::int as n from report_runs`
  expect(n).toBe(1)
})
