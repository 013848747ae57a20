// The small project the VS Code checks run in: a Prisma client module and a job with an N+1 (line 4, column 11).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const JOBS = [
  "import { prisma } from '../lib/db'",
  'export async function sync(ids: string[]) {',
  '  for (const id of ids) {',
  '    await prisma.user.findUnique({ where: { id } })',
  '  }',
  '}',
  '',
].join('\n');

function makeProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'connlint-vscode-'));
  fs.mkdirSync(path.join(root, '.git'));  // the project's root, as connlint finds it
  fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
  fs.mkdirSync(path.join(root, 'src', 'jobs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'lib', 'db.ts'),
                   "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n");
  fs.writeFileSync(path.join(root, 'src', 'jobs', 'jobs.ts'), JOBS);
  return { root, jobs: path.join(root, 'src', 'jobs', 'jobs.ts'), jobsText: JOBS,
           remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

module.exports = { makeProject };
