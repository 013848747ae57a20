// Sequelize with nested describe blocks; the outer afterAll closes it.
import { Sequelize } from 'sequelize'

describe('sequelize models', () => {
  let sequelize: Sequelize

  beforeAll(async () => {
    // Not reported: sequelize.close() in afterAll.
    sequelize = new Sequelize(process.env.TEST_DATABASE_URL!, { logging: false }) // ok: client-not-closed
    await sequelize.authenticate()
  })

  afterAll(async () => {
    await sequelize.close()
  })

  describe('raw queries', () => {
    it('selects one', async () => {
      const [rows] = await sequelize.query('select 1 as one')
      expect(rows).toEqual([{ one: 1 }])
    })
  })
})
