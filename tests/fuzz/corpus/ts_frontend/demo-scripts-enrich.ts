// Incident 3: a one-off enrichment script. It creates its own client, updates users one at a
// time, and exits without `$disconnect()`, so the pooler keeps its sessions until they time out.
import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // expect: client-not-closed

type Person = { company?: { name?: string } }

async function main() {
  const users = await prisma.user.findMany({ where: { enrichedAt: null }, take: 500 })
  for (const user of users) {
    const res = await fetch(`${process.env.ENRICH_API_URL}?email=${encodeURIComponent(user.email)}`)
    if (!res.ok) continue
    const person = (await res.json()) as Person
    await prisma.user.update({ // expect: query-in-loop
      where: { id: user.id },
      data: { company: person.company?.name ?? null, enrichedAt: new Date() },
    })
  }
  console.log(`enriched ${users.length} users`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
