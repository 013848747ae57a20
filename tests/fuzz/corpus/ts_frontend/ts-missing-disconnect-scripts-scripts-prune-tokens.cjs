// CommonJS script guarded by require.main === module, with Sequelize never closed.
const { Op, Sequelize, DataTypes } = require('sequelize')

// Reported: the Sequelize pool is never closed.
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false }) // expect: client-not-closed
const Token = sequelize.define('Token', { expiresAt: DataTypes.DATE })

async function main() {
  const n = await Token.destroy({ where: { expiresAt: { [Op.lt]: new Date() } } })
  console.log(`pruned ${n} tokens`)
}

if (require.main === module) {
  main()
}
