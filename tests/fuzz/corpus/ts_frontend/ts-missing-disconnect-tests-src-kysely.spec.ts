// Kysely in a spec file, destroyed in afterAll.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'
import type { DB } from './db-types'

let db: Kysely<DB>

beforeAll(() => {
  // Not reported: db.destroy() in afterAll ends the pg pool too.
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: process.env.TEST_DATABASE_URL }) }) }) // ok: client-not-closed
})

afterAll(async () => {
  await db.destroy()
})

it('finds no orphaned line items', async () => {
  const orphans = await db.selectFrom('line_items').leftJoin('orders', 'orders.id', 'line_items.order_id').where('orders.id', 'is', null).select('line_items.id').execute()
  expect(orphans).toEqual([])
})
