// main().then(...).catch(log).finally(disconnect): the catch only logs and sets exitCode, so finally still runs.
import { PrismaClient } from '@prisma/client'

// Not reported: no process.exit in the catch.
const prisma = new PrismaClient() // ok: client-not-closed

async function main() {
  const cutoff = new Date(Date.now() - 365 * 24 * 3600 * 1000)
  return prisma.order.updateMany({ where: { createdAt: { lt: cutoff }, archived: false }, data: { archived: true } })
}

main()
  .then((r) => console.log(`archived ${r.count} orders`))
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(async () => {
    await prisma.$disconnect()
  })
