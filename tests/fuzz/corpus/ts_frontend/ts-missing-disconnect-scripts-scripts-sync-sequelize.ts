// Sequelize schema sync, closed in finally.
import { DataTypes, Sequelize } from 'sequelize'

// Not reported: sequelize.close() in finally.
const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false }) // ok: client-not-closed

sequelize.define('FeatureFlag', { key: { type: DataTypes.STRING, unique: true }, enabled: DataTypes.BOOLEAN })

try {
  await sequelize.sync({ alter: true })
} finally {
  await sequelize.close()
}
