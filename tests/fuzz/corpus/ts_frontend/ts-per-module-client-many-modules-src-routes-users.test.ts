// Test files never count toward client-in-many-modules; this one also closes its client in afterAll.
import { afterAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '@prisma/client'

// Not reported: a module-scope client in a *.test.ts file, disconnected after the suite.
const prisma = new PrismaClient() // ok: client-in-many-modules, client-not-closed

afterAll(async () => {
  await prisma.$disconnect()
})

describe('users', () => {
  it('seeds an admin', async () => {
    expect(await prisma.user.count({ where: { role: 'ADMIN' } })).toBeGreaterThan(0)
  })
})
