// Home page (server component): the newest users, via the shared client; one query.
import { prisma } from '@/lib/prisma'
import { UserCard } from '@/components/UserCard'

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const users = await prisma.user.findMany({
    select: { id: true, email: true, name: true, company: true },
    orderBy: { createdAt: 'desc' },
    take: 12,
  })
  return (
    <main>
      <h1>Newest users</h1>
      {users.map((u) => (
        <UserCard key={u.id} user={u} />
      ))}
    </main>
  )
}
