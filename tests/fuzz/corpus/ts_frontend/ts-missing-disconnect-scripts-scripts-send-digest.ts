// main().finally(() => prisma.$disconnect()): closes whether main resolves or rejects.
import { PrismaClient } from '@prisma/client'

// Not reported: the finally handler always runs (no process.exit before it).
const prisma = new PrismaClient() // ok: client-not-closed

async function main() {
  const subscribers = await prisma.subscriber.findMany({ where: { digest: 'weekly' }, select: { email: true } })
  console.log(`would send the digest to ${subscribers.length} subscribers`)
}

main().finally(() => prisma.$disconnect())
