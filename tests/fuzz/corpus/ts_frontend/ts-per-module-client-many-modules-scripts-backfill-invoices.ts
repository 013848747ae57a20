// One-off script: scripts never count toward client-in-many-modules, and this one disconnects on every path.
import { PrismaClient } from '@prisma/client'

// Not reported: module-scope client in a script under scripts/.
const prisma = new PrismaClient() // ok: client-in-many-modules, client-not-closed

async function main() {
  const { count } = await prisma.invoice.updateMany({ where: { currency: null }, data: { currency: 'EUR' } })
  console.log(`backfilled ${count} invoices`)
}

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
