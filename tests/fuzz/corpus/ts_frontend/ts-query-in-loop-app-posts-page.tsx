// Next.js (app router) server component: an N+1 fan-out while preparing rows for JSX.
import { prisma } from '../../lib/prisma'

export default async function PostsPage() {
  const posts = await prisma.post.findMany({ orderBy: { createdAt: 'desc' }, take: 20 }) // ok: query-in-loop

  // Reported: one author lookup per post, all concurrently.
  const rows = await Promise.all(
    posts.map(async (post) => {
      const author = await prisma.user.findUnique({ where: { id: post.authorId } }) // expect: query-in-loop
      return { ...post, authorName: author?.name ?? 'unknown' }
    }),
  )

  // Not reported: mapping plain rows to JSX.
  return (
    <ul>
      {rows.map((row) => ( // ok: query-in-loop
        <li key={row.id}>
          {row.title} by {row.authorName}
        </li>
      ))}
    </ul>
  )
}
