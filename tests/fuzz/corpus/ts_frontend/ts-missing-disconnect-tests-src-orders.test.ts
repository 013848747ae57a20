// A pg pool created in beforeAll and never ended: the test runner hangs or leaks connections between files.
import { beforeAll, describe, expect, it } from 'vitest'
import { Pool } from 'pg'

let pool: Pool

beforeAll(() => {
  // Reported: there is no afterAll with pool.end().
  pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 2 }) // expect: client-not-closed
})

describe('orders', () => {
  it('has the status column', async () => {
    const { rows } = await pool.query("select column_name from information_schema.columns where table_name = 'orders'")
    expect(rows.map((r) => r.column_name)).toContain('status')
  })
})
