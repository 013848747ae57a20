// Incident 3: a one-off enrichment script that never disconnects; the pooler keeps its sessions for minutes.
import { PrismaClient } from '@prisma/client'

// Reported: created, used, never `$disconnect()`ed.
const prisma = new PrismaClient() // expect: client-not-closed

async function main() {
  const missing = await prisma.company.findMany({ where: { industry: null }, select: { id: true, domain: true } })
  await prisma.company.updateMany({ where: { id: { in: missing.map((c) => c.id) } }, data: { industry: 'unknown' } })
  console.log(`marked ${missing.length} companies`)
}

main()
