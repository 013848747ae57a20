// The `.catch(process.exit).finally(disconnect)` trap: process.exit in the catch ends the process before finally runs.
import { PrismaClient } from '@prisma/client'

// Reported: on failure, process.exit(1) skips the finally, so the client is not closed on that path.
const prisma = new PrismaClient() // expect: client-not-closed

async function main() {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
  console.log(`deleted ${count} sessions`)
}

main()
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
  .finally(() => prisma.$disconnect())
