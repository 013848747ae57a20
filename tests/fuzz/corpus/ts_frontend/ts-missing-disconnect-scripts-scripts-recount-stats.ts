// Disconnect at the end of the success path only: any thrown error skips it.
import { PrismaClient } from '@prisma/client'

// Reported: `$disconnect()` is not reached when a query above it throws.
const prisma = new PrismaClient() // expect: client-not-closed

async function main() {
  const counts = await prisma.order.groupBy({ by: ['customerId'], _count: { _all: true } })
  await prisma.customerStats.deleteMany()
  await prisma.customerStats.createMany({ data: counts.map((c) => ({ customerId: c.customerId, orders: c._count._all })) })
  await prisma.$disconnect()
}

main()
