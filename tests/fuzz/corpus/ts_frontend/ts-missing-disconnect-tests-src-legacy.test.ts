// mysql2 connection closed at the end of one test only: a failing assertion before it leaks the connection.
import { beforeAll, expect, it } from 'vitest'
import mysql, { type Connection } from 'mysql2/promise'

let conn: Connection

beforeAll(async () => {
  // Reported: conn.end() sits at the end of a test body, not in afterAll.
  conn = await mysql.createConnection({ uri: process.env.TEST_LEGACY_DATABASE_URL }) // expect: client-not-closed
})

it('reads legacy orders', async () => {
  const [rows] = await conn.query('select id from legacy_orders limit 1')
  expect(rows).toHaveLength(1)
  await conn.end()
})
