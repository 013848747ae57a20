// Plain JavaScript with ESM imports: a one-off backfill script.
import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

function slugify(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

// Reported: one update per post, in a .js file.
async function main() {
  const posts = await prisma.post.findMany({ where: { slug: null } }) // ok: query-in-loop
  for (const post of posts) {
    await prisma.post.update({ where: { id: post.id }, data: { slug: slugify(post.title) } }) // expect: query-in-loop
  }
}

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
