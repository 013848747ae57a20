// Prisma 7 (generated client + PrismaPg adapter) in a script that forgets to disconnect.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client'

// Reported: never disconnected; the adapter's pg pool stays open until the process dies.
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) }) // expect: client-not-closed

const { count } = await prisma.account.updateMany({ where: { plan: 'pro' }, data: { credits: { increment: 100 } } })
console.log(`granted credits to ${count} accounts`)
