// Integration test with the client created in beforeAll and disconnected in afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '@prisma/client'

let prisma: PrismaClient

beforeAll(async () => {
  // Not reported: paired with `$disconnect()` in afterAll.
  prisma = new PrismaClient({ datasourceUrl: process.env.TEST_DATABASE_URL }) // ok: client-not-closed
  await prisma.$connect()
})

afterAll(async () => {
  await prisma.$disconnect()
})

describe('users', () => {
  it('creates a user', async () => {
    const user = await prisma.user.create({ data: { email: `t${Date.now()}@example.com` } })
    expect(user.id).toBeDefined()
  })
})
