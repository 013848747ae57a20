// TypeORM: afterAll exists, but it only drops the schema; the DataSource is never destroyed.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DataSource } from 'typeorm'
import { AuditEntry } from './audit-entry.entity'

let dataSource: DataSource

beforeAll(async () => {
  // Reported: afterAll calls dropDatabase(), not destroy().
  dataSource = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL, entities: [AuditEntry], synchronize: true }) // expect: client-not-closed
  await dataSource.initialize()
})

afterAll(async () => {
  await dataSource.dropDatabase()
})

it('stores an audit entry', async () => {
  const saved = await dataSource.getRepository(AuditEntry).save({ userId: 'u1', action: 'login' })
  expect(saved.id).toBeGreaterThan(0)
})
