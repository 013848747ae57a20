// TypeORM DataSource initialised in a script and never destroyed.
import { DataSource } from 'typeorm'
import { AuditEntry } from '../src/entities/audit-entry'

// Reported: AppDataSource.destroy() is missing.
const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [AuditEntry] }) // expect: client-not-closed

async function main() {
  await AppDataSource.initialize()
  const n = await AppDataSource.getRepository(AuditEntry).count()
  console.log(`${n} audit entries`)
}

main()
