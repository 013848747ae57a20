// knex constructed at module scope of a test file and destroyed in afterAll.
import { afterAll, expect, it } from 'vitest'
import knex from 'knex'

// Not reported: afterAll calls db.destroy().
const db = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL }) // ok: client-not-closed

afterAll(() => db.destroy())

it('has migrations applied', async () => {
  const [{ n }] = await db('knex_migrations').count({ n: '*' })
  expect(Number(n)).toBeGreaterThan(0)
})
