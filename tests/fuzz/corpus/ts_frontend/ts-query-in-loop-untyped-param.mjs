// A helper whose `prisma` is an untyped parameter: its type is unknown, so nothing is reported.
export async function touchAll(prisma, ids) {
  for (const id of ids) {
    await prisma.user.update({ where: { id }, data: { touchedAt: new Date() } }) // ok: query-in-loop
  }
}

// Same for a differently named untyped parameter used in an array callback.
export function loadAll(db, ids) {
  return Promise.all(ids.map((id) => db.user.findUnique({ where: { id } }))) // ok: query-in-loop
}
