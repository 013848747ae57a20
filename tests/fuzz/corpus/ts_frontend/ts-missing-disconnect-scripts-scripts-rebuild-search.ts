// The pattern incident 3 asks for: try { ... } finally { await prisma.$disconnect() }.
import { PrismaClient } from '@prisma/client'

// Not reported: disconnected in finally, on every path.
const prisma = new PrismaClient() // ok: client-not-closed

async function main() {
  try {
    await prisma.$executeRaw`refresh materialized view concurrently product_search`
  } finally {
    await prisma.$disconnect()
  }
}

main()
